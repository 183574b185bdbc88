package clay.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.core.TrustLevel;
import clay.runtime.RuntimeFixture;
import clay.sandbox.enforce.HostSupport;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import clay.sandbox.program.ProgramStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs, approvals and audit over the runtime's API, with the canvas answering the approval. */
class SandboxApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runAsksTheCanvasThenRunsAndAudits(@TempDir Path dir) throws Exception {
        assumeTrue(HostSupport.get().bubblewrap().isPresent(), "SKIPPED LOUDLY: bubblewrap unusable: "
                + HostSupport.get().bubblewrapProblem().orElse("?"));
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            new ProgramStore(clay.home.generated()).save("greeter", Program.of("greeter.py", Language.PYTHON,
                    "# @requires([\"notify\"])\nimport json, os, urllib.request\n"
                    + "urllib.request.urlopen(urllib.request.Request(os.environ['CLAY_BROKER'] + '/notify',"
                    + " data=json.dumps({'title': 'greeter', 'body': 'hello'}).encode(), method='POST'), timeout=5).read()\n"
                    + "print('hi from the sandbox')\n"), TrustLevel.AI_GENERATED, "say hi");
            assertThat(JSON.readTree(clay.get("/api/programs").body()).path("programs").get(0).path("name").asText())
                    .isEqualTo("greeter");

            CompletableFuture<HttpResponse<String>> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return clay.post("/api/programs/greeter/run", "{}");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            JsonNode pending = null;
            for (int i = 0; i < 200 && (pending == null || pending.isEmpty()); i++) {
                pending = JSON.readTree(clay.get("/api/approvals").body()).path("pending");
                if (pending.isEmpty()) Thread.sleep(25);
            }
            assertThat(pending).hasSize(1);
            assertThat(pending.get(0).path("kind").asText()).isEqualTo("program");
            assertThat(pending.get(0).path("capabilities").get(0).asText()).isEqualTo("notify");
            String id = pending.get(0).path("id").asText();
            assertThat(clay.post("/api/approvals/" + id, "{\"decision\":\"once\"}").statusCode()).isEqualTo(200);
            JsonNode result = JSON.readTree(run.get(30, TimeUnit.SECONDS).body());
            assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("succeeded");
            assertThat(result.path("stdout").asText()).isEqualTo("hi from the sandbox\n");
            JsonNode note = JSON.readTree(clay.get("/api/notifications").body()).path("notifications").get(0);
            assertThat(note.path("title").asText()).isEqualTo("greeter");
            assertThat(note.path("body").asText()).isEqualTo("hello");
            assertThat(note.path("program").asText()).startsWith("greeter");

            assertThat(clay.post("/api/programs/greeter/promote", "{}").statusCode()).isEqualTo(200);
            JsonNode shown = JSON.readTree(clay.get("/api/programs/greeter").body());
            assertThat(shown.path("trust").asText()).isEqualTo("user-approved");
            assertThat(shown.path("approval").asText()).isEqualTo("always");
            assertThat(shown.path("history")).isNotEmpty();
            assertThat(JSON.readTree(clay.post("/api/programs/greeter/revoke", "{}").body()).path("revoked").asInt()).isPositive();

            JsonNode audit = JSON.readTree(clay.get("/api/audit?program=greeter").body()).path("events");
            assertThat(audit.findValuesAsText("kind")).contains("run", "grant", "approve");
            assertThat(clay.post("/api/approvals/nope", "{\"decision\":\"once\"}").statusCode()).isEqualTo(400);
            assertThat(clay.get("/api/programs/missing").statusCode()).isEqualTo(400);
        }
    }
}
