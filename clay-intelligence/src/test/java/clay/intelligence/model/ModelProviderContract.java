package clay.intelligence.model;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.model.ModelProvider.Feature;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelProvider} must do, run by each implementation through one hook: {@link #provider()}.
 * Scripted providers (a wire-format server) queue the answer in {@link #expect}; a real model ignores it and is
 * only held to non-empty text.
 */
public abstract class ModelProviderContract {

    protected abstract ModelProvider provider();

    /**
     * Arrange that the next chat answers {@code pieces} (as one body, or streamed piece by piece); returns whether
     * the answer will be exactly that.
     */
    protected abstract boolean expect(boolean streaming, String... pieces);

    private ChatRequest hello() {
        return ChatRequest.builder().messages(UserMessage.from("Say hello")).maxOutputTokens(8).build();
    }

    @Test
    void chatAnswersWithText() {
        boolean exact = expect(false, "Hello", " there");
        ChatResponse r = provider().chat().chat(hello());
        assertThat(r.aiMessage().text()).isNotEmpty();
        if (exact) assertThat(r.aiMessage().text()).isEqualTo("Hello there");
    }

    @Test
    void streamingDeliversPiecesThenTheWhole() throws Exception {
        boolean exact = expect(true, "Hel", "lo", "!");
        List<String> pieces = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        provider().streaming().chat(hello(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String p) { pieces.add(p); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        ChatResponse r = done.get(60, TimeUnit.SECONDS);
        assertThat(pieces).isNotEmpty();
        assertThat(String.join("", pieces)).isEqualTo(r.aiMessage().text());
        if (exact) assertThat(pieces).containsExactly("Hel", "lo", "!");
    }

    @Test
    void describesItself() {
        ModelProvider p = provider();
        assertThat(p.name()).isNotBlank();
        assertThat(p.kind()).isIn("llama.cpp", "openai-compatible", "ollama", "anthropic", "openai");
        assertThat(p.features()).contains(Feature.STREAMING);
        assertThat(p.contextWindow()).isPositive();
        assertThat(p.countTokens("a short line")).isPositive()
                .isLessThan(p.countTokens("a short line, followed by a much longer line of several more words"));
    }
}
