package clay.intelligence.cloud;

import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.model.ModelSpec.Kind;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A model behind HTTP: an OpenAI-compatible server (llama.cpp server, vLLM, LM Studio, Ollama's {@code /v1}), Ollama's
 * native API, Anthropic or OpenAI — each through LangChain4j's own client, over {@link ClayHttpClient}, with errors
 * mapped by {@link CloudErrors} and bounded retries. Keys come from the spec or the environment.
 *
 * <pre>{@code
 * ModelProvider claude = CloudProvider.create(ModelSpec.of("claude", Map.of("kind", "anthropic",
 *         "model", "claude-sonnet-4-5")), System.getenv(), RetryPolicy.defaults());
 * }</pre>
 */
public final class CloudProvider implements ModelProvider {
    /** Anthropic's Messages API version header value this client speaks. */
    public static final String ANTHROPIC_VERSION = "2023-06-01";

    private final ModelSpec spec;
    private final ResilientChatModel model;
    private final int contextWindow;

    private CloudProvider(ModelSpec spec, ResilientChatModel model, int contextWindow) {
        this.spec = spec;
        this.model = model;
        this.contextWindow = contextWindow;
    }

    /**
     * Builds the client (no network traffic yet).
     *
     * @throws ModelUnavailableException when a cloud needs an API key and none is configured
     */
    public static CloudProvider create(ModelSpec spec, Map<String, String> env, RetryPolicy retry) {
        if (spec.kind() == Kind.LLAMA_CPP) throw new IllegalArgumentException("not a server model: " + spec);
        String keyHint = spec.apiKeyEnv().isEmpty() ? "api_key in the model's settings"
                : "export " + spec.apiKeyEnv() + "=... (or api_key in the model's settings)";
        String key = spec.resolveApiKey(env).orElse(null);
        if (key == null && (spec.kind() == Kind.ANTHROPIC || spec.kind() == Kind.OPENAI)) {
            throw new ModelUnavailableException("no API key for model '" + spec.name() + "' (" + spec.kind().id() + ")",
                    keyHint);
        }
        var target = new CloudErrors.Target(spec.name(), spec.kind().id(), spec.location(), keyHint);
        var http = ClayHttpClient.builder().readTimeout(spec.timeout());
        Integer maxTokens = spec.maxOutputTokens() > 0 ? spec.maxOutputTokens() : null;
        ChatModel chat;
        StreamingChatModel streaming;
        switch (spec.kind()) {
            case ANTHROPIC -> {
                int max = maxTokens == null ? 4096 : maxTokens;
                chat = AnthropicChatModel.builder().httpClientBuilder(http).baseUrl(slash(spec.location()))
                        .apiKey(key).version(ANTHROPIC_VERSION).modelName(spec.model()).maxTokens(max).maxRetries(0)
                        .timeout(spec.timeout()).build();
                streaming = AnthropicStreamingChatModel.builder().httpClientBuilder(http)
                        .baseUrl(slash(spec.location())).apiKey(key).version(ANTHROPIC_VERSION)
                        .modelName(spec.model()).maxTokens(max).timeout(spec.timeout()).build();
            }
            case OLLAMA -> {
                chat = OllamaChatModel.builder().httpClientBuilder(http).baseUrl(spec.location())
                        .modelName(spec.model()).numPredict(maxTokens).maxRetries(0).timeout(spec.timeout())
                        .numCtx(spec.contextWindow() > 0 ? spec.contextWindow() : null).build();
                streaming = OllamaStreamingChatModel.builder().httpClientBuilder(http).baseUrl(spec.location())
                        .modelName(spec.model()).numPredict(maxTokens).timeout(spec.timeout())
                        .numCtx(spec.contextWindow() > 0 ? spec.contextWindow() : null).build();
            }
            default -> { // OPENAI and OPENAI_COMPATIBLE speak the same chat completions API
                String apiKey = key == null ? "none" : key; // local servers ignore it; the client requires one
                String modelId = spec.model().isEmpty() ? "default" : spec.model();
                chat = OpenAiChatModel.builder().httpClientBuilder(http).baseUrl(spec.location()).apiKey(apiKey)
                        .modelName(modelId).maxTokens(maxTokens).maxRetries(0).timeout(spec.timeout())
                        .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true).build();
                streaming = OpenAiStreamingChatModel.builder().httpClientBuilder(http).baseUrl(spec.location())
                        .apiKey(apiKey).modelName(modelId).maxTokens(maxTokens).timeout(spec.timeout())
                        .strictJsonSchema(true).build();
            }
        }
        int ctx = spec.contextWindow() > 0 ? spec.contextWindow() : switch (spec.kind()) {
            case ANTHROPIC -> 200_000;
            case OPENAI -> 128_000;
            default -> 8192;
        };
        return new CloudProvider(spec, new ResilientChatModel(chat, streaming, target, retry), ctx);
    }

    private static String slash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String kind() {
        return spec.kind().id();
    }

    @Override
    public boolean local() {
        return spec.local();
    }

    @Override
    public ChatModel chat() {
        return model;
    }

    @Override
    public StreamingChatModel streaming() {
        return model;
    }

    /** An estimate (the tokenizer is remote): about four characters of English per token, rounded up. */
    @Override
    public int countTokens(String text) {
        return (text.length() + 3) / 4;
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.STREAMING, Feature.JSON_SCHEMA, Feature.TOOLS, Feature.CANCELLATION);
    }
}
