package clay.intelligence.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimeExpressionsTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static TimeExpressions at(String localDateTime, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone);
        return new TimeExpressions(Clock.fixed(now.toInstant(), ZoneId.of("UTC")), zone);
    }

    static TimeRange r(TimeExpressions t, String e) {
        return t.resolve(e).orElseThrow(() -> new AssertionError("not resolved: " + e));
    }

    static String span(TimeRange r) {
        return r.start().toLocalDateTime() + " .. " + r.end().toLocalDateTime();
    }

    @Test
    void daysAroundToday() {
        TimeExpressions t = at("2026-03-04T10:30", BERLIN); // a Wednesday
        assertThat(span(r(t, "today"))).isEqualTo("2026-03-04T00:00 .. 2026-03-05T00:00");
        assertThat(span(r(t, "Yesterday"))).isEqualTo("2026-03-03T00:00 .. 2026-03-04T00:00");
        assertThat(span(r(t, "tomorrow"))).isEqualTo("2026-03-05T00:00 .. 2026-03-06T00:00");
        assertThat(span(r(t, "the day before yesterday"))).isEqualTo("2026-03-02T00:00 .. 2026-03-03T00:00");
        assertThat(span(r(t, "this morning"))).isEqualTo("2026-03-04T05:00 .. 2026-03-04T12:00");
        assertThat(span(r(t, "yesterday evening"))).isEqualTo("2026-03-03T17:00 .. 2026-03-03T21:00");
        assertThat(span(r(t, "last night"))).isEqualTo("2026-03-03T21:00 .. 2026-03-04T05:00");
        assertThat(span(r(t, "earlier today"))).isEqualTo("2026-03-04T00:00 .. 2026-03-04T10:30");
        assertThat(span(r(t, "two days ago"))).isEqualTo("2026-03-02T00:00 .. 2026-03-03T00:00");
        assertThat(span(r(t, "in 3 days"))).isEqualTo("2026-03-07T00:00 .. 2026-03-08T00:00");
    }

    @Test
    void weekdaysLookBackUnlessToldOtherwise() {
        TimeExpressions wed = at("2026-03-04T10:30", BERLIN);
        assertThat(span(r(wed, "Tuesday"))).isEqualTo("2026-03-03T00:00 .. 2026-03-04T00:00");
        assertThat(span(r(wed, "last tuesday"))).isEqualTo("2026-03-03T00:00 .. 2026-03-04T00:00");
        assertThat(span(r(wed, "friday"))).isEqualTo("2026-02-27T00:00 .. 2026-02-28T00:00");
        assertThat(span(r(wed, "next tuesday"))).isEqualTo("2026-03-10T00:00 .. 2026-03-11T00:00");
        assertThat(span(r(wed, "this friday"))).isEqualTo("2026-03-06T00:00 .. 2026-03-07T00:00");
        assertThat(span(r(wed, "wednesday"))).isEqualTo("2026-03-04T00:00 .. 2026-03-05T00:00");
        assertThat(span(r(wed, "monday morning"))).isEqualTo("2026-03-02T05:00 .. 2026-03-02T12:00");
    }

    @Test
    void weeksMonthsAndYearsAcrossBoundaries() {
        TimeExpressions mon = at("2026-03-02T08:00", BERLIN);
        assertThat(span(r(mon, "last week"))).isEqualTo("2026-02-23T00:00 .. 2026-03-02T00:00");
        assertThat(span(r(mon, "this week"))).isEqualTo("2026-03-02T00:00 .. 2026-03-09T00:00");
        assertThat(span(r(mon, "last month"))).isEqualTo("2026-02-01T00:00 .. 2026-03-01T00:00");
        assertThat(span(r(mon, "yesterday"))).isEqualTo("2026-03-01T00:00 .. 2026-03-02T00:00");
        assertThat(span(r(mon, "three days ago"))).isEqualTo("2026-02-27T00:00 .. 2026-02-28T00:00");

        TimeExpressions newYear = at("2026-01-01T08:00", BERLIN); // a Thursday
        assertThat(span(r(newYear, "yesterday"))).isEqualTo("2025-12-31T00:00 .. 2026-01-01T00:00");
        assertThat(span(r(newYear, "last week"))).isEqualTo("2025-12-22T00:00 .. 2025-12-29T00:00");
        assertThat(span(r(newYear, "this week"))).isEqualTo("2025-12-29T00:00 .. 2026-01-05T00:00");
        assertThat(span(r(newYear, "last month"))).isEqualTo("2025-12-01T00:00 .. 2026-01-01T00:00");
        assertThat(span(r(newYear, "last year"))).isEqualTo("2025-01-01T00:00 .. 2026-01-01T00:00");
        assertThat(span(r(newYear, "tuesday"))).isEqualTo("2025-12-30T00:00 .. 2025-12-31T00:00");
        assertThat(span(r(newYear, "in december"))).isEqualTo("2025-12-01T00:00 .. 2026-01-01T00:00");

        TimeExpressions december = at("2026-12-15T12:00", BERLIN);
        assertThat(span(r(december, "next month"))).isEqualTo("2027-01-01T00:00 .. 2027-02-01T00:00");
        assertThat(span(r(december, "next week"))).isEqualTo("2026-12-21T00:00 .. 2026-12-28T00:00");
        assertThat(span(r(december, "march 3"))).isEqualTo("2026-03-03T00:00 .. 2026-03-04T00:00");
        assertThat(span(r(december, "2027-01-02"))).isEqualTo("2027-01-02T00:00 .. 2027-01-03T00:00");
    }

    @Test
    void leapDayAndSundayWeekStart() {
        TimeExpressions t = at("2028-03-01T09:00", BERLIN);
        assertThat(span(r(t, "yesterday"))).isEqualTo("2028-02-29T00:00 .. 2028-03-01T00:00");
        TimeExpressions us = new TimeExpressions(Clock.fixed(ZonedDateTime.of(2026, 3, 4, 9, 0, 0, 0, ZoneId.of("America/New_York")).toInstant(),
                ZoneId.of("UTC")), ZoneId.of("America/New_York"), java.time.DayOfWeek.SUNDAY);
        assertThat(span(r(us, "this week"))).isEqualTo("2026-03-01T00:00 .. 2026-03-08T00:00");
    }

    @Test
    void theSameInstantIsADifferentDayInAnotherZone() {
        Clock instant = Clock.fixed(java.time.Instant.parse("2026-03-04T23:30:00Z"), ZoneId.of("UTC"));
        TimeExpressions tokyo = new TimeExpressions(instant, ZoneId.of("Asia/Tokyo"));
        TimeExpressions la = new TimeExpressions(instant, ZoneId.of("America/Los_Angeles"));
        assertThat(span(r(tokyo, "today"))).isEqualTo("2026-03-05T00:00 .. 2026-03-06T00:00");
        assertThat(span(r(la, "today"))).isEqualTo("2026-03-04T00:00 .. 2026-03-05T00:00");
        assertThat(r(tokyo, "today").start().getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
        assertThat(r(tokyo, "today").toParameter().get("start")).isEqualTo("2026-03-05T00:00+09:00");
    }

    @Test
    void daysAcrossDaylightSavingChangesAreShortOrLong() {
        TimeExpressions spring = at("2026-03-30T10:00", BERLIN); // clocks went forward on Sunday 29 March
        TimeRange y = r(spring, "yesterday");
        assertThat(Duration.between(y.start(), y.end())).isEqualTo(Duration.ofHours(23));
        assertThat(y.start().getOffset().getTotalSeconds()).isEqualTo(3600);
        assertThat(y.end().getOffset().getTotalSeconds()).isEqualTo(7200);

        TimeExpressions autumn = at("2026-11-02T10:00", ZoneId.of("America/New_York")); // clocks went back on 1 Nov
        assertThat(Duration.between(r(autumn, "yesterday").start(), r(autumn, "yesterday").end())).isEqualTo(Duration.ofHours(25));
        TimeRange week = r(autumn, "last week");
        assertThat(span(week)).isEqualTo("2026-10-26T00:00 .. 2026-11-02T00:00");
        assertThat(Duration.between(week.start(), week.end())).isEqualTo(Duration.ofHours(7 * 24 + 1));
    }

    @Test
    void findsExpressionsInsideUtterancesAndIgnoresLookalikes() {
        TimeExpressions t = at("2026-03-04T10:30", BERLIN);
        var found = t.find("find that bill from Tuesday and the notes from last week");
        assertThat(found).extracting(f -> f.range().expression()).containsExactly("tuesday", "last week");
        assertThat(t.find("may i open the quarterly report draft")).isEmpty();
        assertThat(t.find("what did i work on this morning")).singleElement()
                .satisfies(f -> assertThat(span(f.range())).isEqualTo("2026-03-04T05:00 .. 2026-03-04T12:00"));
        assertThat(t.resolve("banana")).isEmpty();
        assertThat(t.resolve("february 31")).isEmpty();
        assertThat(span(r(t, "past 2 hours"))).isEqualTo("2026-03-04T08:30 .. 2026-03-04T10:30");
    }
}
