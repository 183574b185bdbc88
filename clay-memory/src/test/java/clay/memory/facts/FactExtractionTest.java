package clay.memory.facts;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.intelligence.cloud.CloudProvider;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import clay.memory.Memory;
import clay.memory.episodic.Interaction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts the local model extracts: kept with their source when grounded in what was said, dropped when invented. */
class FactExtractionTest {
    @TempDir Path dir;

    @Test
    void groundedFactsFromTheLocalModelAreRememberedWithTheirSourceAndInventedOnesAreDropped() {
        try (WireServer wire = WireServer.start()) {
            wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.text(
                    "Sure: {\"facts\": [\"Prefers formal letters to the council\", \"Owns a yacht in Monaco\", \"x\"]}"));
            ModelProvider local = CloudProvider.create(ModelSpec.of("qwen", Map.of("kind", "openai-compatible",
                    "url", wire.url("/v1"), "model", "qwen")), Map.of(), RetryPolicy.defaults());
            assertThat(local.local()).isTrue();
            try (Memory m = Memory.open(new ClayHome(dir.resolve("home")), Memory.Options.defaults().withExtractor(local))) {
                Memory.Recorded r = m.record(Interaction.of(Instant.now(),
                        "make the letter to the council formal, I always want formal letters", "create_document", "Done."));
                assertThat(r.facts()).singleElement().satisfies(f -> {
                    assertThat(f.fact().text()).isEqualTo("Prefers formal letters to the council");
                    assertThat(f.fact().source()).contains("extracted by qwen").contains("episode #" + r.episode().id());
                    assertThat(f.fact().kind()).isEqualTo("preference");
                });
            }
        }
    }

    @Test
    void subjectsLetAChangedFactFindItsOlderVersion() {
        assertThat(Statements.subject("My constituents are in district 12")).isEqualTo("my constituents");
        assertThat(Statements.subject("I prefer formal letters")).isEqualTo("i prefer letters");
        assertThat(Statements.explicitFact("Please remember that Tom likes jazz.")).contains("Tom likes jazz");
        assertThat(Statements.explicitFact("notes about the budget")).isEmpty();
        assertThat(Statements.kind("We decided to go with the blue logo")).isEqualTo("decision");
    }
}
