package clay.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Intent;
import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    @Test
    void interactionsAreRecordedAndMemoryCanBeSearchedRememberedForgottenAndExported() throws Exception {
        try (RuntimeFixture rt = RuntimeFixture.start(dir)) {
            json(rt.post("/api/ask", "{\"text\":\"what time is it\"}"));
            assertThat(json(rt.get("/api/memory/episodes")).path("episodes")).as("asking leaves memory as it was").isEmpty();
            json(rt.post("/api/ask", "{\"text\":\"remember that my dentist is Dr. Ames\"}"));
            JsonNode episodes = json(rt.get("/api/memory/episodes")).path("episodes");
            assertThat(episodes).hasSize(1);
            assertThat(episodes.get(0).path("utterance").asText()).isEqualTo("remember that my dentist is Dr. Ames");

            json(rt.post("/api/memory/remember", "{\"text\":\"remember that my constituents are in district 12\"}"));
            JsonNode hits = json(rt.get("/api/memory/search?q=which%20district%20are%20my%20constituents%20in")).path("hits");
            assertThat(hits.get(0).path("fact").path("text").asText()).isEqualTo("My constituents are in district 12");
            JsonNode answer = json(rt.post("/api/memory/answer", "{\"question\":\"where are my constituents?\"}"));
            assertThat(answer.path("text").asText()).contains("district 12");
            assertThat(answer.path("sources")).isNotEmpty();

            assertThat(json(rt.get("/api/memory/export")).path("facts")).hasSize(2);
            assertThat(json(rt.post("/api/memory/forget", "{\"about\":\"constituents\"}")).path("forgotten").asInt()).isEqualTo(1);
            assertThat(json(rt.get("/api/memory/facts")).path("facts").findValuesAsText("text")).containsExactly("My dentist is Dr. Ames");
            HttpResponse<String> bad = rt.post("/api/memory/forget", "{}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("fix");

            assertThat(json(rt.http.send(rt.request("/api/memory/retention").header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"episodes\":\"90d\"}")).build(),
                    HttpResponse.BodyHandlers.ofString())).path("episodes").asText()).isEqualTo("90d");
            assertThat(json(rt.get("/api/memory/suggestions")).path("greeting").path("text").asText()).isNotBlank();
        }
    }

    @Test
    void theSubjectOfAnInteractionComesFromTheIntentParameters() {
        assertThat(MemoryModule.subject(Intent.of("create_document", Map.of("title", "HB302 letter"), 0.9))).isEqualTo("the HB302 letter");
        assertThat(MemoryModule.subject(Intent.of("get_time", Map.of(), 0.9))).isEmpty();
    }
}
