package clay.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.memory.episodic.Episode;
import clay.memory.episodic.EpisodicMemory;
import clay.memory.episodic.Interaction;
import clay.memory.facts.Fact;
import clay.memory.facts.SemanticMemory;
import clay.memory.patterns.Suggestion;
import clay.memory.recall.Recall;
import clay.memory.recall.RecallResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Friday 27 November 2026, 08:05 in Berlin. */
    static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 27, 8, 5, 0, 0, ZONE);

    @TempDir Path dir;
    TestClock clock;
    Memory memory;

    @BeforeEach
    void open() {
        clock = new TestClock(NOW.toInstant(), ZONE);
        memory = Memory.open(new ClayHome(dir.resolve("home")), Memory.Options.defaults().withClock(clock, ZONE));
    }

    @AfterEach
    void close() {
        memory.close();
    }

    private Episode at(ZonedDateTime t, String utterance, String intent, String result, String subject) {
        return memory.record(new Interaction(t.toInstant(), utterance, intent, "LOCAL", result, List.of("letter-editor"),
                List.of(), subject)).episode();
    }

    @Test
    void everyInteractionIsRecordedAndFoundByMeaningAndByTime() {
        Episode bill = at(NOW.minusDays(3), "draft a letter to the council about the bus route", "create_document",
                "Here is a draft letter.", "the bus route letter");
        at(NOW.minusDays(1), "what's the weather in Berlin", "get_weather", "Cloudy, 4 degrees.", "");
        at(NOW.minusHours(1), "play some jazz", "play_music", "Playing jazz.", "");

        List<EpisodicMemory.Hit> hits = memory.episodes().search("correspondence with the city council", Optional.empty(), Optional.empty(), 3);
        assertThat(hits.get(0).episode().id()).isEqualTo(bill.id());
        assertThat(hits.get(0).episode().interaction().surfaces()).containsExactly("letter-editor");

        List<Episode> yesterday = memory.episodes().between(NOW.minusDays(1).toLocalDate().atStartOfDay(ZONE).toInstant(),
                NOW.toLocalDate().atStartOfDay(ZONE).toInstant());
        assertThat(yesterday).extracting(e -> e.interaction().intent()).containsExactly("get_weather");
        assertThat(memory.episodes().count()).isEqualTo(3);
    }

    @Test
    void aStatedFactIsRememberedWithItsSourceDeduplicatedAndUpdatedWithHistory() {
        Memory.Recorded r = memory.record(Interaction.of(NOW.toInstant(), "Remember that my constituents are in district 12",
                "remember", "Noted."));
        assertThat(r.facts()).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(SemanticMemory.Outcome.ADDED);
            assertThat(f.fact().text()).isEqualTo("My constituents are in district 12");
            assertThat(f.fact().source()).contains("stated in episode #" + r.episode().id());
        });

        assertThat(memory.remember("remember that my constituents are in district 12").outcome()).isEqualTo(SemanticMemory.Outcome.UNCHANGED);
        clock.advance(Duration.ofDays(2));
        SemanticMemory.Remembered changed = memory.remember("My constituents are in district 14");
        assertThat(changed.outcome()).isEqualTo(SemanticMemory.Outcome.UPDATED);
        assertThat(memory.remember("I prefer formal letters").outcome()).isEqualTo(SemanticMemory.Outcome.ADDED);

        List<Fact> all = memory.facts().all();
        assertThat(all).extracting(Fact::text).containsExactlyInAnyOrder("My constituents are in district 14", "I prefer formal letters");
        Fact district = all.stream().filter(f -> f.text().contains("district")).findFirst().orElseThrow();
        assertThat(district.history()).singleElement().satisfies(h -> {
            assertThat(h.text()).isEqualTo("My constituents are in district 12");
            assertThat(h.source()).contains("episode #" + r.episode().id());
        });
        assertThat(district.kind()).isEqualTo("fact");
    }

    @Test
    void recallBringsRelevantMemoriesWithSourcesInsideTheTokenBudget() {
        memory.remember("I prefer formal letters with a short greeting");
        at(NOW.minusDays(2), "draft the HB302 letter to Senator Ortiz", "create_document", "Draft saved as hb302-letter.md",
                "the HB302 letter");
        for (int k = 0; k < 20; k++) at(NOW.minusDays(3).plusMinutes(k), "set a timer for " + (k + 2) + " minutes", "set_timer", "Timer set.", "");

        RecallResult r = memory.recall().recall("write the letter about HB302", 80);
        assertThat(r.tokens()).isLessThanOrEqualTo(80);
        assertThat(r.items()).isNotEmpty();
        assertThat(r.items()).allSatisfy(i -> assertThat(i.source()).isNotBlank());
        assertThat(r.items()).extracting(i -> i.text()).anySatisfy(t -> assertThat(t).contains("HB302"));
        assertThat(r.items()).extracting(i -> i.text()).noneSatisfy(t -> assertThat(t).contains("timer"));
        assertThat(r.asPrompt()).contains("[episode #");
        assertThat(memory.recall().recall("anything", 0).items()).isEmpty();
    }

    @Test
    void whatDidIDecideLastWeekIsAnsweredFromMemoryWithSources() {
        // last week (Mon 16 - Sun 22 Nov 2026): the decision; this week: an unrelated mention of the venue
        Episode decided = at(ZonedDateTime.of(2026, 11, 18, 10, 0, 0, 0, ZONE),
                "we decided to hold the town hall meeting at the Riverside library instead of the school", "note",
                "Noted: town hall at Riverside library.", "the town hall venue");
        at(ZonedDateTime.of(2026, 11, 10, 9, 0, 0, 0, ZONE), "the town hall venue could be the school gym", "note", "Noted.", "");
        at(ZonedDateTime.of(2026, 11, 19, 15, 0, 0, 0, ZONE), "order more printer paper", "shopping", "Added.", "");

        Recall.Answer a = memory.recall().answer("what did I decide about the town hall venue last week?");
        assertThat(a.text()).contains("Riverside library").contains("episode #" + decided.id());
        assertThat(a.sources()).first().satisfies(s -> assertThat(s.id()).isEqualTo(decided.id()));
        assertThat(a.sources()).noneSatisfy(s -> assertThat(s.text()).contains("school gym"));

        assertThat(memory.recall().answer("what did I decide about the budget yesterday?").text()).startsWith("I don't remember");
    }

    @Test
    void theBootGreetingSuggestsContinuingHabitualWorkAndNeverActsOnIt() {
        assertThat(memory.patterns().greeting().text()).isEqualTo("Good morning.");
        for (int d = 1; d <= 3; d++) {
            at(NOW.minusDays(d).withHour(8).withMinute(30), "continue the HB302 letter", "create_document", "Opened.", "the HB302 letter");
            at(NOW.minusDays(d).withHour(9).withMinute(10), "email the draft to Ana", "send_email", "Sent.", "");
            at(NOW.minusDays(d).withHour(20), "play some jazz", "play_music", "Playing.", "");
        }
        int before = memory.episodes().count();

        Suggestion s = memory.patterns().greeting();
        assertThat(s.text()).isEqualTo("Good morning. Continue the HB302 letter?");
        assertThat(s.intent()).isEqualTo("create_document");
        assertThat(s.reason()).contains("morning");
        assertThat(memory.patterns().after("create_document")).first()
                .satisfies(n -> assertThat(n.intent()).isEqualTo("send_email"));
        assertThat(memory.episodes().count()).as("suggesting does not act").isEqualTo(before);
    }

    @Test
    void exportHoldsEverythingAsJson() {
        at(NOW, "draft the HB302 letter", "create_document", "Done.", "the HB302 letter");
        memory.remember("I prefer formal letters");
        ObjectNode json = memory.export();
        assertThat(json.path("episodes")).hasSize(1);
        assertThat(json.path("episodes").get(0).path("utterance").asText()).isEqualTo("draft the HB302 letter");
        assertThat(json.path("facts").get(0).path("text").asText()).isEqualTo("I prefer formal letters");
        assertThat(json.path("retention").path("episodes").asText()).isEqualTo("365d");
    }

    @Test
    void retentionDeletesWhatIsTooOld() {
        at(NOW.minusDays(40), "old request", "note", "ok", "");
        at(NOW.minusDays(2), "new request", "note", "ok", "");
        memory.retention(new Retention(Retention.parse("30d"), Optional.empty()));
        assertThat(memory.episodes().all()).extracting(e -> e.interaction().utterance()).containsExactly("new request");
        assertThat(Retention.format(memory.retention().episodes())).isEqualTo("30d");
        assertThatThrownBy(() -> Retention.parse("soon")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void badInputIsRejectedWithAFix() {
        assertThatThrownBy(() -> Interaction.of(NOW.toInstant(), " ", "x", "")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> memory.remember("a")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> memory.forgetAbout(" ")).isInstanceOf(InvalidInputException.class);
    }
}
