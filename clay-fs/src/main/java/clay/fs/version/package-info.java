/**
 * Versioning policy: what counts as a new version, coalescing of rapid saves, diff, restore and retention.
 * Versions live in the catalogue, their bytes in the blob store.
 */
package clay.fs.version;
