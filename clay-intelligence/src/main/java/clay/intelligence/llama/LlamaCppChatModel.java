package clay.intelligence.llama;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * LangChain4j chat over one loaded llama.cpp model, blocking and streaming. Messages go through the model's own chat
 * template; a JSON response format (with or without a schema) and raw GBNF grammars become llama.cpp grammars.
 * Cancellation is cooperative: a streaming handle's {@code cancel()} or an interrupt of the calling thread stops
 * generation after the current token (llama.cpp's task is cancelled on the generating thread, never from another).
 */
final class LlamaCppChatModel implements ChatModel, StreamingChatModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY_JSON_OBJECT = "{\"type\":\"object\"}";

    private final LlamaCppProvider owner;
    private final LlamaCppChatRequestParameters defaults;
    private final Map<String, String> grammars = new ConcurrentHashMap<>();

    LlamaCppChatModel(LlamaCppProvider owner, LlamaCppChatRequestParameters defaults) {
        this.owner = owner;
        this.defaults = defaults;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return defaults;
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return dev.langchain4j.model.ModelProvider.OTHER;
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return generate(request, token -> {}, new AtomicBoolean());
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        AtomicBoolean cancelled = new AtomicBoolean();
        StreamingHandle handle = new StreamingHandle() {
            @Override public void cancel() { cancelled.set(true); }
            @Override public boolean isCancelled() { return cancelled.get(); }
        };
        PartialResponseContext context = new PartialResponseContext(handle);
        Thread.ofPlatform().daemon().name("clay-llama-" + owner.name()).start(() -> {
            try {
                ChatResponse response = generate(request,
                        token -> handler.onPartialResponse(new PartialResponse(token), context), cancelled);
                if (!cancelled.get()) handler.onCompleteResponse(response);
            } catch (HandlerFailure e) {
                handler.onError(e.getCause()); // the caller's own exception, e.g. its way of cancelling
            } catch (RuntimeException e) {
                if (!cancelled.get()) handler.onError(e);
            }
        });
    }

    /** An exception thrown by the caller's handler; generation stops and the exception goes back unchanged. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(RuntimeException cause) {
            super(cause);
        }
    }

    /** Runs one generation on the calling thread, feeding every non-empty piece of text to {@code onToken}. */
    private ChatResponse generate(ChatRequest request, Consumer<String> onToken, AtomicBoolean cancelled) {
        ChatRequestParameters p = request.parameters();
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            throw new InvalidInputException("the embedded llama.cpp provider does not call tools",
                    "use a JSON response format with a schema instead, or a cloud model for tool calls");
        }
        String prompt = prompt(request);
        LlamaModel model = owner.acquire();
        try {
            int promptTokens = model.encode(prompt).length;
            int room = owner.contextWindow() - promptTokens - 1;
            if (room <= 0) {
                throw new InvalidInputException("the prompt takes " + promptTokens + " tokens but model "
                        + owner.name() + " has a context window of " + owner.contextWindow(),
                        "shorten the conversation, or set a larger context for the model");
            }
            int limit = p.maxOutputTokens() == null ? room : Math.min(room, p.maxOutputTokens());
            String grammar = grammar(p);
            InferenceParameters inference = inference(prompt, p, limit, grammar);
            StringBuilder text = new StringBuilder();
            int tokens = 0;
            boolean stopped = false;
            LlamaIterator it = model.generate(inference).iterator();
            try {
                while (it.hasNext()) {
                    if (cancelled.get() || owner.closed() || Thread.currentThread().isInterrupted()) {
                        stopped = true;
                        break;
                    }
                    LlamaOutput out = it.next();
                    if (!out.text.isEmpty()) {
                        tokens++;
                        text.append(out.text);
                        try {
                            onToken.accept(out.text);
                        } catch (RuntimeException e) {
                            throw new HandlerFailure(e);
                        }
                    }
                }
            } finally {
                if (it.hasNext()) it.cancel(); // stopped early, or the handler threw: free llama.cpp's slot
            }
            if (stopped && owner.closed()) {
                throw new ModelUnavailableException("model " + owner.name() + " was closed while generating",
                        "load it again");
            }
            if (stopped && !cancelled.get()) {
                throw new ClayException("generation on " + owner.name() + " was interrupted", null);
            }
            FinishReason finish = tokens >= limit ? FinishReason.LENGTH : FinishReason.STOP;
            if (grammar != null && isJson(p) && !stopped) finish = checkJson(text, limit);
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(text.toString()))
                    .modelName(owner.name())
                    .tokenUsage(new TokenUsage(promptTokens, tokens))
                    .finishReason(finish)
                    .build();
        } catch (ClayException | HandlerFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelUnavailableException("llama.cpp failed on model " + owner.name() + ": " + e.getMessage(),
                    "check the request (grammar, parameters); the log at debug level has llama.cpp's details",
                    false, e);
        } finally {
            owner.release();
        }
    }

    private static boolean isJson(ChatRequestParameters p) {
        return p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON;
    }

    private static FinishReason checkJson(StringBuilder text, int limit) {
        try {
            JSON.readTree(text.toString());
            return FinishReason.STOP;
        } catch (JsonProcessingException e) {
            throw new ClayException("the model stopped after " + limit + " tokens before finishing its JSON answer",
                    "raise maxOutputTokens, or bound the schema (maxLength, enum, maximum)");
        }
    }

    private InferenceParameters inference(String prompt, ChatRequestParameters p, int limit, String grammar) {
        InferenceParameters ip = new InferenceParameters(prompt).setNPredict(limit).setCachePrompt(true);
        if (p.temperature() != null) ip.setTemperature(p.temperature().floatValue());
        if (p.topP() != null) ip.setTopP(p.topP().floatValue());
        if (p.topK() != null) ip.setTopK(p.topK());
        if (p.frequencyPenalty() != null) ip.setFrequencyPenalty(p.frequencyPenalty().floatValue());
        if (p.presencePenalty() != null) ip.setPresencePenalty(p.presencePenalty().floatValue());
        if (p.stopSequences() != null && !p.stopSequences().isEmpty())
            ip.setStopStrings(p.stopSequences().toArray(String[]::new));
        if (p instanceof LlamaCppChatRequestParameters lp) lp.seed().ifPresent(ip::setSeed);
        if (grammar != null) ip.setGrammar(grammar);
        return ip;
    }

    /** The grammar for this request: a raw GBNF grammar, or one derived from the JSON response format. */
    private String grammar(ChatRequestParameters p) {
        if (p instanceof LlamaCppChatRequestParameters lp && lp.grammar().isPresent()) {
            if (isJson(p)) {
                throw new InvalidInputException("a request cannot carry both a grammar and a JSON response format",
                        "use one of them");
            }
            Gbnf.check(lp.grammar().get());
            return lp.grammar().get();
        }
        ResponseFormat format = p.responseFormat();
        if (format == null || format.type() != ResponseFormatType.JSON) return null;
        String schema = ANY_JSON_OBJECT;
        if (format.jsonSchema() != null && format.jsonSchema().rootElement() != null) {
            try {
                schema = JSON.writeValueAsString(JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement()));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException("cannot serialise the JSON schema: " + e.getMessage());
            }
        }
        // Only well-formed JSON produced from LangChain4j's schema model reaches native code: llama.cpp aborts the
        // process on schema text it cannot parse.
        return grammars.computeIfAbsent(schema, LlamaModel::jsonSchemaToGrammar);
    }

    /** Renders the conversation with the model's chat template. */
    private String prompt(ChatRequest request) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            String role;
            String content;
            switch (m) {
                case SystemMessage s -> { role = "system"; content = s.text(); }
                case UserMessage u -> {
                    if (!u.hasSingleText()) {
                        throw new InvalidInputException("the embedded llama.cpp provider takes text messages only",
                                "send images or audio to a multimodal cloud model");
                    }
                    role = "user";
                    content = u.singleText();
                }
                case AiMessage a -> { role = "assistant"; content = a.text() == null ? "" : a.text(); }
                case ToolExecutionResultMessage t -> { role = "tool"; content = t.text(); }
                default -> throw new InvalidInputException("unsupported message type " + m.type());
            }
            messages.addObject().put("role", role).put("content", content);
        }
        LlamaModel model = owner.acquire();
        try {
            return model.applyTemplate(root.toString());
        } finally {
            owner.release();
        }
    }
}
