package clay.sandbox.bench;

import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.BackendKind;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxPolicy;
import clay.sandbox.enforce.HostSupport;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clay bench sandbox}: start overhead of {@code python3 -c pass} (an empty program) bare against the full
 * sandboxed path of each backend (approval lookup, grants, cgroup, rlimits, backend, supervision, audit), N runs each
 * after warm-up, reporting median and p95 in milliseconds.
 */
public final class SandboxBench {
    /**
     * One measured variant.
     *
     * @param name {@code bare}, {@code bubblewrap}, {@code gvisor}
     * @param runs how many timed runs
     * @param medianMs median wall time
     * @param p95Ms 95th percentile
     * @param ratioToBare median divided by the bare median
     * @param note why a variant was skipped, else empty
     */
    public record Variant(String name, int runs, double medianMs, double p95Ms, double ratioToBare, String note) {}

    /** The whole result. */
    public record Result(List<Variant> variants, String python, String machine) {}

    private SandboxBench() {}

    public static Result run(int runs) throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("clay-bench-sandbox");
        ClayHome home = new ClayHome(tmp.resolve("home")).ensure();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<Variant> out = new ArrayList<>();
        double[] bare = time(runs, () -> bare(python));
        double bareMedian = pct(bare, 50);
        out.add(new Variant("bare", runs, bareMedian, pct(bare, 95), 1.0, ""));
        Program p = Program.of("bench.py", Language.PYTHON, "pass\n");
        HostSupport host = HostSupport.get();
        if (host.bubblewrap().isPresent()) {
            List<String> raw = List.of(host.bubblewrap().get().toString(), "--unshare-all", "--die-with-parent", "--new-session",
                    "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000", "--clearenv", "--ro-bind", "/usr", "/usr",
                    "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                    "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
                    python, "-I", "-B", "-c", "pass");
            double[] t = time(runs, () -> exec(raw));
            out.add(new Variant("bwrap command alone", runs, pct(t, 50), pct(t, 95), pct(t, 50) / bareMedian,
                    ""));
        }
        for (BackendKind k : BackendKind.values()) {
            HostSupport h = host;
            boolean available = k == BackendKind.BUBBLEWRAP ? h.bubblewrap().isPresent() : h.gvisor().isPresent();
            if (!available) {
                out.add(new Variant(k.name().toLowerCase(), 0, 0, 0, 0, "unavailable: "
                        + (k == BackendKind.BUBBLEWRAP ? h.bubblewrapProblem() : h.gvisorProblem()).orElse("?")));
                continue;
            }
            SandboxPolicy policy = SandboxPolicy.defaults(home).withBackends(TrustLevel.AI_GENERATED, List.of(k));
            try (Sandbox s = Sandbox.create(policy)) {
                int n = k == BackendKind.GVISOR ? Math.max(3, runs / 4) : runs;
                double[] t = time(n, () -> {
                    RunResult r = s.run(p, TrustLevel.AI_GENERATED);
                    if (!r.succeeded()) throw new IllegalStateException("sandboxed run failed: " + r.summary());
                });
                out.add(new Variant(k.name().toLowerCase(), n, pct(t, 50), pct(t, 95), pct(t, 50) / bareMedian, ""));
            }
        }
        deleteQuietly(tmp);
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException ignored) {
            // not Linux
        }
        return new Result(out, python, Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + load);
    }

    /** A Markdown table of the result. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder("| variant | runs | median ms | p95 ms | × bare |\n|---|---|---|---|---|\n");
        for (Variant v : r.variants()) {
            if (!v.note().isEmpty()) b.append("| ").append(v.name()).append(" | - | - | - | ").append(v.note()).append(" |\n");
            else b.append(String.format("| %s | %d | %.1f | %.1f | %.2f |%n", v.name(), v.runs(), v.medianMs(), v.p95Ms(), v.ratioToBare()));
        }
        return b.toString();
    }

    public static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("python", r.python());
        m.put("machine", r.machine());
        m.put("variants", r.variants());
        return m;
    }

    private static void bare(String python) {
        exec(List.of(python, "-I", "-B", "-c", "pass"));
    }

    private static void exec(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) throw new IllegalStateException(cmd.get(0) + " failed");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double[] time(int runs, Runnable r) {
        for (int i = 0; i < Math.min(5, runs); i++) r.run();
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t;
    }

    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
