/**
 * Word-level text differences (Myers) used to highlight changes between versions of a document.
 * Pure functions, no I/O.
 */
package clay.canvas.diff;
