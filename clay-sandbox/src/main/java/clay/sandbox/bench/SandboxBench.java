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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clay bench sandbox}: start overhead of {@code python3 -c pass} (an empty program) bare against the full
 * sandboxed path of each backend (approval lookup, grants, cgroup, rlimits, backend, supervision, audit), and the
 * plain bwrap command as a floor. After three warm-up runs each, variants run round-robin N times (gVisor every
 * fourth round), so a machine whose load changes during the benchmark affects all of them alike; median and p95 in ms.
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
        if (runs < 1) throw new clay.core.InvalidInputException("--runs must be at least 1", null);
        Path tmp = Files.createTempDirectory("clay-bench-sandbox");
        ClayHome home = new ClayHome(tmp.resolve("home")).ensure();
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Program p = Program.of("bench.py", Language.PYTHON, "pass\n");
        HostSupport host = HostSupport.get();
        Map<String, Runnable> variants = new LinkedHashMap<>();
        Map<String, Integer> every = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        List<Sandbox> open = new ArrayList<>();
        variants.put("bare", () -> exec(List.of(python, "-I", "-B", "-c", "pass")));
        if (host.bubblewrap().isPresent()) {
            List<String> raw = List.of(host.bubblewrap().get().toString(), "--unshare-all", "--die-with-parent", "--new-session",
                    "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000", "--clearenv", "--ro-bind", "/usr", "/usr",
                    "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                    "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
                    python, "-I", "-B", "-c", "pass");
            variants.put("bwrap command alone", () -> exec(raw));
        }
        for (BackendKind k : BackendKind.values()) {
            boolean available = k == BackendKind.BUBBLEWRAP ? host.bubblewrap().isPresent() : host.gvisor().isPresent();
            String name = k.name().toLowerCase();
            if (!available) {
                notes.add(name + ": unavailable: " + (k == BackendKind.BUBBLEWRAP ? host.bubblewrapProblem() : host.gvisorProblem()).orElse("?"));
                continue;
            }
            Sandbox s = Sandbox.create(SandboxPolicy.defaults(home).withBackends(TrustLevel.AI_GENERATED, List.of(k)));
            open.add(s);
            variants.put(name, () -> {
                RunResult r = s.run(p, TrustLevel.AI_GENERATED);
                if (!r.succeeded()) throw new IllegalStateException("sandboxed run failed: " + r.summary());
            });
            if (k == BackendKind.GVISOR) every.put(name, 4);
        }
        // round-robin, so that load changing during the run hits every variant alike
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (var e : variants.entrySet()) {
            for (int i = 0; i < 3; i++) e.getValue().run();
            times.put(e.getKey(), new ArrayList<>());
        }
        for (int i = 0; i < runs; i++) {
            for (var e : variants.entrySet()) {
                if (i % every.getOrDefault(e.getKey(), 1) != 0) continue;
                long t0 = System.nanoTime();
                e.getValue().run();
                times.get(e.getKey()).add((System.nanoTime() - t0) / 1e6);
            }
        }
        open.forEach(Sandbox::close);
        double bareMedian = pct(sorted(times.get("bare")), 50);
        List<Variant> out = new ArrayList<>();
        for (var e : times.entrySet()) {
            double[] t = sorted(e.getValue());
            out.add(new Variant(e.getKey(), t.length, pct(t, 50), pct(t, 95), pct(t, 50) / bareMedian, ""));
        }
        for (String n : notes) out.add(new Variant(n.substring(0, n.indexOf(':')), 0, 0, 0, 0, n.substring(n.indexOf(':') + 2)));
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

    private static double[] sorted(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
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
