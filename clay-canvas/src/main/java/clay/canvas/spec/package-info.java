/**
 * The versioned surface spec format: its JSON Schema, validation with clear errors, and builders.
 * Every spec shown on the canvas passed through {@link clay.canvas.spec.SurfaceValidator}.
 */
package clay.canvas.spec;
