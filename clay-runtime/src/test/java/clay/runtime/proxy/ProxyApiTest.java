package clay.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.cloud.CloudProvider;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.WireReplies;
import clay.intelligence.testing.WireServer;
import clay.runtime.RuntimeFixture;
import clay.runtime.WireCloudModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime sends cloud requests only through the proxy: redacted on the wire, restored for the user, audited. */
class ProxyApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASK = "{\"text\":\"Write a note to Maria Gonzalez (maria.gonzalez@example.org) about the lease\",\"model\":\"gpt\"}";

    @TempDir Path dir;
    WireServer wire;
    RuntimeFixture rt;

    @BeforeEach
    void start() throws Exception {
        wire = WireServer.start();
        rt = RuntimeFixture.start(dir, "", s -> s.module(new WireCloudModel(wire.url("/v1"))));
    }

    @AfterEach
    void stop() {
        rt.close();
        wire.close();
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    @Test
    void aCloudAnswerThroughTheRuntimeIsRedactedOnTheWireRestoredForTheUserAndAudited() throws Exception {
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Done: note for <PER", "SON_1> (<EMAIL", "_1>)."));

        JsonNode reply = json(rt.post("/api/ask", ASK));

        assertThat(reply.path("text").asText()).isEqualTo("Done: note for Maria Gonzalez (maria.gonzalez@example.org).");
        assertThat(reply.path("route").asText()).isEqualTo("CLOUD");
        String sent = wire.lastRequest().body();
        assertThat(sent).contains("<PERSON_1>", "<EMAIL_1>").doesNotContain("Maria", "example.org");
        JsonNode log = json(rt.get("/api/proxy/log")).path("entries");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("redacted").path("person").asInt()).isEqualTo(1);
        assertThat(log.get(0).path("model").asText()).as("the model the provider reported").isEqualTo("gpt-test");
        assertThat(json(rt.get("/api/memory/episodes")).path("episodes").get(0).path("route").asText()).isEqualTo("CLOUD");

        // the cache is keyed by the whole redacted request: the same question in a conversation that has grown is a new request
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Again."));
        JsonNode again = json(rt.post("/api/ask", ASK));
        assertThat(again.path("text").asText()).as("not served from an answer built on another context").isEqualTo("Again.");
        assertThat(wire.requests()).hasSize(2);
        assertThat(wire.lastRequest().body()).contains("Conversation:");
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("Fresh."));
        assertThat(json(rt.post("/api/ask", ASK.replace("}", ",\"no_cache\":true}"))).path("text").asText()).isEqualTo("Fresh.");
        assertThat(wire.requests()).hasSize(3);

        JsonNode preview = json(rt.post("/api/proxy/preview", "{\"text\":\"Call Tom Becker on +44 20 7946 0958\"}"));
        assertThat(preview.path("outgoing").asText()).isEqualTo("Call <PERSON_1> on <PHONE_1>");
        HttpResponse<String> wiped = rt.http.send(rt.request("/api/proxy/log").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(wiped).path("wiped").asInt()).isEqualTo(3);
    }

    @Test
    void askWaitsForApprovalThroughTheApiAndTheCanvasSeesExactlyWhatWouldLeave() throws Exception {
        json(rt.post("/api/proxy/policy", "{\"default\":\"ask\"}"));
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.stream("OK <PERSON_1>."));
        // the canvas listens for approvals as server-sent events
        java.util.concurrent.BlockingQueue<String> events = new java.util.concurrent.LinkedBlockingQueue<>();
        rt.http.sendAsync(rt.request("/api/approvals/events").GET().build(), HttpResponse.BodyHandlers.ofLines())
                // read the endless stream on its own thread: when the headers are already there, thenAccept would run
                // the reader on this test's thread and never return
                .thenAcceptAsync(r -> {
                    if (r.statusCode() != 200) events.add("status " + r.statusCode());
                    r.body().filter(l -> l.startsWith("data:") || l.startsWith("status")).forEach(events::add);
                }, task -> Thread.ofVirtual().name("sse-reader").start(task));

        CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return rt.post("/api/ask", ASK);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        JsonNode pending = null;
        for (int i = 0; i < 500; i++) {
            pending = json(rt.get("/api/proxy/approvals")).path("pending");
            if (!pending.isEmpty()) break;
            Thread.sleep(20);
        }
        assertThat(pending).hasSize(1);
        assertThat(wire.requests()).isEmpty();
        assertThat(pending.get(0).path("outgoing").asText()).contains("<PERSON_1>").doesNotContain("Maria");
        assertThat(rt.post("/api/proxy/approvals/nope", "{\"approve\":true}").statusCode()).isEqualTo(400);

        String pushed = events.poll(30, TimeUnit.SECONDS);
        assertThat(pushed).as("approval pushed over SSE").isNotNull();
        assertThat(JSON.readTree(pushed.substring(5)).path("id").asText()).isEqualTo(pending.get(0).path("id").asText());
        JsonNode desk = json(rt.get("/api/approvals")).path("pending");
        assertThat(desk).anySatisfy(d -> assertThat(d.path("kind").asText()).isEqualTo("cloud"));
        json(rt.post("/api/approvals/" + pending.get(0).path("id").asText(), "{\"approve\":true}"));
        JsonNode reply = json(answer.get(30, TimeUnit.SECONDS));
        assertThat(reply.path("text").asText()).isEqualTo("OK Maria Gonzalez.");
        assertThat(wire.requests()).hasSize(1);
    }

    @Test
    void otherProgramsUsingTheOpenAiEndpointGoThroughTheProxyToo() throws Exception {
        wire.enqueue(WireReplies.OpenAi.PATH, WireReplies.OpenAi.text("Hi <PERSON_1>!"));
        JsonNode r = json(rt.post("/v1/chat/completions",
                "{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi to Ingrid Johansson\"}]}"));
        assertThat(r.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hi Ingrid Johansson!");
        assertThat(wire.lastRequest().body()).contains("<PERSON_1>").doesNotContain("Ingrid");
        assertThat(json(rt.get("/api/proxy/log")).path("entries").get(0).path("intent").asText()).isEqualTo("openai_api");
    }

    @Test
    void aCloudModelCannotBeLoadedWithoutTheProxyGate() {
        clay.runtime.Models models = new clay.runtime.Models();
        models.register("raw", false, () -> CloudProvider.create(ModelSpec.of("raw", Map.of("kind", "openai",
                "url", wire.url("/v1"), "model", "gpt-4o-mini", "api_key", "sk-test")), Map.of(), RetryPolicy.defaults()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> models.get("raw"))
                .isInstanceOf(clay.core.ModelUnavailableException.class).hasMessageContaining("without the cloud proxy");
        assertThat(wire.requests()).isEmpty();
    }

    @Test
    void policyChangesAreValidatedAndKept() throws Exception {
        json(rt.post("/api/proxy/policy", "{\"class\":\"secret\",\"decision\":\"never\"}"));
        json(rt.post("/api/proxy/policy", "{\"deny\":\"Project Falcon\"}"));
        JsonNode policy = json(rt.get("/api/proxy/policy"));
        assertThat(policy.path("classes").path("secret").asText()).isEqualTo("never");
        assertThat(policy.path("deny").path("Project Falcon").asText()).isEqualTo("private");
        HttpResponse<String> bad = rt.post("/api/proxy/policy", "{\"default\":\"maybe\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("send_redacted");
    }
}
