/**
 * Start-overhead benchmark behind {@code clay bench sandbox}: bare process against each backend.
 * Returns a result record; never asserted in tests.
 */
package clay.sandbox.bench;
