package clay.fs.find;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small English resolver for the time words people use when looking for files: today, yesterday, weekday names
 * (the most recent past one), this/last week/month/year, N days/weeks ago, past N days, recently, month names,
 * ISO dates. Weeks start on Monday.
 */
public final class SimpleTimeResolver implements TimeResolver {
    private static final Map<String, Integer> NUMBERS = Map.of("a", 1, "one", 1, "two", 2, "three", 3, "four", 4, "five", 5,
            "six", 6, "seven", 7, "ten", 10, "a couple of", 2);
    private static final String NUM = "(\\d{1,3}|a couple of|a|one|two|three|four|five|six|seven|ten)";
    private static final Pattern ISO = Pattern.compile("\\b(?:on\\s+)?(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern AGO = Pattern.compile("\\b" + NUM + "\\s+(day|week|month)s?\\s+ago\\b");
    private static final Pattern PAST = Pattern.compile("\\b(?:in\\s+the\\s+)?(?:past|last)\\s+(\\d{1,3}|two|three|four|five|six|seven|ten)\\s+(day|week|month)s\\b");
    private static final Pattern RELATIVE = Pattern.compile("\\b(this|last|previous|past)\\s+(week|month|year|weekend)\\b");
    private static final Pattern SIMPLE = Pattern.compile("\\b(today|yesterday|recently|lately|the other day)\\b");
    private static final Pattern WEEKDAY = Pattern.compile(
            "\\b(?:(?:on|last|this|past)\\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b");
    private static final Pattern MONTH = Pattern.compile(
            "\\b(?:in|during|from|last)\\s+(january|february|march|april|may|june|july|august|september|october|november|december)(?:\\s+(\\d{4}))?\\b");

    @Override
    public Optional<TimeSpan> resolve(String text, ZonedDateTime now) {
        String t = text.toLowerCase(Locale.ROOT);
        LocalDate today = now.toLocalDate();
        Matcher m;
        if ((m = ISO.matcher(t)).find()) {
            try {
                LocalDate d = LocalDate.parse(m.group(1));
                return Optional.of(days(d, d.plusDays(1), d.toString(), m.group(), now));
            } catch (java.time.format.DateTimeParseException e) {
                // not a date after all; look for other expressions
            }
        }
        if ((m = AGO.matcher(t)).find()) {
            int n = number(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "day" -> days(today.minusDays(n), today.minusDays(n - 1), n + " days ago (" + today.minusDays(n) + ")", m.group(), now);
                case "week" -> {
                    LocalDate mon = monday(today).minusWeeks(n);
                    yield days(mon, mon.plusWeeks(1), "the week of " + mon + " (" + n + " weeks ago)", m.group(), now);
                }
                default -> {
                    LocalDate first = today.withDayOfMonth(1).minusMonths(n);
                    yield days(first, first.plusMonths(1), month(first) + " (" + n + " months ago)", m.group(), now);
                }
            });
        }
        if ((m = PAST.matcher(t)).find()) {
            int n = number(m.group(1));
            LocalDate from = switch (m.group(2)) {
                case "day" -> today.minusDays(n - 1);
                case "week" -> today.minusWeeks(n);
                default -> today.minusMonths(n);
            };
            return Optional.of(days(from, today.plusDays(1), "the past " + n + " " + m.group(2) + "s (since " + from + ")", m.group(), now));
        }
        if ((m = RELATIVE.matcher(t)).find()) {
            boolean last = !m.group(1).equals("this");
            return Optional.of(switch (m.group(2)) {
                case "week" -> {
                    LocalDate mon = monday(today).minusWeeks(last ? 1 : 0);
                    yield days(mon, mon.plusWeeks(1), (last ? "last week" : "this week") + " (" + mon + " to " + mon.plusDays(6) + ")", m.group(), now);
                }
                case "weekend" -> {
                    LocalDate sat = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SATURDAY));
                    if (last && !today.isAfter(sat.plusDays(1))) sat = sat.minusWeeks(today.getDayOfWeek().getValue() >= 6 ? 1 : 0);
                    yield days(sat, sat.plusDays(2), "the weekend of " + sat, m.group(), now);
                }
                case "month" -> {
                    LocalDate first = today.withDayOfMonth(1).minusMonths(last ? 1 : 0);
                    yield days(first, first.plusMonths(1), (last ? "last month (" : "this month (") + month(first) + ")", m.group(), now);
                }
                default -> {
                    LocalDate first = today.withDayOfYear(1).minusYears(last ? 1 : 0);
                    yield days(first, first.plusYears(1), (last ? "last year (" : "this year (") + first.getYear() + ")", m.group(), now);
                }
            });
        }
        if ((m = SIMPLE.matcher(t)).find()) {
            return Optional.of(switch (m.group(1)) {
                case "today" -> days(today, today.plusDays(1), "today (" + today + ")", m.group(), now);
                case "yesterday" -> days(today.minusDays(1), today, "yesterday (" + today.minusDays(1) + ")", m.group(), now);
                default -> days(today.minusDays(13), today.plusDays(1), "recently (the past 14 days)", m.group(), now);
            });
        }
        if ((m = WEEKDAY.matcher(t)).find()) {
            DayOfWeek dow = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            LocalDate d = today.with(TemporalAdjusters.previous(dow));
            String name = dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            return Optional.of(days(d, d.plusDays(1), name + ", " + d, m.group(), now));
        }
        if ((m = MONTH.matcher(t)).find()) {
            Month month = Month.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            int year = m.group(2) != null ? Integer.parseInt(m.group(2))
                    : (month.getValue() <= today.getMonthValue() ? today.getYear() : today.getYear() - 1);
            LocalDate first = LocalDate.of(year, month, 1);
            return Optional.of(days(first, first.plusMonths(1), month(first), m.group(), now));
        }
        return Optional.empty();
    }

    private static int number(String s) {
        Integer n = NUMBERS.get(s);
        return n != null ? n : Integer.parseInt(s);
    }

    private static LocalDate monday(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String month(LocalDate first) {
        return first.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + first.getYear();
    }

    private static TimeSpan days(LocalDate from, LocalDate to, String phrase, String matched, ZonedDateTime now) {
        return new TimeSpan(from.atStartOfDay(now.getZone()).toInstant(), to.atStartOfDay(now.getZone()).toInstant(), phrase, matched);
    }
}
