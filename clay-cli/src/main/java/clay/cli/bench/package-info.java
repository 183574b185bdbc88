/** {@code clay bench ...}: benchmarks that print their figures (and JSON with --json). */
package clay.cli.bench;
