package clay.sandbox.enforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What this machine can enforce, probed once: a working {@code bwrap} (user namespaces allowed), a working gVisor
 * {@code runsc}, {@code socat} for network grants, and writable cgroups. Backends refuse to run, naming what is missing,
 * rather than run anything unsandboxed.
 */
public final class HostSupport {
    private static volatile HostSupport cached;

    private final Optional<Path> bwrap;
    private final Optional<String> bwrapProblem;
    private final Optional<Path> runsc;
    private volatile Optional<String> runscProblem;
    private final Optional<Path> socat;

    private HostSupport(Optional<Path> bwrap, Optional<String> bwrapProblem, Optional<Path> runsc, Optional<Path> socat) {
        this.bwrap = bwrap;
        this.bwrapProblem = bwrapProblem;
        this.runsc = runsc;
        this.socat = socat;
    }

    public static HostSupport get() {
        HostSupport h = cached;
        if (h == null) {
            synchronized (HostSupport.class) {
                h = cached;
                if (h == null) cached = h = probe();
            }
        }
        return h;
    }

    private static HostSupport probe() {
        Optional<Path> bwrap = which("bwrap");
        Optional<String> problem = bwrap.isEmpty()
                ? Optional.of("bubblewrap is not installed (apt-get install bubblewrap)")
                : asSandboxUser(List.of(bwrap.get().toString(), "--unshare-all", "--uid", "1000", "--gid", "1000",
                        "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/lib", "/lib",
                        "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "/usr/bin/true"));
        return new HostSupport(bwrap, problem, which("runsc"), which("socat"));
    }

    /** Self-tests as the user programs will run as: unprivileged user namespaces must work for it, not for root. */
    private static Optional<String> asSandboxUser(List<String> cmd) {
        List<String> all = new ArrayList<>();
        try {
            all.addAll(SandboxUser.get().prefix());
        } catch (SandboxUnavailableException e) {
            return Optional.of(e.getMessage());
        }
        all.addAll(cmd);
        Optional<String> problem = check(all);
        return problem.map(p -> p.replace(Path.of(all.get(0)).getFileName() + " self-test", Path.of(cmd.get(0)).getFileName() + " self-test"));
    }

    /** The bwrap binary, or empty with {@link #bubblewrapProblem()} saying why it cannot be used. */
    public Optional<Path> bubblewrap() {
        return bwrapProblem.isPresent() ? Optional.empty() : bwrap;
    }

    public Optional<String> bubblewrapProblem() {
        return bwrapProblem;
    }

    /** The runsc binary if gVisor works here (probed on first call: a rootless {@code runsc do true}). */
    public Optional<Path> gvisor() {
        if (runsc.isEmpty()) return Optional.empty();
        if (runscProblem == null) {
            runscProblem = asSandboxUser(List.of(runsc.get().toString(), "--rootless", "--network=none", "do", "/usr/bin/true"));
        }
        return runscProblem.isPresent() ? Optional.empty() : runsc;
    }

    public Optional<String> gvisorProblem() {
        if (runsc.isEmpty()) return Optional.of("gVisor is not installed (apt-get install runsc)");
        gvisor();
        return runscProblem;
    }

    public Optional<Path> socat() {
        return socat;
    }

    public Cgroup.Mode cgroups() {
        return Cgroup.mode();
    }

    /** One line per mechanism, for {@code clay doctor}-style reports. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        out.add("bubblewrap: " + bwrapProblem.orElse("ok (" + bwrap.map(Path::toString).orElse("?") + ")"));
        out.add("gvisor: " + gvisorProblem().orElse("ok (" + runsc.map(Path::toString).orElse("?") + ")"));
        out.add("socat: " + socat.map(p -> "ok (" + p + ")").orElse("missing: network grants cannot be bridged (apt-get install socat)"));
        out.add("cgroups: " + cgroups());
        return out;
    }

    static Optional<Path> which(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.isBlank()) continue;
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(new java.io.File("/")).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(cmd.get(0) + " did not finish its self-test");
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(Path.of(cmd.get(0)).getFileName() + " self-test failed: " + out);
        } catch (IOException e) {
            return Optional.of("cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
