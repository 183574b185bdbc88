/**
 * Programs Clay wrote, kept in {@code clay/generated/} with manifest, hash, trust level and run history.
 * List, show, promote.
 */
package clay.sandbox.program;
