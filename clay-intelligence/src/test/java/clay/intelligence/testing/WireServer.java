package clay.intelligence.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server on 127.0.0.1 that answers with scripted replies in the exact wire formats of the clouds
 * (see {@link WireReplies}) and records every request, so the real LangChain4j clients can be tested offline.
 * Replies are queued per path and used once each; an unscripted request gets a 500 naming the path.
 *
 * <pre>{@code
 * try (WireServer server = WireServer.start()) {
 *     server.enqueue("/v1/messages", WireReplies.Anthropic.text("Hello"));
 *     ... point a client at server.url("/v1") ...
 *     assertThat(server.requests().getFirst().header("x-api-key")).isEqualTo("test-key");
 * }
 * }</pre>
 */
public final class WireServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer: status, headers, and body parts written (and flushed) one by one, {@code gap} apart. */
    public record Reply(int status, Map<String, String> headers, List<String> parts, Duration gap) {
        public static Reply json(int status, String body, Map<String, String> headers) {
            Map<String, String> h = new HashMap<>(headers);
            h.put("content-type", "application/json");
            return new Reply(status, h, List.of(body), Duration.ZERO);
        }

        public static Reply raw(int status, String contentType, String body) {
            return new Reply(status, Map.of("content-type", contentType), List.of(body), Duration.ZERO);
        }

        /** Server-sent events; each element is one complete event ({@code event:}/{@code data:} lines). */
        public static Reply sse(List<String> events) {
            return new Reply(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"),
                    events.stream().map(e -> e.endsWith("\n\n") ? e : e + "\n\n").toList(), Duration.ZERO);
        }

        /** Newline-delimited JSON, Ollama's streaming format. */
        public static Reply ndjson(List<String> lines) {
            return new Reply(200, Map.of("content-type", "application/x-ndjson"),
                    lines.stream().map(l -> l + "\n").toList(), Duration.ZERO);
        }

        public Reply withGap(Duration gap) {
            return new Reply(status, headers, parts, gap);
        }
    }

    /** A request as the server saw it; header names are lower-case. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private WireServer(HttpServer server) {
        this.server = server;
    }

    public static WireServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WireServer wire = new WireServer(server);
            server.createContext("/", wire::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return wire;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public WireServer enqueue(String path, Reply... scripted) {
        synchronized (replies) {
            Deque<Reply> q = replies.computeIfAbsent(path, p -> new ArrayDeque<>());
            for (Reply r : scripted) q.addLast(r);
        }
        return this;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        return requests.getLast();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            requests.add(new Recorded(ex.getRequestMethod(), path, headers, body));
            Reply reply;
            synchronized (replies) {
                Deque<Reply> q = replies.get(path);
                reply = q == null ? null : q.pollFirst();
            }
            if (reply == null) reply = Reply.json(500, "{\"error\":{\"message\":\"no reply scripted for " + path
                    + "\"}}", Map.of());
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            boolean streamed = reply.parts().size() > 1 || !reply.gap().isZero();
            byte[] single = streamed ? null : reply.parts().getFirst().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status(), streamed ? 0 : single.length);
            OutputStream out = ex.getResponseBody();
            if (!streamed) {
                out.write(single);
                return;
            }
            for (String part : reply.parts()) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!reply.gap().isZero()) Thread.sleep(reply.gap());
            }
        } catch (IOException e) {
            // the client went away (e.g. a cancelled stream): nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
