/**
 * The intent parser: the published intent schema and its validator, the catalog of known intents, the fast embedding
 * classifier with out-of-scope detection, the constrained-JSON model parse, parameter extraction and the benchmark.
 */
package clay.intelligence.intent;
