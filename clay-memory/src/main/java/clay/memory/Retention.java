package clay.memory;

import clay.core.InvalidInputException;
import java.time.Duration;
import java.util.Optional;

/**
 * How long each kind of memory is kept; empty means for ever. The answer to "how much should the AI remember?" that
 * the user sets ({@code clay memory retention episodes 90d}).
 *
 * @param episodes how long interactions are kept
 * @param facts how long facts are kept after they last changed
 */
public record Retention(Optional<Duration> episodes, Optional<Duration> facts) {
    public Retention {
        episodes.ifPresent(Retention::check);
        facts.ifPresent(Retention::check);
    }

    /** Episodes for a year, facts until forgotten. */
    public static Retention defaults() {
        return new Retention(Optional.of(Duration.ofDays(365)), Optional.empty());
    }

    /** Parses {@code 30d}, {@code 12h}, {@code forever}. */
    public static Optional<Duration> parse(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("forever") || t.equals("never") || t.equals("0")) return Optional.empty();
        try {
            if (t.endsWith("d")) return Optional.of(Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1))));
            if (t.endsWith("h")) return Optional.of(Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1))));
            return Optional.of(Duration.parse(s.strip()));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot read retention '" + s + "'", "write e.g. 90d, 12h or forever");
        }
    }

    public static String format(Optional<Duration> d) {
        return d.map(x -> x.toHours() % 24 == 0 ? x.toDays() + "d" : x.toHours() + "h").orElse("forever");
    }

    private static void check(Duration d) {
        if (d.isNegative() || d.isZero()) throw new InvalidInputException("retention must be positive, was " + d, "use e.g. 90d or forever");
    }
}
