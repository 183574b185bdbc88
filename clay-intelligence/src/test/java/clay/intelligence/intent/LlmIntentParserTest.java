package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayException;
import clay.core.Intent;
import clay.core.InvalidIntentException;
import clay.core.Utterance;
import clay.intelligence.llama.LlamaCppProvider;
import clay.intelligence.llama.TinyGguf;
import clay.intelligence.time.TimeExpressions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slow path through the real llama.cpp with the project's tiny test GGUF: its words are noise, but the schema
 * constraint is real, so every parse must be a schema-valid intent or a clear error, never invalid output.
 */
class LlmIntentParserTest {
    @TempDir static Path dir;
    static LlamaCppProvider llama;
    final IntentCatalog catalog = IntentCatalog.builtin();
    final ParameterExtractor extractor = new ParameterExtractor(new TimeExpressions(Clock.systemUTC(), ZoneId.of("UTC")));

    @BeforeAll
    static void load() {
        TinyGguf.Spec spec = new TinyGguf.Spec(64, 4, 4, 2, 128, 4096, 0, false, 42);
        Path file = TinyGguf.write(dir.resolve("tiny-4k.gguf"), spec);
        llama = LlamaCppProvider.load("tiny", file, LlamaCppProvider.Options.defaults().withContextSize(4096).withThreads(1));
    }

    @AfterAll
    static void close() {
        if (llama != null) llama.close();
    }

    @Test
    void constrainedParsingAlwaysYieldsASchemaValidIntentOrAClearError() {
        LlmIntentParser parser = new LlmIntentParser(catalog);
        int valid = 0;
        for (String text : List.of("what time is it", "find the invoice from last week", "write me a poem about the sea")) {
            try {
                Intent i = parser.parse(Utterance.text(text), llama, List.of("get_time"), extractor);
                assertThat(IntentSchema.shared().problems(IntentSchema.shared().toJson(i))).isEmpty();
                assertThat(catalog.validate(i)).isEqualTo(i);
                assertThat(i.context()).containsEntry("path", "model").containsEntry("model", "tiny");
                assertThat(i.context().get("text")).isEqualTo(text);
                valid++;
            } catch (InvalidIntentException e) {
                assertThat(e.getMessage()).startsWith("invalid intent:");
                assertThat(e.fix()).isPresent();
            }
        }
        assertThat(valid).as("the enum-constrained intent field makes at least some answers valid").isPositive();
    }

    @Test
    void theParserFallsBackToOutOfScopeWhenTheModelCannotHelp() {
        IntentParser p = new IntentParser(catalog, TextEncoder.minilm(), new TimeExpressions(Clock.systemUTC(), ZoneId.of("UTC")),
                () -> Optional.of(llama));
        Intent i = p.parse(Utterance.text("order me a large pepperoni pizza"));
        assertThat(i.context().get("path")).isIn("model", "classifier");
        assertThat(IntentSchema.shared().problems(IntentSchema.shared().toJson(i))).isEmpty();
    }

    @Test
    void invalidModelAnswersAreRepairedOrRejectedNeverPassedOn() {
        LlmIntentParser parser = new LlmIntentParser(catalog);
        Utterance u = Utterance.text("what time is it");
        Intent repaired = parser.toIntent("{\"intent\":\"get_time\",\"confidence\":0.8,\"parameters\":{\"topic\":\"clo", u, "m", 0, extractor);
        assertThat(repaired.name()).isEqualTo("get_time");
        assertThat(repaired.confidence()).isEqualTo(0.8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.toIntent("{\"intent\":\"launch_rocket\",\"confidence\":0.8,\"parameters\":{}}", u, "m", 0, extractor))
                .isInstanceOf(InvalidIntentException.class).hasMessageContaining("unknown intent");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.toIntent("I think you want the time.", u, "m", 0, extractor))
                .isInstanceOf(ClayException.class).hasMessageContaining("could not be repaired");
        assertThat(parser.toIntent("{\"intent\":\"get_time\",\"confidence\":7,\"parameters\":{}}", u, "m", 0, extractor).confidence()).isEqualTo(1.0);
    }
}
