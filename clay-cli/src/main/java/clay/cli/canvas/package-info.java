/**
 * {@code clay canvas}: open the canvas, put surfaces on it (a spec file, a document comparison), undo.
 * A thin client of the runtime's {@code /api/canvas} routes.
 */
package clay.cli.canvas;
