package clay.intelligence.model.store;

import clay.intelligence.model.ModelProvider;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** {@code clay models test NAME}: one short streamed generation, timed. */
public final class ModelCheck {
    /** What the test saw: the answer, token counts, time to the first token, and generation speed. */
    public record Result(String model, String answer, int promptTokens, int outputTokens, long firstTokenMillis,
            long totalMillis, double tokensPerSecond) {}

    private ModelCheck() {}

    public static final String PROMPT = "In one short sentence: what is a local-first AI runtime?";

    public static Result run(ModelProvider model, int maxTokens) {
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(PROMPT)).maxOutputTokens(maxTokens).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicLong first = new AtomicLong();
        long start = System.nanoTime();
        model.streaming().chat(request, new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String token) { first.compareAndSet(0, System.nanoTime()); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        ChatResponse r;
        try {
            r = done.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new clay.core.ModelUnavailableException("model " + model.name() + " did not answer in 10 minutes",
                    "check the model with --debug");
        }
        long end = System.nanoTime();
        long firstAt = first.get() == 0 ? end : first.get();
        int out = r.tokenUsage() != null && r.tokenUsage().outputTokenCount() != null
                ? r.tokenUsage().outputTokenCount() : model.countTokens(r.aiMessage().text());
        int in = r.tokenUsage() != null && r.tokenUsage().inputTokenCount() != null
                ? r.tokenUsage().inputTokenCount() : model.countTokens(PROMPT);
        double genSeconds = (end - firstAt) / 1e9;
        double tps = out > 1 && genSeconds > 0 ? (out - 1) / genSeconds : 0;
        return new Result(model.name(), r.aiMessage().text(), in, out, (firstAt - start) / 1_000_000,
                (end - start) / 1_000_000, tps);
    }
}
