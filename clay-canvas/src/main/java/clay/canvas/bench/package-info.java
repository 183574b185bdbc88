/**
 * The canvas benchmark behind {@code clay bench canvas}: intent to first painted surface, and memory with
 * 50 surfaces, measured in headless Chromium.
 */
package clay.canvas.bench;
