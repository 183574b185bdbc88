package clay.runtime.models;

import clay.core.ConfigException;
import clay.intelligence.llama.LlamaCppProvider;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Registers the models of the configuration's {@code [models.NAME]} tables with the runtime and picks the default
 * ({@code runtime.default_model}). Models load lazily; the default local one starts loading in the background at boot.
 *
 * <pre>{@code
 * [models.qwen]
 * kind = "llama.cpp"
 * path = "~/models/qwen2.5-1.5b-instruct-q4_k_m.gguf"
 * context = 8192      # optional
 * gpu_layers = -1     # optional: all layers on the GPU when there is one
 * }</pre>
 */
public final class ModelsModule implements RuntimeModule {
    @Override
    public String name() {
        return "models";
    }

    @Override
    public void start(RuntimeContext ctx) {
        for (Map.Entry<String, JsonNode> e : ctx.config().section("models").properties()) {
            String name = e.getKey();
            JsonNode m = e.getValue();
            String kind = m.path("kind").asText("llama.cpp");
            switch (kind) {
                case "llama.cpp" -> {
                    String path = m.path("path").asText("");
                    if (path.isEmpty()) {
                        throw new ConfigException("models." + name + " has no path",
                                "set models." + name + ".path to a .gguf file, or use clay models add");
                    }
                    Path file = expand(path);
                    LlamaCppProvider.Options options = new LlamaCppProvider.Options(m.path("context").asInt(0),
                            m.path("gpu_layers").asInt(-1), m.path("threads").asInt(0));
                    ctx.models().register(name, true, () -> LlamaCppProvider.load(name, file, options));
                }
                default -> throw new ConfigException("models." + name + " has an unknown kind '" + kind + "'",
                        "use llama.cpp, openai-compatible, ollama, anthropic or openai");
            }
        }
        String preferred = ctx.config().section("runtime").path("default_model").asText("");
        if (!preferred.isEmpty()) ctx.models().setDefault(preferred);
    }

    static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) return Path.of(System.getProperty("user.home") + path.substring(1));
        return Path.of(path);
    }
}
