package clay.sandbox.enforce;

import clay.sandbox.BackendKind;
import clay.sandbox.manifest.PathGrant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enforcement with bubblewrap: all namespaces unshared (user, pid, ipc, uts, net, cgroup, mount), an unprivileged host
 * uid ({@link SandboxUser}: never root, also when Clay runs as root) and uid 1000 inside, no capabilities,
 * {@code /proc/sys} and the other kernel knobs under {@code /proc} read-only, no {@code /sys}, a cleared environment, a
 * new session, death with the parent, the {@link SeccompFilter}, {@code /usr} read-only with {@code /usr/bin} narrowed to the binaries the program needs, a
 * size-capped private {@code /tmp}, a minimal generated {@code /etc}, and only the granted paths. With a network grant
 * the program's net namespace still has only loopback: a {@code socat} inside bridges {@code 127.0.0.1:3128} to the
 * egress proxy's unix socket and {@code http_proxy}/{@code https_proxy} point there. With a broker capability a
 * second socat bridges {@code 127.0.0.1:3129} to the Clay broker's socket and {@code CLAY_BROKER} points there.
 */
public final class BubblewrapBackend implements Backend {
    /** Kernel interfaces under {@code /proc} that write to the host kernel: read-only in every sandbox. */
    static final List<String> PROC_READ_ONLY = List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus", "/proc/fs");

    private final Path bwrap;
    private final SandboxFiles files;
    private final SandboxUser user;

    public BubblewrapBackend(SandboxFiles files, SandboxUser user) {
        HostSupport host = HostSupport.get();
        this.bwrap = host.bubblewrap().orElseThrow(() -> new SandboxUnavailableException(
                "cannot sandbox with bubblewrap: " + host.bubblewrapProblem().orElse("unavailable"),
                "install bubblewrap and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)"));
        this.files = files;
        this.user = user;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.BUBBLEWRAP;
    }

