package clay.cli;

import clay.core.ClayException;
import clay.core.ClayHome;
import clay.core.Token;
import clay.runtime.ClayRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts the runtime as a background process of its own and waits until it answers. */
public final class DaemonControl {
    private DaemonControl() {}

    public static ApiClient start(ClayHome home) {
        return start(home, false);
    }

    static ApiClient start(ClayHome home, boolean quiet) {
        home.ensure();
        ClayRuntime.checkConfiguredPortFree(clay.runtime.config.ClayConfig.load(clay.runtime.config.ClayConfig.defaultPath(System.getenv())));
        Path log = home.runtime().resolve("clay.log");
        // the daemon writes its own rotating clay.log; what the JVM says before that (a crash at start) goes to boot.out
        Path bootOut = home.runtime().resolve("boot.out");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(command(home));
        cmd.add("--log");
        cmd.add(log.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.runtime().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(bootOut.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("CLAY_HOME", home.root().toString());
        pb.environment().put("OPT_OUT_TRACKING", "true"); // DJL: no metadata-service probe, no telemetry
        long logStart = log.toFile().length();
        if (!quiet) System.err.print("Starting the Clay runtime… ");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ClayException("cannot start the runtime: " + e.getMessage(), "check that java is installed", e);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ApiClient> c = ApiClient.running(home);
            if (c.isPresent()) {
                if (!quiet) System.err.println("ready on " + c.get().base());
                return c.get();
            }
            if (!p.isAlive() && !Files.exists(home.socket())) {
                if (!quiet) System.err.println();
                throw startFailure(log, logStart, p.exitValue());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ClayException("the runtime did not answer within 60 s", "see the log: " + log);
    }

    /**
     * The command that runs the runtime in the foreground: this JVM's java and class path, the daemon's JVM options, and
     * the class-data archive the launcher prepares after a build ({@code clay.jsa} beside {@code clay-cli.jar}), which
     * takes about half of a cold boot's class loading away.
     */
    public static List<String> command(ClayHome home) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions());
        cmd.add("--add-modules=jdk.incubator.vector"); // Lucene's SIMD vector search in the daemon
        cmd.add("-XX:ErrorFile=" + home.runtime().resolve("hs_err_%p.log")); // a crash report lands with the log, never in a checkout
        cmd.add("-DOPT_OUT_TRACKING=true");
        archive().ifPresent(a -> {
            cmd.add("-XX:SharedArchiveFile=" + a);
            // the JVM's own warnings (a stale archive, say) go to a file beside the log, not into the answer stream
            cmd.add("-Xlog:disable");
            cmd.add("-Xlog:all=warning:file=" + home.runtime().resolve("jvm.log"));
        });
        cmd.add("-cp");
        cmd.add(absoluteClassPath()); // the runtime runs in its own directory, so a relative entry would point elsewhere
        cmd.add(Main.class.getName());
        cmd.add("runtime");
        cmd.add("run");
        return cmd;
    }

    static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.isEmpty()) continue;
            boolean wildcard = e.endsWith("*");
            Path p = Path.of(wildcard ? e.substring(0, e.length() - 1) : e).toAbsolutePath().normalize();
            entries.add(wildcard ? p + java.io.File.separator + "*" : p.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    static Optional<Path> archive() {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jsa = jar.resolveSibling("clay.jsa");
            return Files.isRegularFile(jsa) && jar.toString().endsWith(".jar") ? Optional.of(jsa) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--enable-native-access") || a.startsWith("--sun-misc") || a.startsWith("-Xmx")
                    || a.startsWith("-Dpolyglot")) {
                opts.add(a);
            }
        }
        return opts;
    }

    /**
     * Why the runtime exited while starting: the {@code error:}/{@code fix:} pair it printed (a taken port, a second
     * runtime on the home, a broken config), else the end of its log.
     */
    static ClayException startFailure(Path log, long from, int exit) {
        List<String> lines;
        try (var in = Files.newInputStream(log)) {
            in.skipNBytes(Math.min(from, Files.size(log)));
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            lines = List.of();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error: ")) {
                String fix = i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("fix: ") ? lines.get(i + 1).strip().substring(5) : null;
                return new ClayException(lines.get(i).substring(7), fix);
            }
        }
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        return new ClayException("the runtime stopped while starting (exit " + exit + ")", "see the log: " + log + " (last lines: " + tail + ")");
    }

    /** The token file's path, for messages. */
    static Path tokenFile(ClayHome home) {
        return Token.file(home);
    }
}
