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
            assertThat(clay.run(null, "memory", "recall", "where are my constituents?").out()).contains("district 12").contains("fact #1");
            assertThat(clay.run(null, "memory", "forget", "--about", "constituents").out()).contains("Forgotten: 1 memory.");
            CliProcess.Result bad = clay.run(null, "memory", "forget");
            assertThat(bad.exit()).isEqualTo(1);
            assertThat(bad.err()).contains("fix:").doesNotContain("Exception");

            assertThat(clay.run(null, "proxy", "policy", "--class", "secret=never").out()).contains("\"secret\" : \"never\"");
            assertThat(clay.run(null, "proxy", "preview", "mail", "tom@example.org").out()).contains("mail <EMAIL_1>");
            assertThat(clay.run(null, "proxy", "log").out()).contains("Nothing has left this machine.");
        } finally {
            clay.run(null, "runtime", "stop");
        }
    }

    @Test
    void theRedactionBenchRunsInProcessAndEveryCommandHasHelp() throws Exception {
        assertThat(inProcess("bench", "redaction", "--json")).contains("\"recall\"").contains("\"other_words_changed\"")
                .contains("\"restoration\" : 1.0");
        assertThat(inProcess("memory", "--help")).contains("show", "search", "recall", "forget", "export", "retention");
        assertThat(inProcess("proxy", "--help")).contains("log", "policy", "approve", "preview");
        assertThat(inProcess("proxy", "log", "--help")).contains("--export", "--wipe");
    }

    /** Runs the CLI in this JVM (no daemon involved) and returns what it printed. */
    private static String inProcess(String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            picocli.CommandLine cl = clay.cli.ClayCommand.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            assertThat(cl.execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
