package clay.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code clay} launcher starts the CLI with the C1 compiler only, for a fast start. Lucene's SIMD vector code
 * needs C2: measured in such a JVM, ClayFS indexing ran about 25 % and queries about 75 % slower than in the runtime
 * daemon, where ClayFS actually runs. The ClayFS benches therefore run themselves again in a JVM set up like the
 * daemon's (C2, {@code jdk.incubator.vector}).
 */
final class BenchJvm {
    private BenchJvm() {}

    /** True when this JVM is the launcher's quick-start one and the bench should run in a daemon-like JVM instead. */
    static boolean quickStart() {
        return !Boolean.getBoolean("clay.bench.child") && ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:TieredStopAtLevel"));
    }

    /** Runs {@code clay ARGS} in a daemon-like JVM with this terminal, and returns its exit code. */
    static int rerun(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector", "-Dclay.bench.child=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), clay.cli.Main.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
