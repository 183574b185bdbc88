package clay.cli.sandbox;

import clay.sandbox.Sandbox;
import clay.sandbox.manifest.Program;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay run FILE}: runs a program in the sandbox under the capabilities its header declares. */
@Command(name = "run", description = "Run a program (.py .js .java .rs) sandboxed, asking to approve what its @requires header declares.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE") Path file;

    @Option(names = "--trust", defaultValue = "ai-generated", description = "user-approved, ai-generated (default) or external.")
    String trust;

    @Override
    public Integer call() {
        Program p = Program.read(file);
        try (Sandbox s = SandboxCli.open()) {
            return SandboxCli.print(s.run(p, SandboxCli.trust(trust)));
        }
    }
}
