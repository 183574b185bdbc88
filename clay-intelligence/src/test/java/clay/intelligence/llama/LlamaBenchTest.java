package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bench runs end to end on the tiny model (numbers are reported by clay bench llama, never asserted). */
class LlamaBenchTest {
    @Test
    void measuresPromptGenerationAndTheJvmSideOnTheTinyModel() {
        LlamaBench.Result r = LlamaBench.run(new LlamaBench.Options(null, TinyGguf.Spec.tiny(), 1, 16, 8, 1, false));
        assertThat(r.promptTokens()).isEqualTo(16);
        assertThat(r.promptTokensPerSecond()).isPositive();
        assertThat(r.genTokensPerSecond()).isPositive();
        assertThat(r.jvmMicrosPerToken()).isNotNegative();
        assertThat(r.providerGenTokensPerSecond()).isNotNegative();
        assertThat(r.reference()).isEmpty();
    }

    @Test
    void theCReferenceCompilesAgainstTheBundledLibraryAndRuns() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasCompiler(),
                "no C compiler (cc): the native reference bench cannot be built here; apt-get install gcc");
        LlamaBench.Result r = LlamaBench.run(new LlamaBench.Options(null, TinyGguf.Spec.tiny(), 1, 16, 8, 1, true));
        assertThat(r.reference()).hasValueSatisfying(ref -> {
            assertThat(ref.promptTokensPerSecond()).isPositive();
            assertThat(ref.genTokensPerSecond()).isPositive();
            assertThat(ref.command()).contains("native_bench");
        });
    }

    private static boolean hasCompiler() {
        try {
            return new ProcessBuilder("cc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
