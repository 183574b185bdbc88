package clay.cli.bench;

import clay.sandbox.bench.SandboxBench;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clay bench sandbox}: start overhead of an empty Python program, bare against bubblewrap and gVisor. */
@Command(name = "sandbox", description = "Sandbox start overhead: python3 -c pass bare vs bubblewrap vs gVisor.")
public final class SandboxBenchCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "40") int runs;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws Exception {
        SandboxBench.Result r = SandboxBench.run(runs);
        if (json) System.out.println(new ObjectMapper().writeValueAsString(SandboxBench.json(r)));
        else {
            System.out.println(r.machine() + ", " + r.python());
            System.out.print(SandboxBench.table(r));
        }
        return 0;
    }
}
