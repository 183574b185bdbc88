/**
 * The UI factory: intent plus data to surface spec through templates, or through a model constrained to the
 * surface schema with repair-or-refuse, never a half-broken surface.
 */
package clay.canvas.factory;
