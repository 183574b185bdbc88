package clay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersTheTimeOfflineWithoutAnyModel(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T08:15:00Z"), ZoneId.of("Europe/Berlin"));
        try (RuntimeFixture clay = RuntimeFixture.start(dir, "", s -> s.clock(clock))) {
            HttpResponse<String> r = clay.post("/api/ask", "{\"text\":\"what time is it?\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode reply = JSON.readTree(r.body());
            assertThat(reply.path("text").asText()).isEqualTo("It is 09:15 (Europe/Berlin).");
            assertThat(reply.path("route").asText()).isEqualTo("NONE");
            assertThat(reply.path("data").path("decision").path("intent").asText()).isEqualTo("get_time");
            assertThat(clay.runtime.greeting()).isEqualTo("Good morning. What would you like to work on?");
        }
    }

    @Test
    void saysPlainlyWhatWorksWhenNoModelIsConfigured(@TempDir Path dir) throws Exception {
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            JsonNode reply = JSON.readTree(clay.post("/api/ask", "{\"text\":\"write me a poem about otters\"}").body());
            assertThat(reply.path("text").asText()).contains("no language model").contains("clay models add");
            assertThat(reply.path("route").asText()).isEqualTo("NONE");
        }
    }

    @Test
    void streamsTheAnswerAsServerSentEvents(@TempDir Path dir) throws Exception {
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            HttpResponse<String> r = clay.http.send(clay.request("/api/ask").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"what's the date\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(r.body()).contains("event: token").contains("event: reply").contains("Today is");
        }
    }

    @Test
    void rejectsMalformedRequestsWithAClearError(@TempDir Path dir) throws Exception {
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            HttpResponse<String> notJson = clay.post("/api/ask", "{text: oops");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(notJson.body()).path("error").path("message").asText()).contains("not valid JSON");
            HttpResponse<String> noText = clay.post("/api/ask", "{\"txt\":\"hi\"}");
            assertThat(noText.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(noText.body()).path("error").path("fix").asText()).contains("\"text\"");
            HttpResponse<String> badSource = clay.post("/api/ask", "{\"text\":\"hi\",\"source\":\"telepathy\"}");
            assertThat(badSource.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void openAiEndpointExplainsMissingModels(@TempDir Path dir) throws Exception {
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            HttpResponse<String> r = clay.post("/v1/chat/completions",
                    "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains("no model");
            assertThat(JSON.readTree(clay.get("/v1/models").body()).path("object").asText()).isEqualTo("list");
        }
    }
}
