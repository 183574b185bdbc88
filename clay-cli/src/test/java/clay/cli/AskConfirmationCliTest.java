package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code clay} with stdin not a terminal: answers print, and "forget" removes nothing and says how. */
class AskConfirmationCliTest {

    @Test
    void withoutATerminalForgetRemovesNothingAndPrintsTheExplicitCommand(@TempDir Path dir) throws Exception {
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result remembered = clay.run("", "ask", "remember that my dentist is Dr. Ames");
        assertThat(remembered.exit()).isZero();
        assertThat(remembered.out()).contains("I'll remember that").contains("Dr. Ames");

        CliProcess.Result forget = clay.run("y\n", "ask", "forget my dentist");
        assertThat(forget.exit()).isZero();
        assertThat(forget.out()).contains("This would remove 2", "fact: My dentist is Dr. Ames", "Nothing was removed", "clay memory forget --about 'dentist'");

        CliProcess.Result recalled = clay.run("", "ask", "what do you remember about me");
        assertThat(recalled.out()).as("still remembered, and the question printed an answer").contains("Ames");
    }
}
