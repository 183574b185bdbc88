/**
 * Semantic tagging: summary, tags, document type, entities, identifiers and dates.
 * A deterministic extractor always runs; a local LLM refines it with constrained JSON when one is given.
 */
package clay.fs.tagging;
