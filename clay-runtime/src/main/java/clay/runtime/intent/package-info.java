/** Wires the intent parser, the intelligence router and the context manager into the runtime, with {@code /api/intents}. */
package clay.runtime.intent;
