package clay.intelligence.testing;

import clay.intelligence.llama.LlamaCppProvider;
import clay.intelligence.llama.TinyGguf;
import java.nio.file.Path;

/**
 * Real models for tests, without downloads. {@code tinyLlama} writes {@link TinyGguf} into {@code dir} and loads it
 * in the real llama.cpp (about 50 ms): its words are noise, but templates, streaming, token counts, cancellation and
 * grammar / JSON-schema constrained output are real. Close the provider after use.
 *
 * <pre>{@code
 * @TempDir Path dir;
 * try (var llama = TestModels.tinyLlama(dir)) { ... }
 * }</pre>
 */
public final class TestModels {
    private TestModels() {}

    /** A loaded tiny model named {@code tiny} with a 256-token context. */
    public static LlamaCppProvider tinyLlama(Path dir) {
        return tinyLlama(dir, "tiny");
    }

    public static LlamaCppProvider tinyLlama(Path dir, String name) {
        Path file = TinyGguf.write(dir.resolve(name + ".gguf"));
        return LlamaCppProvider.load(name, file, LlamaCppProvider.Options.defaults().withThreads(1));
    }
}
