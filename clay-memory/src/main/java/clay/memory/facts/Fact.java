package clay.memory.facts;

import java.time.Instant;
import java.util.List;

/**
 * Something Clay knows about the user.
 *
 * @param id database id
 * @param subject what it is about, normalised ("my constituents", "i prefer letters"); empty when none was found
 * @param text the fact as a sentence
 * @param kind {@code fact}, {@code preference} or {@code decision}
 * @param source where it came from ("stated in episode #12, 2026-11-20T09:14:00Z", "extracted by qwen from episode #3")
 * @param created when it was first learned
 * @param updated when it last changed
 * @param history earlier versions, oldest first
 */
public record Fact(long id, String subject, String text, String kind, String source, Instant created, Instant updated,
        List<Revision> history) {
    public Fact {
        history = List.copyOf(history);
    }

    /** An earlier version of a fact and where it came from. */
    public record Revision(String text, String source, Instant at) {}
}
