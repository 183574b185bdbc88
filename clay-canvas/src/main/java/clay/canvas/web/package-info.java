/**
 * The canvas web app's assets served from the classpath, with the strict Content-Security-Policy of the
 * canvas page and of sandboxed html frames. Transport-agnostic: the runtime maps paths to these answers.
 */
package clay.canvas.web;
