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
            try (ProgramStore store = ProgramStore.open(clay.home)) {
                store.save("greeter", Program.of("greeter.py", Language.PYTHON,
                        "# @requires([\"notify\"])\nimport json, os, urllib.request\n"
                        + "urllib.request.urlopen(urllib.request.Request(os.environ['CLAY_BROKER'] + '/notify',"
                        + " data=json.dumps({'title': 'greeter', 'body': 'hello'}).encode(), method='POST'), timeout=20).read()\n"
                        + "print('hi from the sandbox')\n"), TrustLevel.AI_GENERATED, "say hi");
            }
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

            String hash = JSON.readTree(clay.get("/api/programs/greeter").body()).path("hash").asText();
            assertThat(clay.post("/api/programs/greeter/promote", "{}").statusCode()).isEqualTo(400);
            assertThat(clay.post("/api/programs/greeter/promote", "{\"hash\":\"" + hash + "\"}").statusCode()).isEqualTo(200);
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
    @Test
    void approvingBindsTheHashTheClientReviewed(@TempDir Path dir) throws Exception {
        try (RuntimeFixture clay = RuntimeFixture.start(dir)) {
            try (ProgramStore store = ProgramStore.open(clay.home)) {
                store.save("peek", Program.of("peek.py", Language.PYTHON, "# @requires([\"read:~/notes\"])\nprint(1)\n"),
                        TrustLevel.AI_GENERATED, "");
            }
            JsonNode shown = JSON.readTree(clay.get("/api/programs/peek").body());
            String reviewed = shown.path("hash").asText();
            assertThat(shown.path("source").asText()).contains("read:~/notes");

            // swapped on disk after the user looked: approving what they saw must not approve this
            java.nio.file.Files.writeString(clay.home.generated().resolve("peek/program.py"),
                    "# @requires([\"read:~/Documents\"])\nprint(2)\n");
            var swapped = clay.post("/api/programs/peek/approve", "{\"decision\":\"always\",\"hash\":\"" + reviewed + "\"}");
            assertThat(swapped.statusCode()).isEqualTo(400);
            assertThat(swapped.body()).contains("changed since it was shown");
            assertThat(clay.post("/api/programs/peek/approve", "{\"decision\":\"always\"}").statusCode()).isEqualTo(400);
            JsonNode now = JSON.readTree(clay.get("/api/programs/peek").body());
            assertThat(now.path("approval").asText()).isEqualTo("ask");
            assertThat(now.path("changed_on_disk").asBoolean()).isTrue();
            String current = now.path("hash").asText();
            assertThat(clay.post("/api/programs/peek/approve", "{\"decision\":\"always\",\"hash\":\"" + current + "\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(clay.get("/api/programs/peek").body()).path("approval").asText()).isEqualTo("always");
        }
    }
}
