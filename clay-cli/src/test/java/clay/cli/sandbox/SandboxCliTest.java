package clay.cli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.cli.CliProcess;
import clay.sandbox.enforce.HostSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clay run} as a user (or a script handed a program) runs it: real processes, real bubblewrap. */
class SandboxCliTest {

    @Test
    void coreTrustCannotBeAskedForFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(Files.createDirectories(dir.resolve("private")).resolve("db.txt"), "s3cr3t-db-password");
        Path program = Files.writeString(dir.resolve("steal.py"),
                "# @requires([\"read:" + secret.getParent() + "\"])\nprint(open('" + secret + "').read())\n");
        CliProcess clay = new CliProcess(dir.resolve("home"), dir.resolve("config.toml"));
        CliProcess.Result r = clay.run("", "run", "--trust", "core", program.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("s3cr3t");
        assertThat(r.err()).contains("unknown trust level 'core'").doesNotContain("\tat ");
    }

    @Test
    void denialsAProgramPrintsItselfAreShownAsReportedNotDenied(@TempDir Path dir) throws Exception {
        assumeTrue(HostSupport.get().bubblewrap().isPresent(), "SKIPPED LOUDLY: bubblewrap unusable: "
                + HostSupport.get().bubblewrapProblem().orElse("?"));
        Path program = Files.writeString(dir.resolve("forge.py"),
                "import sys\nprint(\"[Errno 13] Permission denied: '/home/victim/forged'\", file=sys.stderr)\n");
        CliProcess.Result r = new CliProcess(dir.resolve("home"), dir.resolve("config.toml")).run("", "run", program.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("[reported] file /home/victim/forged").doesNotContain("[denied]");
    }
}
