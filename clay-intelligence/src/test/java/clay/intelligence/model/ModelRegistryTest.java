package clay.intelligence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ModelUnavailableException;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.llama.TinyGguf;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir Path dir;

    @Test
    void loadsLazilyOnceAndClosesEverything() {
        Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));
        ModelSpec cloud = ModelSpec.of("claude", Map.of("kind", "anthropic", "model", "claude-test"));
        try (ModelRegistry models = ModelRegistry.fromSpecs(List.of(cloud, ModelSpec.llamaCpp("local", gguf)),
                Map.of("ANTHROPIC_API_KEY", "k"), RetryPolicy.none())) {
            assertThat(models.names()).containsExactly("claude", "local");
            assertThat(models.defaultName()).contains("local");
            assertThat(models.isLoaded("local")).isFalse();

            ModelProvider local = models.get("local");
            assertThat(models.get("local")).isSameAs(local);
            assertThat(local.kind()).isEqualTo("llama.cpp");
            assertThat(models.get("claude").local()).isFalse();

            models.close();
            assertThatThrownBy(() -> local.countTokens("x")).isInstanceOf(ModelUnavailableException.class);
        }
    }

    @Test
    void anUnknownNameListsWhatIsConfigured() {
        try (ModelRegistry models = ModelRegistry.fromSpecs(List.of(ModelSpec.llamaCpp("local", dir.resolve("a.gguf"))))) {
            assertThatThrownBy(() -> models.get("big")).isInstanceOf(ModelUnavailableException.class)
                    .hasMessageContaining("no model named 'big'").hasMessageContaining("configured: local");
        }
    }

    @Test
    void aModelThatFailsToLoadCanBeFixedAndRetried() {
        Path gguf = dir.resolve("later.gguf");
        try (ModelRegistry models = ModelRegistry.fromSpecs(List.of(ModelSpec.llamaCpp("later", gguf)))) {
            assertThatThrownBy(() -> models.get("later")).isInstanceOf(ModelUnavailableException.class)
                    .hasMessageContaining("not found");
            TinyGguf.write(gguf);
            assertThat(models.get("later").contextWindow()).isEqualTo(256);
        }
    }

    @Test
    void replacingASpecClosesTheLoadedModel() {
        Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));
        try (ModelRegistry models = ModelRegistry.fromSpecs(List.of(ModelSpec.llamaCpp("m", gguf)))) {
            ModelProvider first = models.get("m");
            models.register(ModelSpec.llamaCpp("m", gguf).withContextWindow(128));
            assertThatThrownBy(() -> first.countTokens("x")).isInstanceOf(ModelUnavailableException.class);
            assertThat(models.get("m").contextWindow()).isEqualTo(128);
            assertThat(models.remove("m")).isTrue();
            assertThat(models.names()).isEmpty();
        }
    }
}
