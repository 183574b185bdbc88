/**
 * Recall: the memories relevant to a request, with their sources, inside a token budget (what the context manager
 * calls), and answers to "what did I decide about X last week?" from memory alone.
 */
package clay.memory.recall;
