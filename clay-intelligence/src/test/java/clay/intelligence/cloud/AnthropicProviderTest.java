package clay.intelligence.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelProviderContract;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.WireReplies.Anthropic;
import clay.intelligence.testing.WireServer;
import clay.intelligence.testing.WireServer.Recorded;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real LangChain4j Anthropic client against a local server speaking the Messages API wire format. */
class AnthropicProviderTest extends ModelProviderContract {
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(2));

    WireServer server;
    CloudProvider claude;

    @BeforeEach
    void start() {
        server = WireServer.start();
        claude = CloudProvider.create(spec(), Map.of("ANTHROPIC_API_KEY", "sk-ant-test"), FAST);
    }

    ModelSpec spec() {
        return ModelSpec.of("claude", Map.of("kind", "anthropic", "url", server.url("/v1"), "model", "claude-test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelProvider provider() {
        return claude;
    }

    @Override
    protected boolean expect(boolean streaming, String... pieces) {
        server.enqueue(Anthropic.PATH, streaming ? Anthropic.stream(pieces) : Anthropic.text(String.join("", pieces)));
        return true;
    }

    @Test
    void sendsTheKeyTheVersionAndTheMessagesApiShape() {
        server.enqueue(Anthropic.PATH, Anthropic.text("Hi"));
        ChatResponse r = claude.chat().chat(ChatRequest.builder()
                .messages(SystemMessage.from("Be brief."), UserMessage.from("Hello")).build());

        Recorded req = server.lastRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/v1/messages");
        assertThat(req.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(req.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(req.header("content-type")).startsWith("application/json");
        JsonNode body = req.json();
        assertThat(body.path("model").asText()).isEqualTo("claude-test");
        assertThat(body.path("max_tokens").asInt()).isPositive();
        assertThat(body.path("system").toString()).contains("Be brief.");
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).toString()).contains("Hello");
        assertThat(r.aiMessage().text()).isEqualTo("Hi");
        assertThat(r.tokenUsage().inputTokenCount()).isEqualTo(12);
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(claude.local()).isFalse();
    }

    @Test
    void aJsonSchemaIsSentAsStructuredOutput() {
        server.enqueue(Anthropic.PATH, Anthropic.text("{\"intent\":\"get_time\"}"));
        var schema = dev.langchain4j.model.chat.request.json.JsonSchema.builder().name("intent")
                .rootElement(JsonObjectSchema.builder().addStringProperty("intent").required("intent").build()).build();
        String json = claude.chat().chat(ChatRequest.builder().messages(UserMessage.from("time?"))
                .responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.builder()
                        .type(dev.langchain4j.model.chat.request.ResponseFormatType.JSON).jsonSchema(schema).build())
                .build()).aiMessage().text();
        JsonNode format = server.lastRequest().json().path("output_config").path("format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("schema").path("required").get(0).asText()).isEqualTo("intent");
        assertThat(json).isEqualTo("{\"intent\":\"get_time\"}");
    }

    @Test
    void streamingAsksForSseAndIgnoresPings() throws Exception {
        server.enqueue(Anthropic.PATH, Anthropic.stream("Good ", "morning"));
        List<String> pieces = new CopyOnWriteArrayList<>();
        ChatResponse r = stream(ChatRequest.builder().messages(UserMessage.from("hi")).build(), pieces).get(10, TimeUnit.SECONDS);

        assertThat(server.lastRequest().json().path("stream").asBoolean()).isTrue();
        assertThat(pieces).containsExactly("Good ", "morning");
        assertThat(r.aiMessage().text()).isEqualTo("Good morning");
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(2);
    }

    @Test
    void toolUseBlocksBecomeToolExecutionRequests() {
        server.enqueue(Anthropic.PATH, Anthropic.toolUse("toolu_01A", "get_time", "{\"zone\":\"UTC\"}"));
        ChatResponse r = claude.chat().chat(ChatRequest.builder().messages(UserMessage.from("time?"))
                .toolSpecifications(timeTool()).build());

        JsonNode tools = server.lastRequest().json().path("tools");
        assertThat(tools.get(0).path("name").asText()).isEqualTo("get_time");
        assertThat(tools.get(0).path("input_schema").path("type").asText()).isEqualTo("object");
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().getFirst();
        assertThat(call.id()).isEqualTo("toolu_01A");
        assertThat(call.name()).isEqualTo("get_time");
        assertThat(call.arguments()).contains("\"zone\"").contains("UTC");
        assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void streamedToolUseIsAssembledFromJsonDeltas() throws Exception {
        server.enqueue(Anthropic.PATH, Anthropic.streamToolUse("toolu_02", "get_time", "{\"zo", "ne\": \"U", "TC\"}"));
        List<CompleteToolCall> calls = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        claude.streaming().chat(ChatRequest.builder().messages(UserMessage.from("time?")).toolSpecifications(timeTool())
                .build(), new StreamingChatResponseHandler() {
                    @Override public void onCompleteToolCall(CompleteToolCall c) { calls.add(c); }
                    @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
                    @Override public void onError(Throwable e) { done.completeExceptionally(e); }
                });

        ChatResponse r = done.get(10, TimeUnit.SECONDS);
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("get_time");
        assertThat(call.arguments()).isEqualToIgnoringWhitespace("{\"zone\":\"UTC\"}");
        assertThat(calls).hasSize(1);
    }

    @Test
    void a401IsABadKeyWithTheFixAndIsNotRetried() {
        server.enqueue(Anthropic.PATH, Anthropic.error(401, "authentication_error", "invalid x-api-key", Map.of()));

        assertThatThrownBy(() -> claude.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo("bad_api_key");
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("invalid x-api-key");
            assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("ANTHROPIC_API_KEY"));
            assertThat(e.retriable()).isFalse();
        });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void a429IsRetriedAfterTheServersRetryAfter() {
        server.enqueue(Anthropic.PATH,
                Anthropic.error(429, "rate_limit_error", "Number of requests has exceeded your rate limit",
                        Map.of("retry-after", "1")),
                Anthropic.text("finally"));

        assertThat(claude.chat().chat("hi")).isEqualTo("finally");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRetryAfterLongerThanTheBoundFailsAtOnceSayingHowLong() {
        server.enqueue(Anthropic.PATH, Anthropic.error(429, "rate_limit_error", "slow down", Map.of("retry-after", "120")));

        assertThatThrownBy(() -> claude.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo("rate_limited");
            assertThat(e.retriable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
            assertThat(e.fix()).hasValueSatisfying(f -> assertThat(f).contains("120 s"));
        });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void persistent529OverloadGivesUpAfterTheBoundedAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Anthropic.PATH, Anthropic.error(529, "overloaded_error", "Overloaded", Map.of("retry-after", "0")));
        }
        assertThatThrownBy(() -> claude.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo("overloaded");
            assertThat(e.status()).isEqualTo(529);
            assertThat(e.retriable()).isTrue();
        });
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aStreamThatFailsBeforeItsFirstTokenIsRetried() throws Exception {
        server.enqueue(Anthropic.PATH, Anthropic.error(529, "overloaded_error", "Overloaded", Map.of()),
                Anthropic.stream("ok"));
        ChatResponse r = stream(ChatRequest.builder().messages(UserMessage.from("hi")).build(), new CopyOnWriteArrayList<>())
                .get(10, TimeUnit.SECONDS);
        assertThat(r.aiMessage().text()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aMalformedBodyIsAClearError() {
        server.enqueue(Anthropic.PATH, WireServer.Reply.raw(200, "application/json", "{\"id\": \"msg\", \"content\": [ oops"));
        assertThatThrownBy(() -> claude.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.kind()).isEqualTo("bad_response");
            assertThat(e.getMessage()).contains("cannot read");
        });
    }

    @Test
    void aJsonBodyWhereAStreamWasExpectedIsAnErrorNotAHang() throws Exception {
        server.enqueue(Anthropic.PATH, Anthropic.text("not a stream"));
        var done = stream(ChatRequest.builder().messages(UserMessage.from("hi")).build(), new CopyOnWriteArrayList<>());
        assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CloudException.class)
                .hasMessageContaining("instead of a stream");
    }

    @Test
    void anUnreachableServerIsUnavailableAndRetriable() {
        server.close();
        assertThatThrownBy(() -> claude.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.getMessage()).contains("cannot reach");
            assertThat(e.retriable()).isTrue();
        });
    }

    @Test
    void noKeyAnywhereIsRefusedUpFrontWithTheFix() {
        assertThatThrownBy(() -> CloudProvider.create(spec(), Map.of(), FAST))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("no API key")
                .matches(e -> ((ModelUnavailableException) e).fix().orElse("").contains("ANTHROPIC_API_KEY"));
        assertThat(CloudProvider.create(spec().withApiKey("from-config"), Map.of(), FAST)).isNotNull();
    }

    @Test
    void cancellingAStreamStopsTheTokens() throws Exception {
        server.enqueue(Anthropic.PATH, Anthropic.stream("a", "b", "c", "d", "e", "f").withGap(Duration.ofMillis(50)));
        List<String> pieces = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        claude.streaming().chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                new StreamingChatResponseHandler() {
                    @Override public void onPartialResponse(PartialResponse p, PartialResponseContext c) {
                        pieces.add(p.text());
                        c.streamingHandle().cancel();
                    }
                    @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
                    @Override public void onError(Throwable e) { done.completeExceptionally(e); }
                });
        Thread.sleep(600); // the whole scripted stream would be over by now
        assertThat(pieces).containsExactly("a");
        assertThat(done).isNotDone();
    }

    CompletableFuture<ChatResponse> stream(ChatRequest request, List<String> pieces) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        claude.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String p) { pieces.add(p); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        return done;
    }

    static ToolSpecification timeTool() {
        return ToolSpecification.builder().name("get_time").description("current time in a zone")
                .parameters(JsonObjectSchema.builder().addStringProperty("zone").required("zone").build()).build();
    }
}
