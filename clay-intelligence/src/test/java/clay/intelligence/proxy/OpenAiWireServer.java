package clay.intelligence.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local server speaking the OpenAI chat-completions wire format (blocking and SSE streaming), recording every
 * request body it receives. Answers are computed from the last user message by {@code answer}.
 */
final class OpenAiWireServer implements AutoCloseable {
    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Function<String, String> answer;

    OpenAiWireServer(Function<String, String> answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every request body received so far, raw. */
    List<String> bodies() {
        return bodies;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        JsonNode req = json.readTree(body);
        String lastUser = "";
        for (JsonNode m : req.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                JsonNode c = m.path("content");
                lastUser = c.isTextual() ? c.asText() : c.path(0).path("text").asText();
            }
        }
        String text = answer.apply(lastUser);
        String model = req.path("model").asText("gpt-4o-mini");
        if (req.path("stream").asBoolean(false)) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < text.length(); i += 3) {
                    ObjectNode chunk = chunk(model);
                    chunk.withArray("choices").addObject().put("index", 0).putObject("delta")
                            .put("content", text.substring(i, Math.min(text.length(), i + 3)));
                    out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                ObjectNode last = chunk(model);
                last.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
                last.putObject("usage").put("prompt_tokens", 21).put("completion_tokens", 13).put("total_tokens", 34);
                out.write(("data: " + json.writeValueAsString(last) + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        ObjectNode res = json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = res.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        res.putObject("usage").put("prompt_tokens", 21).put("completion_tokens", 13).put("total_tokens", 34);
        byte[] bytes = json.writeValueAsBytes(res);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode chunk(String model) {
        return json.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
