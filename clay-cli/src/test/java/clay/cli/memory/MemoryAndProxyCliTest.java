package clay.cli.memory;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clay memory}, {@code clay proxy} and {@code clay bench redaction} as a user runs them. */
class MemoryAndProxyCliTest {

    @Test
    void memoryAndProxyCommandsWorkAgainstTheRunningDaemon(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[runtime]\nport = 0\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), cfg);
        try {
            assertThat(clay.run(null, "runtime", "start").exit()).isZero();
            assertThat(clay.run(null, "memory", "remember", "remember that my constituents are in district 12").out())
                    .contains("added: My constituents are in district 12");
            assertThat(clay.run(null, "memory", "show").out()).contains("fact #1").contains("district 12");
            assertThat(clay.run(null, "memory", "search", "which", "district").out()).contains("district 12");
            assertThat(clay.run(null, "memory", "recall", "where are my constituents?").out()).contains("district 12").contains("fact #1");
            Path export = dir.resolve("memory.json");
            assertThat(clay.run(null, "memory", "export", "-o", export.toString()).out()).contains("1 facts");
            assertThat(Files.readString(export)).contains("district 12");
            assertThat(clay.run(null, "memory", "forget", "--about", "constituents").out()).contains("Forgotten: 1 memory.");
            CliProcess.Result bad = clay.run(null, "memory", "forget");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("fix:").doesNotContain("Exception");

            assertThat(clay.run(null, "proxy", "policy", "--class", "secret=never").out()).contains("\"secret\" : \"never\"");
            assertThat(clay.run(null, "proxy", "preview", "mail", "tom@example.org").out()).contains("mail <EMAIL_1>");
            assertThat(clay.run(null, "proxy", "log").out()).contains("Nothing has left this machine.");
            assertThat(clay.run(null, "proxy", "approve").out()).contains("No request is waiting");
        } finally {
            clay.run(null, "runtime", "stop");
        }
    }

    @Test
    void theRedactionBenchRunsInProcessAndEveryCommandHasHelp(@TempDir Path dir) throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("none.toml"));
        CliProcess.Result bench = clay.run(null, "bench", "redaction", "--json");
        assertThat(bench.exit()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("\"recall\"").contains("\"other_words_changed\"").contains("\"restoration\" : 1.0");
        assertThat(clay.run(null, "memory", "--help").out()).contains("show", "search", "forget", "export");
        assertThat(clay.run(null, "proxy", "--help").out()).contains("log", "policy", "approve");
    }
}
