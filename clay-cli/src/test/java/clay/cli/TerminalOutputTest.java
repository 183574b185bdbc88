package clay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.sandbox.enforce.HostSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What programs and models print reaches the terminal as visible text, never as commands to the terminal. */
class TerminalOutputTest {
    private static final String HOSTILE = "\u001b]0;FAKE TITLE\u0007" // OSC: set the window title
            + "\u001b]52;c;cm0gLXJmIH4=\u0007" // OSC 52: write the clipboard
            + "\u001b[2J\u001b[1;1H" // CSI: clear the screen, move home
            + "\u009b31m" // C1 CSI
            + "ok\rapproved\u0008\u007f\u202Etxt.exe\n";

    @Test
    void controlSequencesAreShownNotObeyed() {
        String shown = TerminalText.safe(HOSTILE + "tab\tand CRLF\r\n");
        assertThat(shown).doesNotContain("\u001b", "\u0007", "\u009b", "\u0008", "\u007f", "\u202E")
                .contains("^[]0;FAKE TITLE^G", "^[[2J", "<U+009B>31m", "ok^Mapproved^H^?<U+202E>txt.exe\n", "tab\tand CRLF\r\n");
        assertThat(TerminalText.safe("plain text, ünïcödé and emoji 🙂\n")).isEqualTo("plain text, ünïcödé and emoji 🙂\n");
        assertThat(shown.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')).isEmpty();
    }

    @Test
    void clayRunPrintsAHostileProgramsOutputVisibly(@TempDir Path dir) throws Exception {
        assumeTrue(HostSupport.get().bubblewrap().isPresent(), "SKIPPED LOUDLY: bubblewrap unusable: "
                + HostSupport.get().bubblewrapProblem().orElse("?"));
        Path program = Files.writeString(dir.resolve("hostile.py"), "# @requires([])\nimport sys\n"
                + "sys.stdout.write(" + pyString(HOSTILE) + ")\nsys.stderr.write(" + pyString(HOSTILE) + ")\n");
        CliProcess.Result r = new CliProcess(dir.resolve("home"), dir.resolve("config.toml")).run(null, "run", program.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        for (String printed : new String[] {r.out(), r.err()}) {
            assertThat(printed).doesNotContain("\u001b", "\u0007", "\u009b", "\u202E").contains("^[]0;FAKE TITLE^G", "^[]52;c;");
        }
    }

    private static String pyString(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c) : String.format("\\U%08x", c)));
        return b.append('"').toString();
    }
}
