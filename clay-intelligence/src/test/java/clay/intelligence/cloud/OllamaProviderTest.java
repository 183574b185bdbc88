package clay.intelligence.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelProviderContract;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.testing.WireReplies.Ollama;
import clay.intelligence.testing.WireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real LangChain4j Ollama client against a local server speaking Ollama's /api/chat (NDJSON streaming). */
class OllamaProviderTest extends ModelProviderContract {
    WireServer server;
    CloudProvider ollama;

    @BeforeEach
    void start() {
        server = WireServer.start();
        ollama = CloudProvider.create(ModelSpec.of("olla", Map.of("kind", "ollama", "url", server.url(""),
                "model", "qwen2.5:1.5b", "context_window", 4096)), Map.of(),
                new RetryPolicy(2, Duration.ZERO, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Override
    protected ModelProvider provider() {
        return ollama;
    }

    @Override
    protected boolean expect(boolean streaming, String... pieces) {
        server.enqueue(Ollama.PATH, streaming ? Ollama.stream(pieces) : Ollama.text(String.join("", pieces)));
        return true;
    }

    @Test
    void postsToApiChatWithTheModelAndNoStreamFlagForBlockingChat() {
        server.enqueue(Ollama.PATH, Ollama.text("Hi"));
        ChatResponse r = ollama.chat().chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build());

        JsonNode body = server.lastRequest().json();
        assertThat(server.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5:1.5b");
        assertThat(body.path("stream").asBoolean()).isFalse();
        assertThat(body.path("options").path("num_ctx").asInt()).isEqualTo(4096);
        assertThat(body.path("messages").get(0).path("content").asText()).isEqualTo("Hello");
        assertThat(r.aiMessage().text()).isEqualTo("Hi");
        assertThat(r.tokenUsage().inputTokenCount()).isEqualTo(11);
        assertThat(ollama.contextWindow()).isEqualTo(4096);
        assertThat(ollama.local()).isTrue();
    }

    @Test
    void jsonSchemaIsSentAsTheFormat() {
        server.enqueue(Ollama.PATH, Ollama.text("{\"intent\":\"chat\"}"));
        JsonSchema schema = JsonSchema.builder().name("intent")
                .rootElement(JsonObjectSchema.builder().addStringProperty("intent").required("intent").build()).build();
        ollama.chat().chat(ChatRequest.builder().messages(UserMessage.from("hi"))
                .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build()).build());

        JsonNode format = server.lastRequest().json().path("format");
        assertThat(format.path("type").asText()).isEqualTo("object");
        assertThat(format.path("properties").has("intent")).isTrue();
    }

    @Test
    void aMissingModelIsNotFoundWithOllamasOwnWords() {
        server.enqueue(Ollama.PATH, Ollama.error(404, "model \"qwen2.5:1.5b\" not found, try pulling it first"));
        assertThatThrownBy(() -> ollama.chat().chat("hi")).isInstanceOfSatisfying(CloudException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).contains("try pulling it first");
            assertThat(e.retriable()).isFalse();
        });
    }
}
