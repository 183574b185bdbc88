package clay.runtime.intent;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.route.Router;
import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheCatalogParsesUtterancesAndLogsTheRoute(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/intents.json"), """
                {"intents":[{"name":"water_plants","description":"Plant watering reminders.","kind":"offline","safety":"read-only",
                  "examples":["did i water the plants","when do the plants need water","water the ficus","plant watering schedule"]}]}""");
        try (RuntimeFixture clay = RuntimeFixture.start(dir, "[intent]\nzone = \"Europe/Berlin\"\n", s -> {})) {
            JsonNode catalog = JSON.readTree(clay.get("/api/intents").body());
            assertThat(catalog.path("intents").findValuesAsText("name")).contains("get_time", "find_files", "water_plants");

            JsonNode parsed = JSON.readTree(clay.post("/api/intents/parse", "{\"text\":\"find the report Anna sent me yesterday\"}").body());
            assertThat(parsed.path("intent").path("intent").asText()).isEqualTo("find_files");
            assertThat(parsed.path("intent").path("parameters").path("time_range").path("start").asText()).endsWith("T00:00+01:00")
                    .satisfiesAnyOf(s -> assertThat(s).contains("+01:00"), s -> assertThat(s).contains("+02:00"));
            assertThat(parsed.path("route").path("route").asText()).isEqualTo("NONE");
            assertThat(parsed.path("route").path("reason").asText()).contains("no model configured");

            JsonNode time = JSON.readTree(clay.post("/api/ask", "{\"text\":\"what's the time please\"}").body());
            assertThat(time.path("data").path("decision").path("intent").asText()).isEqualTo("get_time");
            assertThat(time.path("data").path("route_log").path("route").asText()).isEqualTo("NONE");
            assertThat(time.path("data").path("route_log").path("outcome").asText()).contains("answered via NONE");

            JsonNode decisions = JSON.readTree(clay.get("/api/intents/decisions").body());
            assertThat(decisions).isNotEmpty();
            assertThat(clay.runtime.context().service(Router.class)).isPresent();

            var bad = clay.post("/api/intents/parse", "{\"text\":\"  \"}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).path("error").path("fix").asText()).contains("what time is it");
            assertThat(clay.post("/api/intents/parse", "{\"text\":\"hi\",\"source\":\"smoke\"}").statusCode()).isEqualTo(400);
        }
    }
}
