package clay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.llama.TinyGguf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime answering through the real embedded llama.cpp with the project's tiny generated GGUF. */
class LocalModelApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static RuntimeFixture clay;

    @BeforeAll
    static void start() throws Exception {
        Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));
        clay = RuntimeFixture.start(dir, "[models.tiny]\nkind = \"llama.cpp\"\npath = \"" + gguf + "\"\nthreads = 1\n", s -> {});
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    @Test
    void asksThatNeedAModelGoToTheLocalModel() throws Exception {
        JsonNode reply = JSON.readTree(clay.post("/api/ask", "{\"text\":\"write a limerick about otters\"}").body());
        assertThat(reply.path("route").asText()).isEqualTo("LOCAL");
        assertThat(reply.path("reason").asText()).contains("tiny");
        assertThat(reply.path("text").asText()).isNotEmpty();
        JsonNode models = JSON.readTree(clay.get("/api/models").body()).path("models");
        assertThat(models.get(0).path("name").asText()).isEqualTo("tiny");
        assertThat(models.get(0).path("loaded").asBoolean()).isTrue();
    }

    @Test
    void offlineSkillsStillAnswerWithoutTheModel() throws Exception {
        JsonNode reply = JSON.readTree(clay.post("/api/ask", "{\"text\":\"what time is it\"}").body());
        assertThat(reply.path("route").asText()).isEqualTo("NONE");
    }

    @Test
    void openAiCompatibleCompletionWithAJsonSchemaIsValidJson() throws Exception {
        String body = """
                {"model":"tiny","max_tokens":60,"messages":[{"role":"user","content":"give me a number"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"n","schema":
                   {"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}}}""";
        HttpResponse<String> r = clay.post("/v1/chat/completions", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode completion = JSON.readTree(r.body());
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        String content = completion.path("choices").get(0).path("message").path("content").asText();
        assertThat(JSON.readTree(content).path("n").isIntegralNumber()).as(content).isTrue();
    }

    @Test
    void openAiCompatibleStreamingSendsChunksAndDone() throws Exception {
        String body = "{\"model\":\"tiny\",\"stream\":true,\"max_tokens\":12,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> r = clay.http.send(clay.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String[] events = r.body().split("\n\n");
        assertThat(events[events.length - 1].strip()).isEqualTo("data: [DONE]");
        JsonNode first = JSON.readTree(events[0].substring("data: ".length()));
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        JsonNode last = JSON.readTree(events[events.length - 2].substring("data: ".length()));
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isIn("stop", "length");
    }

    @Test
    void aCorruptModelFileIsAClearErrorNotACrash() throws Exception {
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1, 2, 3});
        try (RuntimeFixture other = RuntimeFixture.start(dir.resolve("other"),
                "[models.bad]\nkind = \"llama.cpp\"\npath = \"" + bad + "\"\n", s -> {})) {
            HttpResponse<String> r = other.post("/api/ask", "{\"text\":\"explain how tides work in detail\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            JsonNode err = JSON.readTree(r.body()).path("error");
            assertThat(err.path("type").asText()).isEqualTo("model_unavailable");
            assertThat(err.path("message").asText()).contains("bad.gguf");
        }
    }
}
