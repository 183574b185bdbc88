package clay.intelligence.model.store;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recommended GGUF model Clay can pull. {@code sha256} is pinned where a published hash could be checked; without
 * one the download is trusted on first use and its hash recorded in the store.
 */
public record CatalogEntry(String name, String description, String url, long approxBytes, @Nullable String sha256,
        String licence, int contextWindow) {

    public Optional<String> pinnedSha256() {
        return Optional.ofNullable(sha256);
    }

    /**
     * The catalog. Choice (see docs/models.md): Qwen2.5-1.5B-Instruct Q4_K_M is the default for CPU-only machines
     * (Apache-2.0, good instruction following and JSON for its size, ~1.1 GB); Llama-3.2-1B-Instruct is the smaller
     * alternative (Llama 3.2 Community Licence); Qwen2.5-7B-Instruct Q4_K_M where a GPU or 16 GB RAM is present.
     */
    public static final List<CatalogEntry> BUILT_IN = List.of(
            new CatalogEntry("qwen2.5-1.5b", "Qwen2.5 1.5B Instruct, Q4_K_M: the default for CPU-only machines",
                    "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/"
                            + "91cad51170dc346986eccefdc2dd33a9da36ead9/qwen2.5-1.5b-instruct-q4_k_m.gguf",
                    1_117_320_736L, "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e",
                    "Apache-2.0", 32_768),
            new CatalogEntry("llama3.2-1b", "Llama 3.2 1B Instruct, Q4_K_M: smallest, fastest on old CPUs",
                    "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/"
                            + "Llama-3.2-1B-Instruct-Q4_K_M.gguf",
                    808_000_000L, null, "Llama 3.2 Community License", 131_072),
            new CatalogEntry("qwen2.5-7b", "Qwen2.5 7B Instruct, Q4_K_M: for a GPU or 16 GB of RAM",
                    "https://huggingface.co/bartowski/Qwen2.5-7B-Instruct-GGUF/resolve/main/"
                            + "Qwen2.5-7B-Instruct-Q4_K_M.gguf",
                    4_680_000_000L, null, "Apache-2.0", 32_768));

    public static Optional<CatalogEntry> find(String name) {
        return BUILT_IN.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }
}
