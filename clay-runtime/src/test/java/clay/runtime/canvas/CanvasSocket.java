package clay.runtime.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A canvas WebSocket client for tests: the JDK's client for a working socket, raw HTTP for probing the upgrade. */
final class CanvasSocket implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final WebSocket ws;

    private CanvasSocket(int port, String session, Map<String, String> headers) throws Exception {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(b::header);
        ws = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/canvas/ws?session=" + session), new WebSocket.Listener() {
            final StringBuilder buf = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(buf.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    buf.setLength(0);
                }
                w.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    static CanvasSocket open(int port, String session, Map<String, String> headers) throws Exception {
        return new CanvasSocket(port, session, headers);
    }

    void send(String message) throws Exception {
        ws.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message that {@code matches}; fails after 30 s. */
    JsonNode next(Predicate<JsonNode> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // generous: the first open_document waits for ClayFS to start
        while (System.nanoTime() < deadline) {
            JsonNode m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m != null && matches.test(m)) return m;
        }
        throw new AssertionError("no matching message arrived");
    }

    /** The newest surface of a state message (the one just shown). */
    static JsonNode shown(JsonNode state) {
        JsonNode surfaces = state.path("surfaces");
        return surfaces.get(surfaces.size() - 1);
    }

    /**
     * Sends a WebSocket upgrade request as written (any Host, Origin, cookie) and returns the response's status line
     * and headers, without completing any handshake.
     */
    static String upgrade(int port, String path, String host, Map<String, String> headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) head.append(line).append('\n');
            return head.toString();
        }
    }

    @Override
    public void close() {
        ws.abort();
    }
}
