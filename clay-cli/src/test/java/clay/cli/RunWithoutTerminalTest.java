package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clay run} with stdin not a terminal: no answer can be read, so none is stored. */
class RunWithoutTerminalTest {

    @Test
    void aRunWithoutATerminalRefusesThisTimeOnlyAndSaysHowToApprove(@TempDir Path dir) throws Exception {
        Path prog = dir.resolve("prog.py");
        Files.writeString(prog, "# @requires([\"read:" + dir + "\"])\nprint('hi')\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));

        CliProcess.Result first = clay.run("", "run", prog.toString());
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.err()).contains("no terminal to ask for approval", "nothing was decided or stored", "clay programs approve");

        CliProcess.Result again = clay.run("always\n", "run", prog.toString());
        assertThat(again.err()).as("no 'never' was kept for this code").contains("no terminal to ask").doesNotContain("refused earlier");
        assertThat(clay.run(null, "audit", "-n", "5").out()).doesNotContain("never");
    }
}
