/**
 * Semantic memory: facts and preferences about the user, stated ("remember that ...") or extracted by the local
 * model, deduplicated and updated in place with their history and sources.
 */
package clay.memory.facts;
