package clay.fs.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import clay.fs.FileStatus;
import clay.fs.extract.Extraction;
import clay.intelligence.cloud.CloudProvider;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.TestModels;
import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import java.time.Duration;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model path of tagging: the real LangChain4j OpenAI-compatible client against a local server speaking that wire
 * format (a scripted answer in the schema), and the real llama.cpp with the tiny seeded GGUF, whose noise cannot finish
 * the schema in its 256-token context, so the rules must stand.
 */
class LlmTaggerTest {
    static final Extraction BILL = new Extraction(FileStatus.INDEXED, "", """
            Electricity bill. Bill number NWP-88231. Amount due $142.17. Due date 2026-12-05.""",
            "text/plain", "", Map.of(), false);

    @TempDir Path dir;

    @Test
    void aModelAnswerInTheSchemaSetsSummaryTypeAndTagsAndTheRulesKeepIdentifiers() {
        try (WireServer server = WireServer.start()) {
            var provider = CloudProvider.create(ModelSpec.of("lan", Map.of("kind", "openai-compatible", "url", server.url("/v1"),
                    "model", "qwen")), Map.of(), new RetryPolicy(1, Duration.ZERO, Duration.ofSeconds(2)));
            server.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.text("""
                    {"summary":"October electricity bill from Northwind Power.","doc_type":"bill","tags":["Electricity","utilities"],
                     "entities":[{"kind":"org","value":"Northwind Power"}],"dates":["2026-10-31"]}"""));
            Tagging t = new LlmTagger(provider, new RuleTagger()).tag(BILL, "power.txt");

            assertThat(t.source()).isEqualTo("llm:lan");
            assertThat(t.summary()).isEqualTo("October electricity bill from Northwind Power.");
            assertThat(t.docType()).isEqualTo("bill");
            assertThat(t.tags()).containsExactly("electricity", "utilities");
            assertThat(t.entities()).contains(new Tagging.Fact("org", "Northwind Power"));
            assertThat(t.dates()).contains("2026-12-05", "2026-10-31");
            assertThat(t.identifiers()).contains("NWP-88231");
            var format = server.lastRequest().json().path("response_format");
            assertThat(format.path("type").asText()).isEqualTo("json_schema");
            assertThat(format.toString()).contains("doc_type", "invoice", "letter");
        }
    }

    @Test
    void aModelThatCannotFinishItsJsonLeavesTheRuleTags() {
        try (var llama = TestModels.tinyLlama(dir)) {
            Tagging t = new LlmTagger(llama, new RuleTagger()).tag(BILL, "power.txt");
            assertThat(t.docType()).isEqualTo("bill");
            assertThat(t.identifiers()).contains("NWP-88231");
            assertThat(t.source()).isIn("rules", "llm:tiny");
        }
    }

    @Test
    void unusableModelAnswersFallBackToTheRules() throws Exception {
        Tagging rules = new RuleTagger().tag(BILL, "power.txt");
        Tagging merged = LlmTagger.merge(rules,
                new ObjectMapper().readTree("{\"summary\":\"\",\"doc_type\":\"spaceship\",\"tags\":[],\"dates\":[\"tomorrow\"]}"), "llm:test");
        assertThat(merged.docType()).isEqualTo("bill");
        assertThat(merged.summary()).isEqualTo(rules.summary());
        assertThat(merged.tags()).isEqualTo(rules.tags());
        assertThat(merged.dates()).containsExactlyElementsOf(rules.dates());
    }
}
