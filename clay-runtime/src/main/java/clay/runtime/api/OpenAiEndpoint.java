package clay.runtime.api;

import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import clay.runtime.RuntimeContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/chat/completions} and {@code GET /v1/models} in OpenAI's wire format, so any program on this machine
 * can use Clay's models with a standard client. Its API key is the chat-only client token
 * ({@code $CLAY_HOME/runtime/client-token}, printed by {@code clay runtime client-token}), which reaches nothing else.
 */
final class OpenAiEndpoint {
    private OpenAiEndpoint() {}

    static void register(RoutesConfig routes, RuntimeContext ctx) {
        routes.get("/v1/models", c -> {
            List<Map<String, Object>> data = ctx.models().names().stream()
                    .map(n -> Map.<String, Object>of("id", n, "object", "model", "owned_by", "clay")).toList();
            c.json(Map.of("object", "list", "data", data));
        });
        routes.post("/v1/chat/completions", c -> complete(c, ctx));
    }

    private static void complete(Context c, RuntimeContext ctx) throws Exception {
        JsonNode body = ApiServer.JSON.readTree(c.body());
        String name = body.path("model").asText("");
        if (name.isEmpty() || name.equals("default") || name.equals("clay")) {
            name = ctx.models().defaultName().orElseThrow(() -> new ModelUnavailableException(
                    "no model is configured", "add one with clay models add NAME /path/model.gguf"));
        }
        if (!ctx.models().names().contains(name)) {
            throw new ModelUnavailableException("no model named '" + name + "'", "GET /v1/models lists the models");
        }
        ModelProvider model = ctx.models().get(name);
        if (model instanceof clay.intelligence.proxy.ProxiedProvider proxied) {
            // audited and governed by policy as the "openai_api" intent, so users can set e.g. ask for other programs
            model = proxied.with(clay.intelligence.proxy.Call.of("openai_api", "a program used Clay's OpenAI-compatible endpoint"));
        }
        ChatRequest request = request(body);
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        if (!body.path("stream").asBoolean(false)) {
            ChatResponse r = model.chat().chat(request);
            Map<String, Object> msg = Map.of("role", "assistant", "content", r.aiMessage().text() == null ? "" : r.aiMessage().text());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("object", "chat.completion");
            out.put("created", created);
            out.put("model", name);
            out.put("choices", List.of(Map.of("index", 0, "message", msg, "finish_reason", finish(r))));
            if (r.tokenUsage() != null) {
                out.put("usage", Map.of("prompt_tokens", nz(r.tokenUsage().inputTokenCount()),
                        "completion_tokens", nz(r.tokenUsage().outputTokenCount()),
                        "total_tokens", nz(r.tokenUsage().totalTokenCount())));
            }
            c.json(out);
            return;
        }
        SseWriter sse = new SseWriter(c, ApiServer.JSON);
        String modelName = name;
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        sse.raw(ApiServer.JSON.writeValueAsString(chunk(id, created, modelName, Map.of("role", "assistant", "content", ""), null)));
        model.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String token) {
                if (sse.closed()) throw new IllegalStateException("client went away");
                sse.event(null, chunk(id, created, modelName, Map.of("content", token), null));
            }

            @Override
            public void onCompleteResponse(ChatResponse r) {
                done.complete(r);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            ChatResponse r = done.join();
            sse.event(null, chunk(id, created, modelName, Map.of(), finish(r)));
        } catch (java.util.concurrent.CompletionException e) {
            sse.event(null, ErrorBodies.body("model_error", String.valueOf(e.getCause().getMessage()), null));
        }
        sse.raw("[DONE]");
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static String finish(ChatResponse r) {
        if (r == null || r.finishReason() == null) return "stop";
        return switch (r.finishReason()) {
            case LENGTH -> "length";
            case TOOL_EXECUTION -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> "stop";
        };
    }

    private static Map<String, Object> chunk(String id, String model, Map<String, Object> delta, String finish) {
        return chunk(id, System.currentTimeMillis() / 1000, model, delta, finish);
    }

    private static Map<String, Object> chunk(String id, long created, String model, Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finish);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("object", "chat.completion.chunk");
        out.put("created", created);
        out.put("model", model);
        out.put("choices", List.of(choice));
        return out;
    }

    static ChatRequest request(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new InvalidInputException("\"messages\" must be a non-empty array", null);
        }
        List<ChatMessage> list = new ArrayList<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            String content = text(m.get("content"));
            list.add(switch (role) {
                case "system", "developer" -> SystemMessage.from(content);
                case "user" -> UserMessage.from(content);
                case "assistant" -> AiMessage.from(content);
                default -> throw new InvalidInputException("unknown message role '" + role + "'", "use system, user or assistant");
            });
        }
        ChatRequest.Builder b = ChatRequest.builder().messages(list);
        if (body.has("temperature")) b.temperature(body.get("temperature").asDouble());
        if (body.has("max_tokens")) b.maxOutputTokens(body.get("max_tokens").asInt());
        if (body.has("max_completion_tokens")) b.maxOutputTokens(body.get("max_completion_tokens").asInt());
        JsonNode rf = body.get("response_format");
        if (rf != null && "json_schema".equals(rf.path("type").asText())) {
            JsonNode js = rf.path("json_schema");
            if (!js.path("schema").isObject()) {
                throw new InvalidInputException("response_format.json_schema.schema must be a JSON object", null);
            }
            // every name, description and enum value of the schema is redacted by the proxy before it leaves
            b.responseFormat(ResponseFormat.builder().type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(js.path("name").asText("response"))
                            .rootElement(JsonRawSchema.from(js.path("schema").toString())).build())
                    .build());
        } else if (rf != null && "json_object".equals(rf.path("type").asText())) {
            b.responseFormat(ResponseFormat.JSON);
        }
        return b.build();
    }

    private static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) if ("text".equals(part.path("type").asText())) sb.append(part.path("text").asText());
            return sb.toString();
        }
        throw new InvalidInputException("message content must be a string or an array of parts", null);
    }
}
