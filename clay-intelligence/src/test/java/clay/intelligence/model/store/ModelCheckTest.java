package clay.intelligence.model.store;

import static org.assertj.core.api.Assertions.assertThat;

import clay.intelligence.llama.LlamaCppProvider;
import clay.intelligence.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCheckTest {
    @TempDir Path dir;

    @Test
    void measuresAShortGeneration() {
        try (LlamaCppProvider tiny = TestModels.tinyLlama(dir)) {
            ModelCheck.Result r = ModelCheck.run(tiny, 16);
            assertThat(r.model()).isEqualTo("tiny");
            assertThat(r.outputTokens()).isBetween(1, 16);
            assertThat(r.promptTokens()).isPositive();
            assertThat(r.totalMillis()).isGreaterThanOrEqualTo(r.firstTokenMillis());
            assertThat(r.tokensPerSecond()).isNotNegative();
        }
    }
}
