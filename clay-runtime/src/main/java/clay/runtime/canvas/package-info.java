/**
 * The canvas inside the runtime: serves the canvas web app at {@code /}, its WebSocket and {@code /api/canvas} routes,
 * and the skills that answer with surfaces (compare documents, open a document).
 */
package clay.runtime.canvas;
