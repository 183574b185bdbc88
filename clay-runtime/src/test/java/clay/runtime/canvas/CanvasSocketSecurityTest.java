package clay.runtime.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Token;
import clay.runtime.RuntimeFixture;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canvas WebSocket, attacked as a raw client would: without the token, with the token in the URL, from a foreign
 * origin, under a rebinding host name, with the {@code /v1} client token; and, once in, with surface actions that try
 * to run what the user never asked for or read files Clay does not keep.
 */
class CanvasSocketSecurityTest {
    @TempDir static Path dir;
    static RuntimeFixture clay;
    static int port;
    static Path granted;
    static final AtomicInteger destroyed = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        granted = Files.createDirectories(dir.resolve("granted"));
        clay = RuntimeFixture.start(dir.resolve("rt"), "# config-secret-marker\n[canvas]\ndocuments = [\"" + granted + "\"]\n", s -> {});
        port = clay.runtime.port();
        clay.runtime.context().skills().register("test_destroy", r -> {
            destroyed.incrementAndGet();
            return new Reply("destroyed", List.of(), Map.of(), "NONE", "test");
        });
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    private static String host() {
        return "127.0.0.1:" + port;
    }

    private static Map<String, String> user() {
        return Map.of("Cookie", "clay_token=" + clay.token, "Origin", "http://" + host());
    }

    @Test
    void anUpgradeWithoutTheTokenIsRefusedBeforeTheSocketOpens() throws Exception {
        assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main", host(), Map.of())).startsWith("HTTP/1.1 401");
        assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main", host(), Map.of("Cookie", "clay_token=" + "0".repeat(64))))
                .startsWith("HTTP/1.1 401");
    }

    @Test
    void theTokenInTheSocketUrlIsNotAccepted() throws Exception {
        assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main&token=" + clay.token, host(), Map.of()))
                .startsWith("HTTP/1.1 401");
    }

