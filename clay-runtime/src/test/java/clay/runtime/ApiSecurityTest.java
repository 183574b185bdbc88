package clay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiSecurityTest {
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
    void acceptsTheTokenAsBearerCookieOrQuery() throws Exception {
        assertThat(clay.get("/api/models").statusCode()).isEqualTo(200);
        HttpResponse<String> cookie = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/models"))
                .header("Cookie", "clay_token=" + clay.token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cookie.statusCode()).isEqualTo(200);
        HttpResponse<String> query = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/models?token=" + clay.token))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.statusCode()).isEqualTo(200);
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
    void healthIsOpenButRevealsNoSecrets() throws Exception {
        HttpResponse<String> r = clay.http.send(HttpRequest.newBuilder(clay.uri("/api/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"ok\"").doesNotContain(clay.token);
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
