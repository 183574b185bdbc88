package clay.intelligence.time;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves English relative time expressions to concrete half-open ranges in the user's zone: "today",
 * "yesterday evening", "this morning", "tuesday", "last tuesday", "next friday", "last week", "this month",
 * "next year", "last weekend", "two days ago", "3 weeks ago", "in 2 days", "past 3 days", "earlier today", "in march",
 * "march 3", "2026-03-03". Days run midnight to midnight in the zone (23 or 25 hours on DST changes); weeks start on
 * {@code firstDayOfWeek} (Monday by default); parts of day are morning 05-12, afternoon 12-17, evening 17-21 and night
 * 21-05. A bare weekday or month means the most recent one (today's included), since people mostly look back; use
 * "next" for the future.
 *
 * <pre>{@code
 * TimeExpressions t = new TimeExpressions(Clock.systemUTC(), ZoneId.of("Europe/Berlin"));
 * Optional<TimeRange> r = t.resolve("last week");
 * }</pre>
 */
public final class TimeExpressions {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("a couple of", 2), Map.entry("a few", 3),
            Map.entry("couple of", 2), Map.entry("few", 3), Map.entry("several", 3));
    private static final String NUM = "(\\d{1,4}|a couple of|couple of|a few|few|several|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    private static final String UNIT = "(minute|hour|day|week|month|year)s?";
    private static final String DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?";
    private static final String MONTH = "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
    private static final String PART = "(morning|afternoon|evening|night)";

    private final Clock clock;
    private final ZoneId zone;
    private final DayOfWeek firstDayOfWeek;
    private final List<Rule> rules = new ArrayList<>();

    /** An expression found inside a longer text. */
    public record Found(int start, int end, TimeRange range) {}

    private record Rule(Pattern pattern, BiFunction<Matcher, ZonedDateTime, TimeRange> resolve) {}

    public TimeExpressions(Clock clock, ZoneId zone) {
        this(clock, zone, DayOfWeek.MONDAY);
    }

    public TimeExpressions(Clock clock, ZoneId zone, DayOfWeek firstDayOfWeek) {
        this.clock = clock;
        this.zone = zone;
        this.firstDayOfWeek = firstDayOfWeek;
        rule("(\\d{4})-(\\d{2})-(\\d{2})", (m, now) -> day(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)), m));
        rule("(?:the )?day before yesterday", (m, now) -> day(now.toLocalDate().minusDays(2), m));
        rule("(?:the )?day after tomorrow", (m, now) -> day(now.toLocalDate().plusDays(2), m));
        rule("last night", (m, now) -> part(now.toLocalDate().minusDays(1), "night", m));
        rule("tonight", (m, now) -> part(now.toLocalDate(), "night", m));
        rule("earlier today", (m, now) -> range(startOfDay(now.toLocalDate()), now, m));
        rule("(?:this|today) " + PART, (m, now) -> part(now.toLocalDate(), m.group(1), m));
        rule("(yesterday|tomorrow|today)(?: (?:in the )?" + PART + ")?", (m, now) -> {
            LocalDate d = now.toLocalDate().plusDays(switch (m.group(1)) { case "yesterday" -> -1; case "tomorrow" -> 1; default -> 0; });
            return m.group(2) == null ? day(d, m) : part(d, m.group(2), m);
        });
        rule("(last|this|next|coming) weekend", (m, now) -> {
            LocalDate sat = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
            if (now.getDayOfWeek() == DayOfWeek.SUNDAY) sat = now.toLocalDate().minusDays(1);
            boolean inWeekend = now.getDayOfWeek() == DayOfWeek.SATURDAY || now.getDayOfWeek() == DayOfWeek.SUNDAY;
            LocalDate thisWeekend = inWeekend ? sat : now.toLocalDate().with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
            LocalDate s = switch (m.group(1)) {
                case "last" -> inWeekend ? sat.minusWeeks(1) : now.toLocalDate().with(TemporalAdjusters.previous(DayOfWeek.SATURDAY));
                case "this" -> thisWeekend;
                default -> inWeekend ? sat.plusWeeks(1) : thisWeekend;
            };
            return range(startOfDay(s), startOfDay(s.plusDays(2)), m);
        });
        rule("(?:the )?(last|past|previous|next|coming) " + NUM + " " + UNIT, (m, now) -> {
            int n = number(m.group(2));
            ChronoUnit u = unit(m.group(3));
            boolean back = !m.group(1).equals("next") && !m.group(1).equals("coming");
            return back ? range(now.minus(n, u), now, m) : range(now, now.plus(n, u), m);
        });
        rule(NUM + " " + UNIT + " (?:ago|back|earlier)", (m, now) -> unitAt(now.minus(number(m.group(1)), unit(m.group(2))), unit(m.group(2)), m));
        rule("in " + NUM + " " + UNIT + "|" + NUM + " " + UNIT + " from now", (m, now) -> {
            String n = m.group(1) != null ? m.group(1) : m.group(3);
            ChronoUnit u = unit(m.group(2) != null ? m.group(2) : m.group(4));
            return unitAt(now.plus(number(n), u), u, m);
        });
        rule("(last|this|next|previous|coming|current) (week|month|year)", (m, now) -> {
            int offset = switch (m.group(1)) { case "last", "previous" -> -1; case "next", "coming" -> 1; default -> 0; };
            ChronoUnit u = unit(m.group(2));
            return unitAt(now.plus(offset, u), u, m);
        });
        rule("(?:(last|this|next|coming|on) )?" + DAY + "(?: " + PART + ")?", (m, now) -> {
            DayOfWeek dow = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            LocalDate today = now.toLocalDate();
            String q = m.group(1) == null ? "" : m.group(1);
            LocalDate d = switch (q) {
                case "last" -> today.with(TemporalAdjusters.previous(dow));
                case "next", "coming" -> today.with(TemporalAdjusters.next(dow));
                case "this" -> today.with(TemporalAdjusters.previousOrSame(firstDayOfWeek)).with(TemporalAdjusters.nextOrSame(dow));
                default -> today.with(TemporalAdjusters.previousOrSame(dow));
            };
            return m.group(3) == null ? day(d, m) : part(d, m.group(3), m);
        });
        rule("(?:(?:on|the) )?" + MONTH + " (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?", (m, now) ->
                monthDay(now, month(m.group(1)), num(m, 2), m.group(3), m));
        rule("(?:(?:on )?the )?(\\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH + "(?:,? (\\d{4}))?", (m, now) ->
                monthDay(now, month(m.group(2)), num(m, 1), m.group(3), m));
        rule("(?:(last|this|next|in) )?" + MONTH + "(?: (\\d{4}))?", (m, now) -> {
            Month mo = month(m.group(2));
            int year = now.getYear();
            String q = m.group(1) == null ? "" : m.group(1);
            if (m.group(3) != null) year = Integer.parseInt(m.group(3));
            else if (q.equals("next")) year = mo.getValue() > now.getMonthValue() ? year : year + 1;
            else if (q.equals("last")) year = mo.getValue() < now.getMonthValue() ? year : year - 1;
            else if (!q.equals("this") && mo.getValue() > now.getMonthValue()) year--;
            LocalDate first = LocalDate.of(year, mo, 1);
            return range(startOfDay(first), startOfDay(first.plusMonths(1)), m);
        });
    }

    private void rule(String regex, BiFunction<Matcher, ZonedDateTime, TimeRange> resolve) {
        rules.add(new Rule(Pattern.compile("\\b(?:" + regex + ")\\b"), resolve));
    }

    /** Resolves {@code expression} if the whole of it (trimmed, any case) is one time expression. */
    public Optional<TimeRange> resolve(String expression) {
        String s = normalize(expression);
        ZonedDateTime now = now();
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(s);
            if (m.matches()) return Optional.ofNullable(safe(r, m, now));
        }
        return Optional.empty();
    }

    /** Every time expression inside {@code text}, left to right, without overlaps (more specific rules win). */
    public List<Found> find(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        ZonedDateTime now = now();
        boolean[] taken = new boolean[s.length()];
        List<Found> out = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern.matcher(s);
            while (m.find()) {
                if (m.end() == m.start() || overlaps(taken, m.start(), m.end())) continue;
                if (isFalseFriend(s, m)) continue;
                TimeRange range = safe(r, m, now);
                if (range == null) continue;
                for (int i = m.start(); i < m.end(); i++) taken[i] = true;
                out.add(new Found(m.start(), m.end(), range));
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    /** "may" and "march" are also a verb; "a second" and "sat" never reach here. Keep "may" only with a qualifier or a day. */
    private static boolean isFalseFriend(String s, Matcher m) {
        String g = m.group().trim();
        return g.equals("may") || g.equals("march") && s.matches(".*\\bmarch (?:on|to|in|through)\\b.*");
    }

    private static boolean overlaps(boolean[] taken, int a, int b) {
        for (int i = a; i < b; i++) if (taken[i]) return true;
        return false;
    }

    private TimeRange safe(Rule r, Matcher m, ZonedDateTime now) {
        try {
            return r.resolve.apply(m, now);
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            return null; // "february 31" and friends: not a date, so not a time expression
        }
    }

    /** The current time in the user's zone. */
    public ZonedDateTime now() {
        return ZonedDateTime.now(clock).withZoneSameInstant(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    private TimeRange monthDay(ZonedDateTime now, Month mo, int dayOfMonth, String year, Matcher m) {
        int y = year != null ? Integer.parseInt(year) : now.getYear();
        return day(LocalDate.of(y, mo, dayOfMonth), m);
    }

    private TimeRange unitAt(ZonedDateTime t, ChronoUnit u, Matcher m) {
        LocalDate d = t.toLocalDate();
        return switch (u) {
            case MINUTES -> range(t.truncatedTo(ChronoUnit.MINUTES), t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1), m);
            case HOURS -> range(t.truncatedTo(ChronoUnit.HOURS), t.truncatedTo(ChronoUnit.HOURS).plusHours(1), m);
            case DAYS -> day(d, m);
            case WEEKS -> {
                LocalDate s = d.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
                yield range(startOfDay(s), startOfDay(s.plusWeeks(1)), m);
            }
            case MONTHS -> range(startOfDay(d.withDayOfMonth(1)), startOfDay(d.withDayOfMonth(1).plusMonths(1)), m);
            default -> range(startOfDay(d.withDayOfYear(1)), startOfDay(d.withDayOfYear(1).plusYears(1)), m);
        };
    }

    private TimeRange day(LocalDate d, Matcher m) {
        return range(startOfDay(d), startOfDay(d.plusDays(1)), m);
    }

    private TimeRange part(LocalDate d, String part, Matcher m) {
        return switch (part) {
            case "morning" -> range(at(d, 5), at(d, 12), m);
            case "afternoon" -> range(at(d, 12), at(d, 17), m);
            case "evening" -> range(at(d, 17), at(d, 21), m);
            default -> range(at(d, 21), at(d.plusDays(1), 5), m);
        };
    }

    private ZonedDateTime at(LocalDate d, int hour) {
        return ZonedDateTime.of(d, LocalTime.of(hour, 0), zone);
    }

    private ZonedDateTime startOfDay(LocalDate d) {
        return d.atStartOfDay(zone);
    }

    private static TimeRange range(ZonedDateTime a, ZonedDateTime b, Matcher m) {
        return new TimeRange(a, b, m.group().trim());
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ").replaceAll("[?.!]+$", "");
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int number(String s) {
        Integer n = NUMBERS.get(s);
        return n != null ? n : Integer.parseInt(s);
    }

    private static ChronoUnit unit(String s) {
        return switch (s.replaceAll("s$", "")) {
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            default -> ChronoUnit.YEARS;
        };
    }

    private static Month month(String s) {
        for (Month mo : Month.values()) {
            String full = mo.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (full.equals(s) || full.startsWith(s) && s.length() >= 3) return mo;
        }
        throw new IllegalArgumentException("not a month: " + s);
    }
}
