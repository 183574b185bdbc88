package clay.runtime.models;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.ClayHome;
import clay.intelligence.model.store.ModelStore;
import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsModuleTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registersConfiguredAndStoredModelsAndAnswersWithTheTinyOne(@TempDir Path dir) throws Exception {
        String toml = """
                [runtime]
                default_model = "demo"

                [models.claude]
                kind = "anthropic"
                model = "claude-test"
                """;
        ModelStore.open(new ClayHome(dir.resolve("home"))).addTiny("demo", false); // clay models add demo --tiny
        try (RuntimeFixture clay = RuntimeFixture.start(dir, toml, s -> {})) {
            JsonNode models = JSON.readTree(clay.get("/api/models").body()).path("models");
            assertThat(models.toString()).contains("\"name\":\"demo\"").contains("\"name\":\"claude\"");
            assertThat(clay.runtime.context().models().defaultName()).contains("demo");

            ModelStore.open(clay.home).addTiny("later", false); // added while the runtime runs
            JsonNode reload = JSON.readTree(clay.post("/api/models/reload", "{}").body());
            assertThat(reload.path("models").toString()).contains("claude").contains("demo").contains("later");

            var r = clay.post("/v1/chat/completions",
                    "{\"model\":\"demo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText()).isNotEmpty();
        }
    }
}
