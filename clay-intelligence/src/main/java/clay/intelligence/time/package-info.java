/**
 * Relative time expressions ("yesterday", "last week", "two days ago", "this morning") resolved to concrete
 * half-open ranges in the user's time zone, from an injected clock.
 */
package clay.intelligence.time;
