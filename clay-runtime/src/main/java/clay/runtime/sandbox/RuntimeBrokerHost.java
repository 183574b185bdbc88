package clay.runtime.sandbox;

import clay.core.ModelUnavailableException;
import clay.runtime.Models;
import clay.sandbox.broker.Broker;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands behind the Clay broker in the daemon: a program's notification (size-capped and rate-limited) is noted in
 * the log, kept for the canvas ({@code GET /api/notifications}, the last {@value #KEEP}) and shown with {@code notify-send} when a desktop session has it; the clipboard is
 * held in memory and also copied with {@code wl-copy} under Wayland; llm calls go to the configured models (a local one
 * for {@code local}, the first cloud model, already behind the cloud proxy, for {@code cloud}).
 */
final class RuntimeBrokerHost implements Broker.Host {
    private static final Logger log = LoggerFactory.getLogger(RuntimeBrokerHost.class);
    private static final int KEEP = 100;
    static final int MAX_TITLE = 256;
    static final int MAX_BODY = 4096;
    static final int BURST = 10;

    /** A notification a program sent. */
    record Notification(Instant at, String program, String title, String body) { }

    private final Models models;
    private final Map<String, String> env;
    private final ArrayDeque<Notification> recent = new ArrayDeque<>();
    private final RateLimit rate = new RateLimit(BURST, java.time.Duration.ofSeconds(1));
    private volatile String clipboard;

    RuntimeBrokerHost(Models models, Map<String, String> env) {
        this.models = models;
        this.env = Map.copyOf(env);
    }

    /**
     * Keeps and shows one notification. Refuses (the program gets a 400 with the reason) a title over
     * {@value #MAX_TITLE} or a body over {@value #MAX_BODY} UTF-8 bytes, and more than {@value #BURST} notifications
     * a program sends faster than one a second. The log gets one short line, never the text.
     */
    @Override
    public void notify(String program, String title, String body) {
        int titleBytes = title.getBytes(StandardCharsets.UTF_8).length, bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (titleBytes > MAX_TITLE || bodyBytes > MAX_BODY) {
            throw new IllegalArgumentException("a notification takes at most " + MAX_TITLE + " bytes of title and " + MAX_BODY
                    + " of body (this one: " + titleBytes + " and " + bodyBytes + ")");
        }
        if (!rate.allow(program)) {
            throw new IllegalArgumentException("too many notifications: at most " + BURST + " at once, then one a second");
        }
        Notification n = new Notification(Instant.now(), program, title, body);
        synchronized (recent) {
            recent.addFirst(n);
            while (recent.size() > KEEP) recent.removeLast();
        }
        log.info("notification from {} ({} bytes)", program, titleBytes + bodyBytes);
        // "--": a title or body starting with '-' is text, not an option
        if (env.containsKey("DBUS_SESSION_BUS_ADDRESS")) tool("notify-send").ifPresent(t -> exec(List.of(t.toString(), "--app-name=Clay",
                "--", title, body), null));
    }

    List<Notification> recent() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    @Override
    public Optional<String> clipboard() {
        return Optional.ofNullable(clipboard);
    }

    @Override
    public void clipboard(String text) {
        clipboard = text;
        if (env.containsKey("WAYLAND_DISPLAY")) tool("wl-copy").ifPresent(t -> exec(List.of(t.toString()), text));
    }

    @Override
    public String llm(String program, String prompt, boolean cloud) {
        Optional<String> name = cloud ? models.names().stream().filter(n -> !models.isLocal(n)).findFirst()
                : models.defaultName().filter(models::isLocal).or(() -> models.names().stream().filter(models::isLocal).findFirst());
        String model = name.orElseThrow(() -> new ModelUnavailableException(
                "no " + (cloud ? "cloud" : "local") + " model is configured for " + program,
                cloud ? "add a cloud model in the config" : "add one with clay models add NAME FILE.gguf"));
        String text = models.get(model).chat().chat(ChatRequest.builder().messages(List.of(UserMessage.from(prompt))).build())
                .aiMessage().text();
        return text == null ? "" : text;
    }

    private static Optional<Path> tool(String name) {
        return List.of("/usr/bin/", "/usr/local/bin/").stream().map(d -> Path.of(d + name)).filter(Files::isExecutable).findFirst();
    }

    private void exec(List<String> argv, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            log.debug("{} failed: {}", argv.get(0), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
