package clay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import clay.core.Token;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiSecurityTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    @TempDir static Path dir;
    static RuntimeFixture clay;

    @BeforeAll
    static void start() throws Exception {
        clay = RuntimeFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    @Test
    void refusesRequestsWithoutTheToken() throws Exception {
        HttpResponse<String> r = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"type\":\"unauthorized\"");
    }

    @Test
    void refusesAWrongToken() throws Exception {
        HttpResponse<String> r = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/models"))
                .header("Authorization", "Bearer " + "0".repeat(64)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsTheTokenAsBearerOrCookie() throws Exception {
        assertThat(clay.get("/api/models").statusCode()).isEqualTo(200);
        HttpResponse<String> cookie = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/models"))
                .header("Cookie", "clay_token=" + clay.token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(200);
    }

    @Test
    void theTokenInAUrlCountsOnlyOnTheCanvasFirstLoad() throws Exception {
        for (String path : List.of("/api/memory/export", "/api/models", "/api/proxy/log", "/v1/models", "/app/main.js")) {
            HttpResponse<String> r = clay.http.send(HttpRequest.newBuilder(clay.uri(path + "?token=" + clay.token)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).doesNotContain("\"facts\"");
        }
        HttpResponse<String> page = clay.http.send(HttpRequest.newBuilder(clay.uri("/?token=" + clay.token)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).doesNotContain(clay.token);
        assertThat(page.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly", "SameSite=Strict");
        HttpResponse<String> clientInUrl = clay.http.send(HttpRequest.newBuilder(clay.uri("/?token=" + Token.loadOrCreateClient(clay.home)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(clientInUrl.statusCode()).isEqualTo(401);
    }

    @Test
    void theV1ClientTokenChatsButCannotApproveChangePolicyTouchTheAuditOrExportMemory() throws Exception {
        String client = Token.loadOrCreateClient(clay.home);
        assertThat(client).isNotEqualTo(clay.token);
        assertThat(Files.getPosixFilePermissions(Token.clientFile(clay.home))).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(as(client, "GET", "/v1/models", null).statusCode()).isEqualTo(200);
        record Probe(String method, String path, String body) {}
        for (Probe p : List.of(new Probe("POST", "/api/proxy/approvals/some-id", "{\"approve\":true}"),
                new Probe("POST", "/api/approvals/some-id", "{\"decision\":\"always\"}"),
                new Probe("POST", "/api/programs/helper/approve", "{}"),
                new Probe("POST", "/api/proxy/policy", "{\"default\":\"send\"}"),
                new Probe("PUT", "/api/proxy/policy", "{\"default\":\"send\"}"),
                new Probe("DELETE", "/api/proxy/log", null), new Probe("GET", "/api/proxy/log", null),
                new Probe("GET", "/api/proxy/approvals", null), new Probe("GET", "/api/memory/export", null),
                new Probe("GET", "/api/audit", null), new Probe("POST", "/api/ask", "{\"text\":\"what time is it\"}"),
                new Probe("POST", "/api/shutdown", "{}"), new Probe("GET", "/", null))) {
            HttpResponse<String> r = as(client, p.method(), p.path(), p.body());
            assertThat(r.statusCode()).as(p.method() + " " + p.path()).isEqualTo(403);
            assertThat(r.body()).as(p.path()).contains("forbidden_scope");
        }
        HttpResponse<String> health = as(client, "GET", "/api/health", null);
        assertThat(JSON.readTree(health.body()).properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("status", "version");
    }

    private static HttpResponse<String> as(String token, String method, String path, String body) throws Exception {
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return clay.http.send(HttpRequest.newBuilder(clay.uri(path)).header("Authorization", "Bearer " + token)
                .method(method, p).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesAForeignOrigin() throws Exception {
        HttpResponse<String> r = clay.http.send(clay.request("/api/models").header("Origin", "http://evil.example").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("forbidden_origin");
        HttpResponse<String> own = clay.http.send(clay.request("/api/models")
                .header("Origin", "http://127.0.0.1:" + clay.runtime.port()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void refusesARebindingHostHeader() throws Exception {
        // the JDK client will not send a custom Host header, so speak HTTP/1.1 directly
        try (Socket s = new Socket("127.0.0.1", clay.runtime.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/models HTTP/1.1\r\nHost: attacker.example:" + clay.runtime.port()
                    + "\r\nAuthorization: Bearer " + clay.token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).contains("403");
        }
    }

    @Test
    void healthWithoutTheTokenSaysOnlyThatClayIsUpAndItsVersion() throws Exception {
        HttpResponse<String> r = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("status", "version");
        assertThat(r.body()).doesNotContain(clay.token).doesNotContain(clay.home.root().toString()).doesNotContain("greeting")
                .doesNotContain(String.valueOf(ProcessHandle.current().pid()));
        assertThat(JSON.readTree(clay.get("/api/health").body()).has("boot")).isTrue(); // the user still sees it all
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        var addresses = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> i.inetAddresses().filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address))
                .toList();
        for (var a : addresses) {
            try (Socket s = new Socket()) {
                s.connect(new java.net.InetSocketAddress(a, clay.runtime.port()), 500);
                org.assertj.core.api.Assertions.fail("the API answered on " + a);
            } catch (java.io.IOException expected) {
                // refused: good
            }
        }
    }
}
