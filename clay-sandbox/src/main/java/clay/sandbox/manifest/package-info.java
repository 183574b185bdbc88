/**
 * Program sources, their capability headers ({@code @requires([...])}), hashes and resolved path grants.
 * Parsing only; no I/O beyond resolving granted paths.
 */
package clay.sandbox.manifest;