    @Test
    void aForeignOriginIsRefusedEvenWithTheUsersCookie() throws Exception {
        // a page on another port of 127.0.0.1 is same-site: the browser attaches the SameSite=Strict cookie
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:" + (port + 1), "http://127.0.0.2:" + port, "null")) {
            assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main", host(),
                    Map.of("Cookie", "clay_token=" + clay.token, "Origin", origin))).as(origin).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void aRebindingHostNameIsRefused() throws Exception {
        for (String h : List.of("evil.com", "evil.com:" + port, "127.0.0.1.evil.example:" + port)) {
            assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main", h, Map.of("Cookie", "clay_token=" + clay.token)))
                    .as(h).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void theV1ClientTokenCannotOpenTheCanvas() throws Exception {
        String client = Token.loadOrCreateClient(clay.home);
        assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=main", host(), Map.of("Authorization", "Bearer " + client)))
                .startsWith("HTTP/1.1 403");
    }

    @Test
    void theUsersCanvasConnectsAndSeesOnlyItsOwnSession() throws Exception {
        assertThat(CanvasSocket.upgrade(port, "/api/canvas/ws?session=own", host(), user())).startsWith("HTTP/1.1 101");
        try (CanvasSocket a = CanvasSocket.open(port, "own-a", user());
                CanvasSocket b = CanvasSocket.open(port, "own-b", Map.of("Authorization", "Bearer " + clay.token))) {
            a.next(m -> m.path("type").asText().equals("state"));
            b.next(m -> m.path("type").asText().equals("state"));
            clay.post("/api/canvas/own-a/surfaces", "{\"intent\":\"show_text\",\"parameters\":{\"title\":\"for a only\",\"text\":\"secret of a\"}}");
            clay.post("/api/canvas/own-b/surfaces", "{\"intent\":\"show_text\",\"parameters\":{\"title\":\"for b\",\"text\":\"b's\"}}");
            assertThat(a.next(m -> m.path("op").asText().equals("show")).toString()).contains("secret of a");
            JsonNode firstShownToB = b.next(m -> m.path("op").asText().equals("show"));
            assertThat(firstShownToB.toString()).contains("b's").doesNotContain("secret of a");
        }
    }

    @Test
    void aSurfaceButtonCannotRunAnActionThatChangesSomethingWithoutTheUsersYes() throws Exception {
        try (CanvasSocket ws = CanvasSocket.open(port, "btn", user()); CanvasSocket other = CanvasSocket.open(port, "btn-other", user())) {
            int before = destroyed.get();
            ws.send("{\"type\":\"action\",\"id\":\"x\",\"intent\":\"test_destroy\",\"parameters\":{\"what\":\"everything\"}}");
            JsonNode ask = CanvasSocket.shown(ws.next(m -> m.path("op").asText().equals("show")));
            assertThat(ask.toString()).contains("test_destroy").contains("everything");
            assertThat(destroyed.get()).isEqualTo(before);
            String ticket = null;
            for (JsonNode c : ask.at("/spec/components")) if (c.path("id").asText().equals("yes")) ticket = c.at("/action/parameters/ticket").asText();
            assertThat(ticket).hasSize(32);

            // a forged confirmation, and the real ticket from another session, run nothing
            ws.send("{\"type\":\"action\",\"intent\":\"confirm_surface_action\",\"parameters\":{\"ticket\":\"" + "0".repeat(32) + "\"}}");
            assertThat(ws.next(m -> m.toString().contains("Nothing to confirm"))).isNotNull();
            other.next(m -> m.path("type").asText().equals("state"));
            other.send("{\"type\":\"action\",\"intent\":\"confirm_surface_action\",\"parameters\":{\"ticket\":\"" + ticket + "\"}}");
            assertThat(other.next(m -> m.toString().contains("Nothing to confirm"))).isNotNull();
            assertThat(destroyed.get()).isEqualTo(before);

            // the user's own yes: asked again (the ticket from the other session was spent), then confirmed
            ws.send("{\"type\":\"action\",\"id\":\"x\",\"intent\":\"test_destroy\",\"parameters\":{}}");
            JsonNode again = CanvasSocket.shown(ws.next(m -> m.path("op").asText().equals("show") && m.toString().contains("confirm_surface_action")));
            String fresh = null;
            for (JsonNode c : again.at("/spec/components")) if (c.path("id").asText().equals("yes")) fresh = c.at("/action/parameters/ticket").asText();
            ws.send("{\"type\":\"action\",\"id\":\"" + again.path("id").asText() + "\",\"intent\":\"confirm_surface_action\",\"parameters\":{\"ticket\":\"" + fresh + "\"}}");
            assertThat(ws.next(m -> m.toString().contains("destroyed"))).isNotNull();
            assertThat(destroyed.get()).isEqualTo(before + 1);
        }
    }

    @Test
    void readOnlyActionsRunAtAClick() throws Exception {
        try (CanvasSocket ws = CanvasSocket.open(port, "ro", user())) {
            ws.send("{\"type\":\"action\",\"id\":\"x\",\"intent\":\"get_time\",\"parameters\":{}}");
            assertThat(ws.next(m -> m.path("op").asText().equals("show")).toString()).containsIgnoringCase("get time");
        }
    }

    @Test
    void openDocumentShowsOnlyFilesClayKeepsOrTheUserGranted() throws Exception {
        Path kept = Files.writeString(Files.createDirectories(clay.home.persistent()).resolve("kept-note.txt"), "kept text 123\n");
        Path grantedFile = Files.writeString(granted.resolve("granted-note.txt"), "granted text 456\n");
        Path outside = Files.writeString(dir.resolve("outside.txt"), "outside text 789\n");
        Path link = clay.home.persistent().resolve("token-link.txt");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Token.file(clay.home));
        Path grantedLink = granted.resolve("config-link.toml");
        Files.deleteIfExists(grantedLink);
        Files.createSymbolicLink(grantedLink, dir.resolve("rt").resolve("config.toml"));
        try (CanvasSocket ws = CanvasSocket.open(port, "docs", user())) {
            ws.next(m -> m.path("type").asText().equals("state"));
            assertThat(open(ws, kept.toString())).contains("kept text 123");
            assertThat(open(ws, "kept-note.txt")).contains("kept text 123");
            assertThat(open(ws, grantedFile.toString())).contains("granted text 456");
            for (String refused : List.of("/etc/shadow", "/etc/passwd", Token.file(clay.home).toString(), Token.clientFile(clay.home).toString(),
                    outside.toString(), link.toString(), grantedLink.toString(), clay.home.persistent() + "/../../runtime/token")) {
                String answer = open(ws, refused);
                assertThat(answer).as(refused).contains("Could not show this surface").doesNotContain("root:").doesNotContain(clay.token)
                        .doesNotContain("outside text").doesNotContain("config-secret-marker");
            }
            ws.send("{\"type\":\"action\",\"id\":\"x\",\"intent\":\"compare_documents\",\"parameters\":{\"file_names\":[\"" + kept + "\",\"" + Token.file(clay.home) + "\"]}}");
            assertThat(ws.next(m -> m.path("op").asText().equals("show")).toString()).contains("Could not show this surface").doesNotContain(clay.token);
        }
    }

    private static String open(CanvasSocket ws, String file) throws Exception {
        ws.send("{\"type\":\"action\",\"id\":\"x\",\"intent\":\"open_document\",\"parameters\":{\"file_names\":[\"" + file + "\"]}}");
        return CanvasSocket.shown(ws.next(m -> m.path("op").asText().equals("show"))).toString();
    }
}
