package clay.intelligence.cloud;

import clay.core.ClayException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wraps LangChain4j's clients (unchanged) so every failure leaves as a {@link ClayException} from
 * {@link CloudErrors} and retriable ones are retried under a {@link RetryPolicy}. A stream is retried only while
 * nothing has been streamed yet, so a caller never sees the same tokens twice.
 */
final class ResilientChatModel implements ChatModel, StreamingChatModel {
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final CloudErrors.Target target;
    private final RetryPolicy retry;

    ResilientChatModel(ChatModel chat, StreamingChatModel streaming, CloudErrors.Target target, RetryPolicy retry) {
        this.chat = chat;
        this.streaming = streaming;
        this.target = target;
        this.retry = retry;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return chat.defaultRequestParameters();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return chat.supportedCapabilities();
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return chat.provider();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        for (int attempt = 1; ; attempt++) {
            try {
                return chat.chat(request);
            } catch (RuntimeException e) {
                ClayException mapped = CloudErrors.map(e, target);
                long delay = retry.delayMillis(mapped, attempt);
                if (delay < 0) throw mapped;
                RetryPolicy.sleep(delay);
            }
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        attempt(request, handler, 1);
    }

    private void attempt(ChatRequest request, StreamingChatResponseHandler handler, int attempt) {
        AtomicBoolean streamed = new AtomicBoolean();
        try {
            streaming.chat(request, relay(request, handler, attempt, streamed));
        } catch (RuntimeException e) {
            handler.onError(CloudErrors.map(e, target));
        }
    }

    private StreamingChatResponseHandler relay(ChatRequest request, StreamingChatResponseHandler handler, int attempt,
            AtomicBoolean streamed) {
        return new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(PartialResponse r, PartialResponseContext c) {
                streamed.set(true);
                handler.onPartialResponse(r, c);
            }

            @Override public void onPartialThinking(PartialThinking t, PartialThinkingContext c) {
                handler.onPartialThinking(t, c);
            }

            @Override public void onPartialToolCall(PartialToolCall t, PartialToolCallContext c) {
                streamed.set(true);
                handler.onPartialToolCall(t, c);
            }

            @Override public void onCompleteToolCall(CompleteToolCall t) {
                handler.onCompleteToolCall(t);
            }

            @Override public void onCompleteResponse(ChatResponse response) {
                handler.onCompleteResponse(response);
            }

            @Override public void onError(Throwable error) {
                ClayException mapped = CloudErrors.map(error, target);
                long delay = streamed.get() ? -1 : retry.delayMillis(mapped, attempt);
                if (delay < 0) {
                    handler.onError(mapped);
                    return;
                }
                Thread.ofVirtual().start(() -> {
                    try {
                        RetryPolicy.sleep(delay);
                        attempt(request, handler, attempt + 1);
                    } catch (RuntimeException e) {
                        handler.onError(CloudErrors.map(e, target));
                    }
                });
            }
        };
    }
}
