package clay.fs.find;

import clay.intelligence.time.TimeExpressions;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link TimeResolver} ClayFS uses by default: Clay's shared {@link TimeExpressions} (the same reading of "Tuesday"
 * or "last week" the intent parser uses), resolved against the caller's {@code now}. ClayFS adds one reading of its
 * own: "recently"/"lately" mean the past 14 days.
 */
public final class IntelligenceTimeResolver implements TimeResolver {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, yyyy-MM-dd", Locale.ENGLISH);

    @Override
    public Optional<TimeSpan> resolve(String text, ZonedDateTime now) {
        String lower = text.toLowerCase(Locale.ROOT);
        TimeExpressions t = new TimeExpressions(Clock.fixed(now.toInstant(), now.getZone()), now.getZone());
        var found = t.find(lower.replaceAll("\\b(recently|lately)\\b", "past 14 days"));
        if (found.isEmpty()) return Optional.empty();
        var f = found.getFirst();
        var r = f.range();
        String matched = lower.matches("(?s).*\\b(recently|lately)\\b.*") && !lower.contains("past 14 days")
                ? firstOf(lower, "recently", "lately") : lower.substring(f.start(), f.end());
        boolean oneDay = r.end().equals(r.start().toLocalDate().plusDays(1).atStartOfDay(r.start().getZone()));
        String phrase = oneDay ? r.start().format(DAY)
                : r.start().toLocalDate() + " to " + r.end().minusNanos(1).toLocalDate();
        return Optional.of(new TimeSpan(r.start().toInstant(), r.end().toInstant(), "\"" + matched.strip() + "\" = " + phrase, matched));
    }

    private static String firstOf(String s, String... words) {
        for (String w : words) if (s.contains(w)) return w;
        return "";
    }
}
