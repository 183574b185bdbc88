package clay.cli;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.ModelUnavailableException;
import clay.core.Token;
import clay.runtime.ClayRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * The CLI's client of the runtime's loopback API, with the user's token. {@link #connect} starts the daemon first when
 * it is not running; {@link #running} only finds one.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    ApiClient(int port, String token) {
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
        var file = ClayRuntime.runtimeFile(home);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            JsonNode info = JSON.readTree(file.toFile());
            long pid = info.path("pid").asLong();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                ApiClient c = new ApiClient(info.path("port").asInt(), Token.loadOrCreate(home));
                if (c.healthy()) return Optional.of(c);
            }
        } catch (IOException | RuntimeException e) {
            // stale or half-written file: treat as not running
        }
        return Optional.empty();
    }

    public URI base() {
        return base;
    }

    boolean healthy() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public JsonNode put(String path, Object body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json(body))).build());
    }

    public JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    /**
     * POSTs {@code body} and reads server-sent events, calling {@code onEvent(name, data)} for each, until the stream
     * ends or {@code cancelled} turns true (then the connection is closed, which stops the work on the server).
     */
    public void stream(String path, Object body, BiConsumer<String, JsonNode> onEvent, BooleanSupplier cancelled) {
        HttpRequest req = request(path).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() >= 400) {
                throw error(r.statusCode(), new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClayException("interrupted", null);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    }

    private JsonNode send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) throw error(r.statusCode(), r.body());
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClayException("interrupted", null);
        }
    }

    private ClayException unreachable(IOException e) {
        if (e instanceof ConnectException) {
            return new ClayException("the Clay runtime at " + base + " is not answering", "start it with clay runtime start");
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
