package clay.memory.context;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextManagerTest {
    @TempDir Path dir;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    final Clock clock = Clock.fixed(ZonedDateTime.of(2026, 3, 4, 10, 30, 0, 0, ZONE).toInstant(), ZONE);

    ContextManager.Settings settings() {
        return new ContextManager.Settings(clock, ZONE, Locale.GERMANY, Optional.of("Berlin"), dir.resolve("calendars"),
                () -> List.of("qwen-local"));
    }

    @Test
    void aRestartResumesTheSession() {
        ClayHome home = new ClayHome(dir);
        String id;
        try (ContextManager ctx = ContextManager.open(home, settings())) {
            id = ctx.session().id();
            ctx.setTask("quarterly report");
            ctx.setOpenSurfaces(List.of("chart:spending"));
            ctx.recordTurn("user", "find the invoice from tuesday");
            ctx.recordTurn("assistant", "Here is invoice-0342.pdf");
            ctx.store().putUser("preference.units", "metric");
        }
        assertThat(Files.exists(home.context().resolve("sessions.db-wal")) || Files.exists(home.context().resolve("sessions.db"))).isTrue();
        try (ContextManager again = ContextManager.open(home, settings())) {
            Session s = again.session();
            assertThat(s.id()).isEqualTo(id);
            assertThat(s.task()).isEqualTo("quarterly report");
            assertThat(s.openSurfaces()).containsExactly("chart:spending");
            assertThat(s.turns()).extracting(Turn::text).containsExactly("find the invoice from tuesday", "Here is invoice-0342.pdf");
            assertThat(again.user()).containsEntry("preference.units", "metric");
        }
    }

    @Test
    void assemblyKeepsPrioritiesWithinTheBudgetAndSummarizesOlderTurns() throws Exception {
        Files.createDirectories(dir.resolve("calendars"));
        Files.writeString(dir.resolve("calendars/work.ics"), """
                BEGIN:VCALENDAR\r
                BEGIN:VEVENT\r
                SUMMARY:Dentist\r
                DTSTART;TZID=Europe/Berlin:20260305T090000\r
                DTEND;TZID=Europe/Berlin:20260305T100000\r
                LOCATION:Main St\\, 4\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                SUMMARY:Team offsite with a very long title that is folded\r
                  over two lines\r
                DTSTART;VALUE=DATE:20260306\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                SUMMARY:Long ago\r
                DTSTART:20250101T090000Z\r
                END:VEVENT\r
                END:VCALENDAR\r
                """);
        try (ContextManager ctx = ContextManager.open(new ClayHome(dir), settings())) {
            for (int i = 1; i <= 30; i++) {
                ctx.recordTurn("user", "question number " + i + " about the budget spreadsheet and its many columns");
                ctx.recordTurn("assistant", "answer number " + i + " with a fairly long explanation of the numbers involved");
            }
            ContextManager.Assembled big = ctx.assemble(100_000, t -> t.length() / 4);
            assertThat(big.turnsIncluded()).isEqualTo(60);
            assertThat(big.text()).contains("Wednesday 4 March 2026, 10:30").contains("Europe/Berlin").contains("location Berlin")
                    .contains("Dentist").contains("Main St, 4").contains("over two lines").doesNotContain("Long ago")
                    .contains("models: qwen-local");

            ContextManager.Assembled small = ctx.assemble(400, t -> t.length() / 4);
            assertThat(small.tokens()).isLessThanOrEqualTo(400);
            assertThat(small.sections()).startsWith("world");
            assertThat(small.text()).contains("answer number 30").contains("question number 30");
            assertThat(small.turnsIncluded()).isLessThan(60);
            assertThat(small.turnsSummarized() + small.turnsDropped() + small.turnsIncluded()).isEqualTo(60);
            assertThat(small.turnsSummarized()).isPositive();
            assertThat(small.text()).contains("Earlier in this conversation");

            ContextManager.Assembled tiny = ctx.assemble(40, t -> t.length() / 4);
            assertThat(tiny.tokens()).isLessThanOrEqualTo(40);
            assertThat(tiny.sections()).containsExactly("world");
        }
    }

    @Test
    void systemContextReadsThisMachine() {
        SystemContext s = SystemContext.probe(dir, List.of());
        assertThat(s.cpus()).isPositive();
        assertThat(s.memoryTotalMb()).isPositive();
        assertThat(s.diskFreeMb()).isPositive();
        assertThat(s.describe()).contains("models: none configured");
    }

    @Test
    void malformedCalendarEventsAreSkipped() {
        var events = IcsCalendar.parse("BEGIN:VEVENT\nSUMMARY:bad\nDTSTART:notadate\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:ok\nDTSTART:20260304T120000Z\nEND:VEVENT\n", ZONE);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.summary()).isEqualTo("ok");
            assertThat(e.start().getHour()).isEqualTo(13);
        });
    }
}
