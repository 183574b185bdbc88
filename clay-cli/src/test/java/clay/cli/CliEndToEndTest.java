package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliEndToEndTest {

    @Test
    void asksOfflineWithNoModelAndNoDaemon(@TempDir Path dir) throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result r = clay.run(null, "ask", "what", "time", "is", "it");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).matches("(?s)It is \\d\\d:\\d\\d .*");
        CliProcess.Result other = clay.run(null, "ask", "tell me a story");
        assertThat(other.out()).contains("no language model").contains("clay models add");
        assertThat(other.err()).doesNotContain("Exception");
    }

    @Test
    void readsTheQuestionFromStdin(@TempDir Path dir) throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result r = clay.run("what is the date?\n", "ask", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"route\" : \"NONE\"").contains("Today is");
    }

    @Test
    void aBrokenConfigFileIsNamedWithItsLineAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[runtime]\nport = = 3\n");
        CliProcess.Result r = new CliProcess(dir.resolve("home"), cfg).run(null, "ask", "what time is it");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: " + cfg + ":2:").contains("fix:").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) throws Exception {
        CliProcess.Result r = new CliProcess(dir.resolve("home"), dir.resolve("c.toml")).run(null, "ask", "--no-such-flag");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option");
    }

    @Test
    void runtimeStartsAnswersThroughTheApiAndStops(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[runtime]\nport = 0\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), cfg);
        try {
            CliProcess.Result start = clay.run(null, "runtime", "start", "--trace-boot");
            assertThat(start.exit()).as(start.err()).isZero();
            assertThat(start.out()).contains("api").contains("greeting").containsPattern("Good (morning|afternoon|evening)\\.");
            CliProcess.Result status = clay.run(null, "runtime", "status");
            assertThat(status.out()).startsWith("running   http://127.0.0.1:");
            CliProcess.Result ask = clay.run(null, "ask", "--explain", "what", "time", "is", "it");
            assertThat(ask.out()).contains("It is").contains("route:      NONE").contains("intent:     get_time");
            assertThat(Files.getPosixFilePermissions(dir.resolve("home/runtime/token")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        } finally {
            CliProcess.Result stop = clay.run(null, "runtime", "stop");
            assertThat(stop.out()).contains("stopped");
        }
        assertThat(clay.run(null, "runtime", "status").exit()).isEqualTo(3);
    }

    @Test
    void bareClayStartsTheRuntimeAndOpensTheRepl(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "[runtime]\nport = 0\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), cfg);
        try {
            CliProcess.Result r = clay.run("what time is it\nwhat day is \\\ntoday\n/quit\n");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).containsPattern("Good (morning|afternoon|evening)\\.").contains("It is ");
            assertThat(r.err()).contains("Starting the Clay runtime");
            assertThat(Files.readString(dir.resolve("home/runtime/history"))).contains("what time is it");
        } finally {
            clay.run(null, "runtime", "stop");
        }
    }
}
