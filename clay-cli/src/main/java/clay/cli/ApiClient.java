package clay.cli;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.ModelUnavailableException;
import clay.core.Token;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The CLI's client of the runtime, over its owner-only Unix socket ({@link ClayHome#socket()}) with the user's token.
 * {@link #connect} starts the daemon first when it is not running; {@link #running} only finds one. {@link #base} is the
 * loopback address the browser canvas uses.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final java.nio.file.Path socket;
    private final URI base;
    private final String token;

    ApiClient(java.nio.file.Path socket, int port, String token) {
        this.socket = socket;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.token = token;
    }

    /** A client of the running daemon, starting it if needed. */
    public static ApiClient connect() {
        ClayHome home = ClayHome.fromEnvironment();
        return running(home).orElseGet(() -> DaemonControl.start(home));
    }

    /** A client of the daemon of {@code home} if one is running and healthy. */
    public static Optional<ApiClient> running(ClayHome home) {
        var socket = home.socket();
        var file = home.runtime().resolve("runtime.json");
        if (!Files.exists(socket) || !Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode info = JSON.readTree(file.toFile());
            ApiClient c = new ApiClient(socket, info.path("port").asInt(), Token.loadOrCreate(home));
            if (c.healthy()) return Optional.of(c);
        } catch (IOException | RuntimeException e) {
            // a socket left by a killed runtime, or a half-written file: not running
        }
        return Optional.empty();
    }

    public URI base() {
        return base;
    }

    /** Whether the runtime answers on its socket; a socket that accepts belongs to a live runtime, so be patient. */
    boolean healthy() {
        try (UnixHttp.Response r = exchange("GET", "/api/health", null, Duration.ofSeconds(10))) {
            r.body().readAllBytes();
            return r.status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, json(body));
    }

    public JsonNode put(String path, Object body) {
        return send("PUT", path, json(body));
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private UnixHttp.Response exchange(String method, String path, String body, Duration timeout) throws IOException {
        var headers = new java.util.LinkedHashMap<String, String>();
        headers.put("Host", base.getAuthority());
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        return UnixHttp.exchange(socket, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * POSTs {@code body} and reads server-sent events, calling {@code onEvent(name, data)} for each, until the stream
     * ends or {@code cancelled} turns true (then the connection is closed, which stops the work on the server).
     */
    public void stream(String path, Object body, BiConsumer<String, JsonNode> onEvent, BooleanSupplier cancelled) {
        try {
            UnixHttp.Response r = exchange("POST", path, json(body), null);
            if (r.status() >= 400) {
                try (InputStream in = r.body()) {
                    throw error(r.status(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = r.body();
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Thread watcher = Thread.ofVirtual().start(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (cancelled.getAsBoolean()) {
                            try {
                                in.close();
                            } catch (IOException ignored) {
                                // closing is all we want
                            }
                            return;
                        }
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                try {
                    String event = null;
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("event:")) event = line.substring(6).strip();
                        else if (line.startsWith("data:")) {
                            String data = line.substring(5).strip();
                            onEvent.accept(event == null ? "message" : event, JSON.readTree(data));
                        } else if (line.isEmpty()) event = null;
                    }
                } catch (IOException e) {
                    if (!cancelled.getAsBoolean()) throw e;
                } finally {
                    watcher.interrupt();
                }
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private JsonNode send(String method, String path, String body) {
        try (UnixHttp.Response r = exchange(method, path, body, null)) {
            String text = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
            if (r.status() >= 400) throw error(r.status(), text);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private ClayException unreachable(IOException e) {
        if (e instanceof ConnectException || e instanceof java.nio.file.NoSuchFileException) {
            return new ClayException("the Clay runtime at " + socket + " is not answering", "start it with clay runtime start");
        }
        return new ClayException("talking to the runtime failed: " + e.getMessage(), "see clay runtime status", e);
    }

    /** Turns an API error body into a ClayException carrying its message and fix. */
    static ClayException error(int status, String body) {
        try {
            JsonNode err = JSON.readTree(body).path("error");
            String message = err.path("message").asText("HTTP " + status);
            String fix = err.hasNonNull("fix") ? err.get("fix").asText() : null;
            if ("model_unavailable".equals(err.path("type").asText())) return new ModelUnavailableException(message, fix);
            return new ClayException(message, fix);
        } catch (IOException e) {
            return new ClayException("the runtime answered HTTP " + status, null);
        }
    }

    static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
