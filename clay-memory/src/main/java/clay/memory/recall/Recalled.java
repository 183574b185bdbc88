package clay.memory.recall;

import java.time.Instant;

/**
 * One memory brought back for a request.
 *
 * @param kind {@code fact} or {@code episode}
 * @param id its id, for "forget this"
 * @param text the memory in one line, as it goes into a prompt
 * @param source where it came from, to cite
 * @param at when it happened or was last confirmed
 * @param score relevance, higher is better
 * @param tokens what it costs in the budget
 */
public record Recalled(String kind, long id, String text, String source, Instant at, double score, int tokens) {}
