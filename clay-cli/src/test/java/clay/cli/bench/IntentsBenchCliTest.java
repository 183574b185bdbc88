package clay.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentsBenchCliTest {
    @TempDir Path dir;

    @Test
    void benchIntentsPrintsTheFiveNumbersAsJson() throws Exception {
        Path data = dir.resolve("small.json");
        try (InputStream in = getClass().getResourceAsStream("/clay/intelligence/intent/intents-small.json")) {
            Files.copy(in, data);
        }
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result r = clay.run(null, "bench", "intents", "--data", data.toString(), "--encoder", "minilm", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(json.fieldNames()).toIterable().containsExactly("in_scope_accuracy", "oos_precision", "oos_recall", "p50_ms", "p95_ms");
        assertThat(json.path("in_scope_accuracy").asDouble()).isGreaterThan(0.85);

        CliProcess.Result missing = clay.run(null, "bench", "intents", "--data", dir.resolve("nope.json").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("no dataset at").doesNotContain("at clay.");
    }
}
