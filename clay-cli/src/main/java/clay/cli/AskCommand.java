package clay.cli;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.Utterance;
import clay.runtime.Assistant;
import clay.runtime.ClayRuntime;
import clay.runtime.api.ApiServer;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clay ask "…"}: one question, answered through the running runtime when there is one, otherwise by a runtime
 * booted inside this process (no API). Reads the question from stdin when it is piped in or given as {@code -}.
 */
@Command(name = "ask", description = "Ask Clay one thing and print the answer (reads stdin when piped).")
public final class AskCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "What you want, in your own words.")
    List<String> words = List.of();

    @Option(names = "--model", paramLabel = "NAME", description = "Use this configured model instead of the default.")
    String model;

    @Option(names = "--json", description = "Print the whole reply as one JSON object.")
    boolean json;

    @Option(names = "--no-cache", description = "Do not answer from the cloud response cache (and do not cache this answer).")
    boolean noCache;

    @Option(names = "--explain", description = "Also print the intent, route, reason and latency of the decision.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        String text = String.join(" ", words).strip();
        if (text.isEmpty() || text.equals("-")) {
            if (Terminals.interactive() && text.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "say what you want: clay ask \"what time is it\" (or pipe text in)");
            }
            text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (text.isEmpty()) throw new ClayException("nothing to ask: the input was empty", "clay ask \"what time is it\"");
        PrintStream out = System.out;
        java.util.concurrent.atomic.AtomicBoolean streamed = new java.util.concurrent.atomic.AtomicBoolean();
        answer(text, json ? t -> {} : t -> {
            if (!t.isEmpty()) streamed.set(true);
            out.print(TerminalText.safe(t));
            out.flush();
        }, (reply, confirmer) -> {
            if (json) {
                out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
                return;
            }
            JsonNode r = ApiClient.JSON.valueToTree(reply);
            if (streamed.get()) out.println();
            else out.println(TerminalText.safe(Replies.visible(r)));
            if (explain) out.print(TerminalText.safe(explanation(r)));
            Replies.confirm(r, confirmer, Terminals.interactive(), out::println, prompt -> {
                out.print(prompt);
                out.flush();
                return System.console() == null ? null : System.console().readLine();
            });
        });
        return 0;
    }

    /** What to do with the finished reply while the runtime that made it is still there. */
    @FunctionalInterface
    interface Finish {
        void reply(Map<String, Object> reply, Replies.Confirmer confirmer) throws IOException;
    }

    private void answer(String text, java.util.function.Consumer<String> tokens, Finish finish) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        if (model != null) body.put("model", model);
        body.put("explain", explain);
        if (noCache) body.put("no_cache", true);
        body.put("stream", true);
        Optional<ApiClient> daemon = ApiClient.running(ClayHome.fromEnvironment());
        if (daemon.isPresent()) {
            AtomicReference<JsonNode> result = new AtomicReference<>();
            daemon.get().stream("/api/ask", body, (event, data) -> {
                switch (event) {
                    case "token" -> tokens.accept(data.path("text").asText());
                    case "reply" -> result.set(data);
                    case "error" -> throw new ClayException(data.path("message").asText(),
                            data.hasNonNull("fix") ? data.get("fix").asText() : null);
                    default -> { }
                }
            }, () -> false);
            if (result.get() == null) throw new ClayException("the runtime ended the answer early", "see clay runtime status");
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = ApiClient.JSON.convertValue(result.get(), Map.class);
            finish.reply(reply, Replies.through(daemon.get()));
            return;
        }
        try (ClayRuntime rt = ClayRuntime.create(s -> s.api(false))) {
            Reply r = rt.assistant().ask(Utterance.text(text),
                    new Assistant.Options(Optional.ofNullable(model), explain, noCache), tokens, () -> false);
            @SuppressWarnings("unchecked") // as the API would send it: dates as text
            Map<String, Object> reply = ApiServer.JSON.convertValue(ApiServer.replyJson(r), Map.class);
            finish.reply(reply, (id, yes) -> {
                try {
                    return ApiServer.JSON.valueToTree(ApiServer.replyJson(rt.assistant().confirmations().answer(id, yes)));
                } catch (ClayException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ClayException("the action failed: " + e.getMessage(), null, e);
                }
            });
        }
    }

    static String explanation(JsonNode reply) {
        JsonNode d = reply.path("data").path("decision");
        StringBuilder sb = new StringBuilder();
        sb.append("intent:     ").append(d.path("intent").asText()).append(String.format(" (confidence %.2f)%n", d.path("confidence").asDouble()));
        if (d.path("parameters").size() > 0) sb.append("parameters: ").append(d.path("parameters")).append('\n');
        sb.append("route:      ").append(reply.path("route").asText()).append('\n');
        sb.append("reason:     ").append(reply.path("reason").asText()).append('\n');
        JsonNode more = reply.path("data").path("route_log");
        if (more instanceof ObjectNode || more.isArray()) sb.append("log:        ").append(more).append('\n');
        sb.append(String.format("latency:    %.1f ms%n", d.path("latency_ms").asDouble()));
        return sb.toString();
    }
}
