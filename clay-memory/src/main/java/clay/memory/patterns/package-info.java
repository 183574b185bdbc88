/**
 * Learning from usage: which intents the user starts at which times and after what, turned into suggestions (the
 * boot greeting's "Continue the HB302 letter?") that are only ever offered, never acted on.
 */
package clay.memory.patterns;
