package clay.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import clay.runtime.WireCloudModel;
import clay.core.Intent;
import clay.intelligence.llama.TinyGguf;
import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import clay.runtime.IntentReader;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeFixture;
import clay.runtime.RuntimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant follows the router: drafts go local then cloud, a never-cloud policy keeps everything local. */
class RoutedChatTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    WireServer wire;
    RuntimeFixture rt;

    /** Reads every utterance as one fixed intent, so the test pins the route's input. */
    record FixedIntent(String name) implements RuntimeModule {
        @Override
        public boolean background() {
            return true; // starts after the intent module, whose parser it replaces
        }

        @Override
        public void start(RuntimeContext ctx) {
            ctx.provide(IntentReader.class, u -> new Intent(name, Map.of(), 0.95, u.source(), Map.of("text", u.text())));
        }
    }

    private void start(String extraConfig) throws Exception {
        wire = WireServer.start();
        Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));
        rt = RuntimeFixture.start(dir.resolve("rt"), "[models.tiny]\nkind = \"llama.cpp\"\npath = \"" + gguf
                + "\"\nthreads = 1\n" + extraConfig,
                s -> s.module(new WireCloudModel(wire.url("/v1"))).module(new FixedIntent("create_document")));
        rt.runtime.awaitModules();
    }

    @AfterEach
    void stop() {
        if (rt != null) rt.close();
        if (wire != null) wire.close();
    }

    @Test
    void aDraftIsWrittenLocallyAndPolishedInTheCloudThroughTheProxy() throws Exception {
        start("");
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Dear landlord, ", "the heating is broken."));

        JsonNode reply = JSON.readTree(rt.post("/api/ask", "{\"text\":\"draft a letter to my landlord about the heating\"}").body());

        assertThat(reply.path("route").asText()).isEqualTo("HYBRID");
        assertThat(reply.path("text").asText()).isEqualTo("Dear landlord, the heating is broken.");
        assertThat(reply.path("data").path("model").asText()).isEqualTo("tiny (draft) + gpt (polish)");
        assertThat(reply.path("data").path("route_log").path("route").asText()).isEqualTo("HYBRID");
        assertThat(reply.path("data").path("route_log").path("outcome").asText()).contains("answered by tiny (draft)");
        assertThat(wire.requests()).hasSize(1);
        assertThat(wire.lastRequest().body()).contains("Improve this draft").contains("Draft:");
    }

    @Test
    void aNeverCloudPolicyKeepsTheDraftLocalAndNothingLeaves() throws Exception {
        start("[route]\ncloud = \"never\"\n");

        JsonNode reply = JSON.readTree(rt.post("/api/ask", "{\"text\":\"draft a letter to my landlord about the heating\"}").body());

        assertThat(reply.path("route").asText()).isEqualTo("LOCAL");
        assertThat(reply.path("data").path("model").asText()).isEqualTo("tiny");
        assertThat(reply.path("data").path("route_log").path("factors").toString()).containsIgnoringCase("never");
        assertThat(wire.requests()).isEmpty();
    }

    @Test
    void aRequestLongerThanTheLocalWindowGoesToTheCloud() throws Exception {
        start("");
        rt.runtime.context().models().get("tiny"); // loaded, so the router knows its 256-token window
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("A short summary."));
        String longText = "please look at this: " + "the quarterly figures rose again in the north ".repeat(60);

        JsonNode reply = JSON.readTree(rt.post("/api/ask", JSON.writeValueAsString(Map.of("text", longText))).body());

        assertThat(reply.path("route").asText()).isEqualTo("CLOUD");
        assertThat(reply.path("reason").asText()).contains("long context");
        assertThat(reply.path("data").path("route_log").path("factors").toString()).contains("256-token window");
        assertThat(wire.requests()).hasSize(1);
    }
}
