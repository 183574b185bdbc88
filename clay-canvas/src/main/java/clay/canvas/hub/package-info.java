/**
 * The server side of the canvas: surfaces per session, operations (focus, morph, merge, undo...), and
 * broadcasting state to connected sockets through a transport-agnostic {@link clay.canvas.hub.CanvasConnection}.
 */
package clay.canvas.hub;
