package clay.sandbox.bench;

/** Runs the benchmark from the test classpath: {@code java -cp ... clay.sandbox.bench.SandboxBenchMain 40}. */
public final class SandboxBenchMain {
    public static void main(String[] args) throws Exception {
        var r = SandboxBench.run(args.length > 0 ? Integer.parseInt(args[0]) : 30);
        System.out.println(r.machine() + ", " + r.python());
        System.out.print(SandboxBench.table(r));
    }
}
