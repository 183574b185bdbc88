package clay.intelligence.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelProviderContract;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.WireReplies.OpenAi;
import clay.intelligence.testing.WireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real LangChain4j OpenAI client against a local server speaking chat completions (OpenAI and compatibles). */
class OpenAiProviderTest extends ModelProviderContract {
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(2));

    WireServer server;
    CloudProvider gpt;

    @BeforeEach
    void start() {
        server = WireServer.start();
        gpt = CloudProvider.create(ModelSpec.of("gpt", Map.of("kind", "openai", "url", server.url("/v1"),
                "model", "gpt-test")), Map.of("OPENAI_API_KEY", "sk-test"), FAST);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelProvider provider() {
        return gpt;
    }

    @Override
    protected boolean expect(boolean streaming, String... pieces) {
        server.enqueue(OpenAi.PATH, streaming ? OpenAi.stream(pieces) : OpenAi.text(String.join("", pieces)));
        return true;
    }

    @Test
    void sendsBearerKeyModelAndMessages() {
        server.enqueue(OpenAi.PATH, OpenAi.text("Hi"));
        ChatResponse r = gpt.chat().chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build());

        var req = server.lastRequest();
        assertThat(req.path()).isEqualTo("/v1/chat/completions");
        assertThat(req.header("authorization")).isEqualTo("Bearer sk-test");
        JsonNode body = req.json();
        assertThat(body.path("model").asText()).isEqualTo("gpt-test");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Hello");
        assertThat(r.tokenUsage().totalTokenCount()).isEqualTo(13);
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void streamingReadsDataChunksUntilDone() throws Exception {
        server.enqueue(OpenAi.PATH, OpenAi.stream("one ", "two"));
        var pieces = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var done = new java.util.concurrent.CompletableFuture<ChatResponse>();
        gpt.streaming().chat(ChatRequest.builder().messages(UserMessage.from("count")).build(),
                new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
                    @Override public void onPartialResponse(String p) { pieces.add(p); }
                    @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
                    @Override public void onError(Throwable e) { done.completeExceptionally(e); }
                });
        ChatResponse r = done.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(server.lastRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(pieces).containsExactly("one ", "two");
        assertThat(r.aiMessage().text()).isEqualTo("one two");
    }

    @Test
    void jsonSchemaBecomesAStrictResponseFormat() {
        server.enqueue(OpenAi.PATH, OpenAi.text("{\"intent\":\"get_time\"}"));
        JsonSchema schema = JsonSchema.builder().name("intent")
                .rootElement(JsonObjectSchema.builder().addStringProperty("intent").required("intent").build()).build();
        String json = gpt.chat().chat(ChatRequest.builder().messages(UserMessage.from("time?"))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build())
                .build()).aiMessage().text();

        JsonNode format = server.lastRequest().json().path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("intent");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema").path("required").get(0).asText()).isEqualTo("intent");
        assertThat(json).isEqualTo("{\"intent\":\"get_time\"}");
    }

    @Test
    void toolCallsComeBackAsToolExecutionRequests() {
        server.enqueue(OpenAi.PATH, OpenAi.toolCall("call_1", "get_time", "{\"zone\":\"UTC\"}"));
        ChatResponse r = gpt.chat().chat(ChatRequest.builder().messages(UserMessage.from("time?"))
                .toolSpecifications(AnthropicProviderTest.timeTool()).build());

        assertThat(server.lastRequest().json().path("tools").get(0).path("function").path("name").asText())
                .isEqualTo("get_time");
        assertThat(r.aiMessage().toolExecutionRequests().getFirst().arguments()).isEqualTo("{\"zone\":\"UTC\"}");
    }

    @Test
    void a401SaysWhichKeyToFix() {
        server.enqueue(OpenAi.PATH, OpenAi.error(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: sk-test.", Map.of()));
        assertThatThrownBy(() -> gpt.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo("bad_api_key");
            assertThat(e.getMessage()).contains("Incorrect API key provided");
            assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("OPENAI_API_KEY"));
        });
    }

    @Test
    void a429WithoutRetryAfterBacksOffThenSucceeds() {
        server.enqueue(OpenAi.PATH, OpenAi.error(429, "requests", "rate_limit_exceeded", "Rate limit reached", Map.of()),
                OpenAi.text("ok"));
        assertThat(gpt.chat().chat("hi")).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void a400PassesTheServersExplanationOn() {
        server.enqueue(OpenAi.PATH, OpenAi.error(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 8192 tokens.", Map.of()));
        assertThatThrownBy(() -> gpt.chat().chat("hi")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maximum context length is 8192");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aLocalOpenAiCompatibleServerNeedsNoKey() {
        CloudProvider local = CloudProvider.create(ModelSpec.of("lan", Map.of("kind", "openai-compatible",
                "url", server.url("/v1"), "model", "qwen2.5-1.5b")), Map.of(), FAST);
        server.enqueue(OpenAi.PATH, OpenAi.text("local hello"));

        assertThat(local.chat().chat("hi")).isEqualTo("local hello");
        assertThat(local.local()).isTrue();
        assertThat(local.kind()).isEqualTo("openai-compatible");
        assertThat(server.lastRequest().json().path("model").asText()).isEqualTo("qwen2.5-1.5b");
    }
}
