package clay.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clay models ...} as a user runs it, in a child JVM with its own home. */
class ModelsCliTest {
    @TempDir Path dir;

    @Test
    void addsTheTinyModelListsItAndTestsItsSpeed() throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));

        CliProcess.Result empty = clay.run(null, "models", "list");
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).contains("No models yet").contains("clay models pull qwen2.5-1.5b");

        CliProcess.Result add = clay.run(null, "models", "add", "demo", "--tiny");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("added demo (llama.cpp)");

        assertThat(clay.run(null, "models", "list").out()).contains("demo").contains("llama.cpp").contains("local");

        CliProcess.Result test = clay.run(null, "models", "test", "demo", "--max-tokens", "8", "--json");
        assertThat(test.exit()).as(test.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(test.out());
        assertThat(r.path("outputTokens").asInt()).isBetween(1, 8);
        assertThat(r.has("tokensPerSecond")).isTrue();
        assertThat(test.err()).doesNotContain("llama_model_loader"); // llama.cpp's log stays out of the terminal
    }

    @Test
    void badInputIsAMessageAndAFixNotAStackTrace() throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));

        CliProcess.Result missing = clay.run(null, "models", "add", "x", dir.resolve("nope.gguf").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("error: model file not found").contains("fix:").doesNotContain("\tat ");

        CliProcess.Result unknown = clay.run(null, "models", "pull", "gpt-17");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no model 'gpt-17' in the catalog").contains("qwen2.5-1.5b");

        CliProcess.Result untested = clay.run(null, "models", "test", "ghost");
        assertThat(untested.exit()).isEqualTo(1);
        assertThat(untested.err()).contains("no model named 'ghost'");
    }

    @Test
    void progressBarShowsPercentAndSize() {
        ProgressBar bar = new ProgressBar(System.err, true);
        assertThat(bar.line(50_000_000, 100_000_000, System.nanoTime())).contains("50%").contains("50.0/100.0 MB")
                .contains("###############               ");
        assertThat(bar.line(1_000_000, -1, System.nanoTime())).contains("1.0 MB");
    }
}
