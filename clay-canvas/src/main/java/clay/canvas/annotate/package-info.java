/**
 * Notes a user attaches to a span of a file, kept with the file (keyed by its path and content hash).
 * The store is an interface so ClayFS can hold notes later; the default is a JSON store under ClayHome.
 */
package clay.canvas.annotate;