    @Override
    public Command command(LaunchPlan plan, Cgroup cgroup) {
        for (Path p : plan.readOnly()) {
            user.unreadable(p).ifPresent(why -> {
                throw new SandboxUnavailableException("the runtime at " + p + " cannot be read by the sandbox user "
                        + SandboxUser.NAME + ": " + why, "install the runtime under /usr, or run Clay as your own user");
            });
        }
        Staging stage = new Staging(user, plan.workDir());
        List<String> a = new ArrayList<>();
        a.addAll(List.of(bwrap.toString(), "--unshare-all", "--die-with-parent", "--new-session",
                "--cap-drop", "ALL", "--uid", Integer.toString(SandboxFiles.UID), "--gid", Integer.toString(SandboxFiles.GID),
                "--hostname", "clay-sandbox", "--clearenv",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/sbin", "/sbin"));
        List<Path> binaries = new ArrayList<>(plan.binaries());
        List<PathGrant> writes = WriteGrants.of(plan);
        if (plan.bridged()) HostSupport.get().socat().ifPresent(binaries::add);
        if (plan.bridged() || !writes.isEmpty()) binaries.add(Path.of("/usr/bin/sh"));
        if (!writes.isEmpty()) {
            WriteGrants.prepare(plan);
            handOverArchive(plan);
            binaries.add(Path.of("/usr/bin/cp"));
            binaries.add(Path.of("/usr/bin/tar"));
        }
        if (plan.maskBin()) {
            a.addAll(List.of("--tmpfs", "/usr/bin"));
            for (Path b : binaries) a.addAll(List.of("--ro-bind", real(b).toString(), "/usr/bin/" + b.getFileName()));
            a.addAll(List.of("--remount-ro", "/usr/bin"));
        }
        a.addAll(List.of("--proc", "/proc"));
        for (String p : PROC_READ_ONLY) a.addAll(List.of("--ro-bind-try", p, p));
        a.addAll(List.of("--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(plan.limits().tmpBytes()), "--tmpfs", "/tmp"));
        a.addAll(List.of("--ro-bind", files.etc().toString(), "/etc"));
        for (Path p : plan.readOnly()) a.addAll(List.of("--ro-bind", stage.source(p), p.toString()));
        a.addAll(List.of("--ro-bind", plan.programDir().toString(), LaunchPlan.PROGRAM_DIR));
        plan.writable().ifPresent(w -> a.addAll(List.of("--bind", w.toString(), w.toString())));
        for (PathGrant g : plan.grants()) {
            if (!g.exists()) continue;
            int w = writes.indexOf(g);
            if (w < 0) {
                a.addAll(List.of("--ro-bind", stage.source(g.path()), g.path().toString()));
                continue;
            }
            // a size-capped tmpfs instead of the host directory: the kernel enforces the write quota (ENOSPC)
            a.addAll(List.of("--ro-bind", stage.source(g.path()), WriteGrants.IN + w,
                    "--perms", "0755", "--size", Long.toString(plan.limits().writeBytes()), "--tmpfs", g.path().toString()));
        }
        // the archive is not bound: the launcher writes it to a descriptor opened on the host (WriteGrants)
        if (!writes.isEmpty()) a.addAll(List.of("--ro-bind", WriteGrants.launcher(plan).toString(), WriteGrants.LAUNCHER));
        plan.proxySocket().ifPresent(s -> a.addAll(List.of("--bind", s.toString(), LaunchPlan.PROXY_SOCKET)));
        plan.brokerSocket().ifPresent(s -> a.addAll(List.of("--bind", s.toString(), LaunchPlan.BROKER_SOCKET)));
        a.addAll(List.of("--remount-ro", "/", "--seccomp", "3", "--chdir", "/tmp"));
        for (Map.Entry<String, String> e : plan.env().entrySet()) a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
        if (plan.proxySocket().isPresent()) {
            String proxy = "http://127.0.0.1:" + LaunchPlan.PROXY_PORT;
            for (String k : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")) a.addAll(List.of("--setenv", k, proxy));
        }
        if (plan.brokerSocket().isPresent()) {
            a.addAll(List.of("--setenv", "CLAY_BROKER", "http://127.0.0.1:" + LaunchPlan.BROKER_PORT));
            // the broker is on loopback inside: clients that honour no_proxy must not send it to the egress proxy
            for (String k : List.of("no_proxy", "NO_PROXY")) a.addAll(List.of("--setenv", k, "127.0.0.1,localhost"));
        }
        if (plan.bridged() || !writes.isEmpty()) {
            StringBuilder script = new StringBuilder();
            if (plan.bridged()) script.append("{\n"); // the bridges must not inherit the archive descriptor
            plan.proxySocket().ifPresent(s -> script.append(bridge(LaunchPlan.PROXY_PORT, LaunchPlan.PROXY_SOCKET)));
            plan.brokerSocket().ifPresent(s -> script.append(bridge(LaunchPlan.BROKER_PORT, LaunchPlan.BROKER_SOCKET)));
            if (plan.bridged()) script.append("} ").append(WriteGrants.ARCHIVE_FD).append(">&-\n");
            if (writes.isEmpty()) {
                script.append("exec \"$@\"\n");
            } else {
                // the program runs as a child so that the shell can archive the tmpfs once it has exited
                script.append(WriteGrants.copyIn(plan)).append(WriteGrants.program()).append("rc=$?\n")
                        .append(WriteGrants.copyOut(plan)).append("exit $rc\n");
            }
            String shell = writes.isEmpty() ? "/usr/bin/sh" : WriteGrants.LAUNCHER;
            a.addAll(List.of("--", shell, "-c", script.toString(), "clay-bridge"));
        } else {
            a.add("--");
        }
        a.addAll(plan.argv());
        List<String> argv = new ArrayList<>(stage.prefix());
        argv.addAll(user.prefix());
        argv.addAll(a);
        return new Command(argv, Optional.of(plan.bridged() ? files.seccompBridged() : files.seccomp()), true);
    }

    /** The archive file belongs to the sandbox user, which the launch shell inside runs as. */
    private void handOverArchive(LaunchPlan plan) {
        try {
            user.handOver(WriteGrants.archive(plan));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot hand the write archives to the sandbox user", e);
        }
    }

    /** Starts a socat from a loopback port to a unix socket and waits (builtins only, bounded) until it listens. */
    private static String bridge(int tcpPort, String unixSocket) {
        String port = String.format("%04X", tcpPort);
        return "/usr/bin/socat TCP-LISTEN:" + tcpPort + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:"
                + unixSocket + " 2>/dev/null &\n"
                + "i=0; while [ $i -lt 5000 ]; do\n"
                + "  while read -r sl addr rest; do case $addr in 0100007F:" + port + ") break 2;; esac; done < /proc/net/tcp\n"
                + "  i=$((i+1)); done\n";
    }

    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }
}
