package clay.sandbox.broker;

import clay.sandbox.net.HttpHeads;
import clay.sandbox.net.UnixSocketServer;
import clay.core.Capability;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The Clay broker: a small HTTP/1.1 server on a unix domain socket that one sandboxed run reaches (through the same
 * socat bridge as the egress proxy) to use the capabilities the sandbox itself cannot enforce by binding files:
 * {@code POST /notify {"title","body"}} ({@code notify}), {@code POST /clipboard {"text"}} and {@code GET /clipboard}
 * ({@code clipboard}), {@code POST /llm {"prompt","local"}} ({@code llm:local} or {@code llm:cloud}). Every call is
 * checked against the run's approved capabilities; a refusal answers 403 and goes to the denial callback. Allowed
 * calls go to the {@link Host}. One request per connection; bodies are capped at 1 MiB.
 *
 * <pre>{@code
 * try (Broker b = Broker.start(dir.resolve("broker.sock"), granted, host, (call, why) -> audit(...))) { ... }
 * }</pre>
 */
public final class Broker implements AutoCloseable {
    /** The capabilities the broker serves; a run holding none of them gets no broker. */
    public static final Set<Capability> CAPABILITIES = Set.of(new Capability(Capability.Kind.NOTIFY, ""),
            new Capability(Capability.Kind.CLIPBOARD, ""), new Capability(Capability.Kind.LLM, "local"),
            new Capability(Capability.Kind.LLM, "cloud"));
    private static final int MAX_BODY = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the runtime does with allowed calls. Methods may throw; the program then gets a 502 with the message. */
    public interface Host {
        void notify(String program, String title, String body);

        Optional<String> clipboard();

        void clipboard(String text);

        /** A completion of {@code prompt}, by a cloud model when {@code cloud}, else a local one. */
        String llm(String program, String prompt, boolean cloud);

        /** A host that has nothing behind the broker: every call fails with a clear message. */
        static Host none() {
            return new Host() {
                public void notify(String program, String title, String body) {
                    throw new IllegalStateException("no notification channel in this runtime");
                }

                public Optional<String> clipboard() {
                    throw new IllegalStateException("no clipboard in this runtime");
                }

                public void clipboard(String text) {
                    throw new IllegalStateException("no clipboard in this runtime");
                }

                public String llm(String program, String prompt, boolean cloud) {
                    throw new IllegalStateException("no model in this runtime");
                }
            };
        }
    }

    private UnixSocketServer listener;
    private final String program;
    private final Set<Capability> granted;
    private final Host host;
    private final BiConsumer<String, String> onDenied;

    private Broker(String program, Set<Capability> granted, Host host, BiConsumer<String, String> onDenied) {
        this.program = program;
        this.granted = Set.copyOf(granted);
        this.host = host;
        this.onDenied = onDenied;
    }

    /** Whether a run with these capabilities gets a broker. */
    public static boolean wanted(List<Capability> granted) {
        return granted.stream().anyMatch(CAPABILITIES::contains);
    }

    /**
     * @param socket where to listen (created; must not exist)
     * @param program the program's name, passed to the host
     * @param granted the run's approved capabilities
     * @param onDenied called with (call, reason) for every refused call
     */
    public static Broker start(Path socket, String program, Set<Capability> granted, Host host,
            BiConsumer<String, String> onDenied) throws IOException {
        Broker broker = new Broker(program, granted, host, onDenied);
        broker.listener = UnixSocketServer.listen(socket, "clay-broker", broker::serve);
        return broker;
    }

    public Path socket() {
        return listener.socket();
    }

    private void serve(SocketChannel ch) {
        try (ch; InputStream in = Channels.newInputStream(ch); OutputStream out = Channels.newOutputStream(ch)) {
            String head = HttpHeads.readHead(in);
            if (head == null) return;
            String[] first = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (first.length != 3) {
                reply(out, 400, error("bad request line"));
                return;
            }
            String method = first[0].toUpperCase(Locale.ROOT);
            String path = first[1];
            int q = path.indexOf('?');
            if (q >= 0) path = path.substring(0, q);
            long length = contentLength(head);
            if (length < 0 || length > MAX_BODY) {
                reply(out, 413, error("send a Content-Length body of at most " + MAX_BODY + " bytes"));
                return;
            }
            byte[] raw = in.readNBytes((int) length);
            JsonNode body;
            try {
                body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            } catch (IOException e) {
                reply(out, 400, error("the body is not JSON"));
                return;
            }
            if (body == null || !body.isObject()) {
                reply(out, 400, error("the body must be a JSON object"));
                return;
            }
            handle(method, path, body, out);
        } catch (IOException | RuntimeException e) {
            // client went away or sent garbage
        }
    }

    private void handle(String method, String path, JsonNode body, OutputStream out) throws IOException {
        String call = method + " " + path;
        Capability needed;
        switch (call) {
            case "POST /notify" -> needed = new Capability(Capability.Kind.NOTIFY, "");
            case "POST /clipboard", "GET /clipboard" -> needed = new Capability(Capability.Kind.CLIPBOARD, "");
            case "POST /llm" -> needed = new Capability(Capability.Kind.LLM,
                    body.path("local").asBoolean(true) ? "local" : "cloud");
            default -> {
                reply(out, 404, error("no such call: " + call + " (POST /notify, GET|POST /clipboard, POST /llm)"));
                return;
            }
        }
        if (!granted.contains(needed)) {
            String why = needed + " (not granted)";
            onDenied.accept(call, why);
            reply(out, 403, error("clay: " + why));
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        try {
            switch (call) {
                case "POST /notify" -> {
                    String title = text(body, "title", true);
                    host.notify(program, title, text(body, "body", false));
                    result.put("ok", true);
                }
                case "POST /clipboard" -> {
                    host.clipboard(text(body, "text", true));
                    result.put("ok", true);
                }
                case "GET /clipboard" -> result.put("text", host.clipboard().orElse(""));
                default -> result.put("text", host.llm(program, text(body, "prompt", true), needed.argument().equals("cloud")));
            }
        } catch (IllegalArgumentException e) {
            reply(out, 400, error(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            reply(out, 502, error(String.valueOf(e.getMessage())));
            return;
        }
        reply(out, 200, result);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException("missing \"" + field + "\"");
            return "";
        }
        if (!v.isTextual()) throw new IllegalArgumentException("\"" + field + "\" must be a string");
        return v.asText();
    }

    private static ObjectNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("error").put("message", message);
        return n;
    }

    private static long contentLength(String head) {
        try {
            return HttpHeads.contentLength(head);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void reply(OutputStream out, int status, JsonNode json) throws IOException {
        HttpHeads.reply(out, status, "application/json", JSON.writeValueAsBytes(json));
    }

    @Override
    public void close() {
        listener.close();
    }
}
