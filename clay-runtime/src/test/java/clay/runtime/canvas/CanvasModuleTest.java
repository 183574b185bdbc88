package clay.runtime.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Intent;
import clay.core.Source;
import clay.core.Utterance;
import clay.runtime.RuntimeFixture;
import clay.runtime.skill.SkillRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The canvas served by the real runtime: token hand-over, strict page policy, API operations, WebSocket, skills. */
class CanvasModuleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static RuntimeFixture clay;

    @BeforeAll
    static void boot() throws Exception {
        clay = RuntimeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    @Test
    void firstLoadMovesTheTokenIntoAnHttpOnlyCookieAndServesThePageUnderAStrictPolicy() throws Exception {
        HttpResponse<String> first = clay.http.send(HttpRequest.newBuilder(clay.uri("/?token=" + clay.token + "&session=main")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isIn(302, 303);
        assertThat(first.headers().firstValue("Location")).hasValue("/?session=main");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("clay_token=" + clay.token).contains("HttpOnly").contains("SameSite=Strict");

        HttpResponse<String> page = clay.http.send(HttpRequest.newBuilder(clay.uri("/")).header("Cookie", "clay_token=" + clay.token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'none'", "script-src 'self' 'sha256-", "frame-ancestors 'none'", "require-trusted-types-for 'script'").doesNotContain("unsafe");
        assertThat(page.body()).contains("importmap");
        HttpResponse<String> lit = clay.http.send(HttpRequest.newBuilder(clay.uri("/vendor/lit/index.js")).header("Cookie", "clay_token=" + clay.token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lit.statusCode()).isEqualTo(200);
        assertThat(lit.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");

        HttpResponse<String> anonymous = clay.http.send(HttpRequest.newBuilder(clay.uri("/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void operationsAreApiCallsAndReachConnectedCanvases() throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket ws = clay.http.newWebSocketBuilder().header("Cookie", "clay_token=" + clay.token)
                .buildAsync(URI.create("ws://127.0.0.1:" + clay.runtime.port() + "/api/canvas/ws?session=api"), new WebSocket.Listener() {
                    final StringBuilder buf = new StringBuilder();
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        buf.append(data);
                        if (last) {
                            try { received.add(JSON.readTree(buf.toString())); } catch (Exception e) { throw new IllegalStateException(e); }
                            buf.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(received.poll(10, TimeUnit.SECONDS).path("type").asText()).isEqualTo("state");

        JsonNode shown = JSON.readTree(clay.post("/api/canvas/api/surfaces", """
                {"intent":"results_table","parameters":{"title":"Sales","rows":[{"month":"Jan","amount":3},{"month":"Feb","amount":5}]}}""").body());
        String id = shown.path("id").asText();
        assertThat(next(received, "show").path("surfaces").get(0).at("/spec/components/0/type").asText()).isEqualTo("table");

        assertThat(clay.post("/api/canvas/api/surfaces/" + id + "/transform", "{\"presentation\":\"line\"}").statusCode()).isEqualTo(200);
        assertThat(next(received, "transform").path("surfaces").get(0).at("/spec/components/0/type").asText()).isEqualTo("chart");
        assertThat(JSON.readTree(clay.post("/api/canvas/api/undo", "").body()).path("undone").asBoolean()).isTrue();
        assertThat(next(received, "undo").path("surfaces").get(0).at("/spec/components/0/type").asText()).isEqualTo("table");

        HttpResponse<String> bad = clay.post("/api/canvas/api/surfaces/" + id + "/transform", "{\"presentation\":\"hologram\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown presentation");
        JsonNode malformed = JSON.readTree(clay.post("/api/canvas/api/surfaces", "{\"spec\":{\"version\":1,\"kind\":\"components\",\"title\":\"x\",\"components\":[{\"id\":\"a\",\"type\":\"blink\"}]}}").body());
        assertThat(next(received, "show").toString()).contains("Could not show this surface").contains("unknown type 'blink'");
        assertThat(JSON.readTree(clay.get("/api/canvas/api").body()).path("surfaces")).hasSize(2);
        assertThat(malformed.path("id").asText()).isNotEqualTo(id);

        // a line typed on the canvas goes through the assistant; its answer arrives as a surface
        ws.sendText("{\"type\":\"utterance\",\"text\":\"what time is it\"}", true).get(5, TimeUnit.SECONDS);
        assertThat(next(received, "show").toString()).contains("what time is it");
        ws.abort();
    }

    @Test
    void compareDocumentsSkillAnswersWithAComparisonSurface() throws Exception {
        Path docs = Files.createDirectories(clay.home.persistent()); // the canvas shows files Clay keeps (or granted folders)
        Path a = Files.writeString(docs.resolve("a.txt"), "The fee is $10.\n"), b = Files.writeString(docs.resolve("b.txt"), "The fee is $12.\n");
        var skill = clay.runtime.context().skills().forIntent("compare_documents").orElseThrow();
        var reply = skill.handle(new SkillRequest(new Utterance("compare a and b", Source.TEXT, Instant.now()),
                Intent.of("compare_documents", Map.of("file_names", List.of(a.toString(), b.toString())), 1.0),
                clay.runtime.context(), t -> {}, () -> false));
        assertThat(reply.surfaces()).singleElement().satisfies(s -> assertThat(s.toString()).contains("\"scrollGroup\":\"compare\"").contains("\"op\":\"added\",\"text\":\"12\""));
    }

    @Test
    void showDataSkillChartsADataFileWhenAskedToPlot() throws Exception {
        Path csv = Files.writeString(Files.createDirectories(clay.home.persistent()).resolve("spend.csv"), "month,amount\nJan,12\nFeb,30\n");
        var skill = clay.runtime.context().skills().forIntent("show_data").orElseThrow();
        var reply = skill.handle(new SkillRequest(new Utterance("plot spend.csv over time", Source.TEXT, Instant.now()),
                Intent.of("show_data", Map.of("file_names", List.of(csv.toString())), 1.0), clay.runtime.context(), t -> {}, () -> false));
        assertThat(reply.surfaces().getFirst().at("/components/0/vegaLite/mark").asText()).isEqualTo("line");
    }

    @Test
    void documentsKeptInClayFsAreComparedByTheirClayFsPaths() throws Exception {
        clay.runtime.awaitModules(); // ClayFS starts in the background
        var fs = clay.runtime.context().service(clay.fs.ClayFs.class).orElseThrow();
        fs.write("bills/water-v1.txt", "Base charge $1,200.\n");
        fs.write("bills/water-v2.txt", "Base charge $1,450.\n");
        var skill = clay.runtime.context().skills().forIntent("compare_documents").orElseThrow();
        var reply = skill.handle(new SkillRequest(new Utterance("compare the water bills", Source.TEXT, Instant.now()),
                Intent.of("compare_documents", Map.of("file_names", List.of("bills/water-v1.txt", "bills/water-v2.txt")), 1.0),
                clay.runtime.context(), t -> {}, () -> false));
        String spec = reply.surfaces().getFirst().toString();
        assertThat(spec).contains("\"path\":\"bills/water-v2.txt\"").contains("\"op\":\"added\",\"text\":\"1,450\"");
    }

    private static JsonNode next(BlockingQueue<JsonNode> q, String op) throws InterruptedException {
        while (true) {
            JsonNode m = q.poll(10, TimeUnit.SECONDS);
            if (m == null) throw new AssertionError("no '" + op + "' state arrived");
            if (op.equals(m.path("op").asText())) return m;
        }
    }
}
