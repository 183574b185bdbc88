package clay.fs.find;

import java.time.Instant;

/**
 * A half-open time range [from, to) a query talks about.
 *
 * @param phrase how it was read, for explanations ("Tuesday, 2026-11-24")
 * @param matched the words of the query that said it, so they can be taken out of the text to search
 */
public record TimeSpan(Instant from, Instant to, String phrase, String matched) {
    public TimeSpan {
        if (!from.isBefore(to)) throw new IllegalArgumentException("time span must have from < to: " + from + " .. " + to);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
