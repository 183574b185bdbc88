package clay.intelligence.model;

import clay.core.ModelUnavailableException;
import clay.intelligence.cloud.CloudProvider;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.llama.LlamaCppProvider;
import java.nio.file.Path;
import java.util.Map;

/** The one factory from a {@link ModelSpec} to a running {@link ModelProvider}, used by every registry of models. */
public final class ModelProviders {
    private ModelProviders() {}

    /**
     * Opens {@code spec}: loads a GGUF in-process, or builds an HTTP client (no traffic yet).
     *
     * @param env where API keys are looked up ({@code System.getenv()} in production)
     * @throws ModelUnavailableException when the file is missing/corrupt or a needed API key is absent
     */
    public static ModelProvider open(ModelSpec spec, Map<String, String> env, RetryPolicy retry) {
        return switch (spec.kind()) {
            case LLAMA_CPP -> LlamaCppProvider.load(spec.name(), Path.of(spec.location()),
                    new LlamaCppProvider.Options(spec.contextWindow(), spec.gpuLayers(), spec.threads()));
            case OPENAI_COMPATIBLE, OLLAMA, ANTHROPIC, OPENAI -> CloudProvider.create(spec, env, retry);
        };
    }

    public static ModelProvider open(ModelSpec spec) {
        return open(spec, System.getenv(), RetryPolicy.defaults());
    }
}
