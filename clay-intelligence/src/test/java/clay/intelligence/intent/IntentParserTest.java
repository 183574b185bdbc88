package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Intent;
import clay.core.Utterance;
import clay.intelligence.time.TimeExpressions;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast path on the built-in catalog, with no model at all (offline). */
class IntentParserTest {
    static IntentParser parser;
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @BeforeAll
    static void fit() {
        Clock wednesday = Clock.fixed(ZonedDateTime.of(2026, 3, 4, 10, 30, 0, 0, ZONE).toInstant(), ZONE);
        parser = new IntentParser(IntentCatalog.builtin(), TextEncoder.minilm(), new TimeExpressions(wednesday, ZONE), Optional::empty);
    }

    @Test
    void whatTimeIsItNeedsNoModel() {
        Intent i = parser.parse(Utterance.text("what time is it?"));
        assertThat(i.name()).isEqualTo("get_time");
        assertThat(i.context()).containsEntry("path", "classifier");
        assertThat(IntentSchema.shared().problems(IntentSchema.shared().toJson(i))).isEmpty();
    }

    @Test
    void commonRequestsTakeTheFastPathWithParameters() {
        Intent find = parser.parse(Utterance.text("find the invoice Anna sent me last week"));
        assertThat(find.name()).isEqualTo("find_files");
        assertThat(find.parameters()).containsEntry("people", List.of("Anna"));
        @SuppressWarnings("unchecked")
        Map<String, Object> range = (Map<String, Object>) find.parameters().get("time_range");
        assertThat(range).containsEntry("start", "2026-02-23T00:00+01:00").containsEntry("end", "2026-03-02T00:00+01:00");

        Intent compare = parser.parse(Utterance.text("compare draft1.docx and draft2.docx"));
        assertThat(compare.name()).isEqualTo("compare_documents");
        assertThat(compare.parameters()).containsEntry("file_names", List.of("draft1.docx", "draft2.docx"));

        assertThat(parser.parse(Utterance.text("how much disk space do I have left")).name()).isEqualTo("system_status");
        assertThat(parser.extractor().extractAll("compare bills/water-v1.txt with ~/docs/water-v2.txt"))
                .containsEntry("file_names", List.of("bills/water-v1.txt", "~/docs/water-v2.txt"));
        assertThat(parser.parse(Utterance.text("translate good night into french")).parameters()).containsEntry("language", "french");
    }

    @Test
    void unknownRequestsAreOutOfScopeWithoutAModel() {
        Intent i = parser.parse(Utterance.text("order me a large pepperoni pizza"));
        assertThat(i.outOfScope()).isTrue();
        assertThat(i.context()).containsKey("alternatives");
    }

    @Test
    void skillsCanAddIntentsAndTheClassifierRefits() {
        IntentCatalog catalog = IntentCatalog.builtin();
        IntentParser p = new IntentParser(catalog, TextEncoder.minilm(), new TimeExpressions(Clock.systemUTC(), ZONE), Optional::empty);
        p.classifier();
        catalog.add(new IntentDefinition("water_plants", "Remind the user about watering plants.", IntentKind.OFFLINE, SafetyClass.READ_ONLY, null,
                List.of("did i water the plants", "when do the plants need water", "water the ficus", "plant watering schedule",
                        "remind me to water the flowers", "have the plants been watered"), "skill:garden"));
        assertThat(p.parse(Utterance.text("did I water the ficus today")).name()).isEqualTo("water_plants");
    }
}
