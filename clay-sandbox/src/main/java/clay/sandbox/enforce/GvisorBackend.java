package clay.sandbox.enforce;

import clay.sandbox.BackendKind;
import clay.sandbox.manifest.PathGrant;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Enforcement with gVisor: the program talks to gVisor's user-space kernel, not to the host's. Each run gets an OCI
 * bundle whose root is an empty read-only directory with {@code /usr} read-only, the generated {@code /etc} pieces,
 * the program, a size-capped {@code /tmp} and the granted paths, run by {@code runsc --rootless --network=none run}.
 * Network and write grants are refused here: the egress proxy's socket is not bridged into gVisor, and the program's
 * uid inside gVisor owns nothing on the host. Read grants work for what is world-readable. {@code runsc} itself runs as
 * the {@link SandboxUser} (never root), and gVisor's {@code /proc/sys} is its own kernel's, not the host's.
 */
public final class GvisorBackend implements Backend {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runsc;
    private final SandboxFiles files;
    private final SandboxUser user;

    public GvisorBackend(SandboxFiles files, SandboxUser user) {
        HostSupport host = HostSupport.get();
        this.runsc = host.gvisor().orElseThrow(() -> new SandboxUnavailableException(
                "cannot sandbox with gVisor: " + host.gvisorProblem().orElse("unavailable"),
                "install gVisor (apt-get install runsc) or choose the bubblewrap backend for this trust level"));
        this.files = files;
        this.user = user;
    }

    @Override
    public BackendKind kind() {
        return BackendKind.GVISOR;
    }

    @Override
    public Command command(LaunchPlan plan, Cgroup cgroup) {
        if (plan.proxySocket().isPresent()) {
            throw new SandboxUnavailableException("the gVisor backend cannot give network access",
                    "run programs with network grants at a trust level that uses bubblewrap");
        }
        if (plan.brokerSocket().isPresent()) {
            throw new SandboxUnavailableException("the gVisor backend cannot reach the Clay broker (notify, clipboard, llm)",
                    "run programs with notify, clipboard or llm grants at a trust level that uses bubblewrap");
        }
        if (plan.grants().stream().anyMatch(g -> g.writable())) {
            // the program runs as uid 1000 of gVisor's kernel, which owns nothing on the host, so a write grant could
            // only work by running it as gVisor's root, which would also read other users' files in a granted folder
            throw new SandboxUnavailableException("the gVisor backend cannot give write access",
                    "run programs with write grants at a trust level that uses bubblewrap");
        }
        try {
            Path bundle = plan.workDir().resolve("bundle");
            Path rootfs = bundle.resolve("rootfs");
            Files.createDirectories(rootfs);
            Staging stage = new Staging(user, plan.workDir());
            user.handOver(rootfs); // runsc's gofer makes the mount points in it, as the sandbox user (the root is read-only)
            // gVisor checks the program directory's permissions itself, seeing the program as neither its owner nor in its
            // group: it must be world-readable (its parents stay unlistable: 0711 staging or the 0700 state directory)
            Files.setPosixFilePermissions(plan.programDir(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String[] link : new String[][] {{"bin", "usr/bin"}, {"lib", "usr/lib"}, {"lib64", "usr/lib64"}, {"sbin", "usr/sbin"}}) {
                Files.createSymbolicLink(rootfs.resolve(link[0]), Path.of(link[1]));
            }
            Files.writeString(bundle.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec(plan, cgroup, stage)));
            Path state = Files.createDirectories(plan.workDir().resolve("runsc"));
            user.handOver(state); // runsc keeps its container state there, as the sandbox user
            List<String> argv = new ArrayList<>(stage.prefix());
            argv.addAll(user.prefix());
            argv.addAll(List.of(runsc.toString(), "--rootless", "--network=none", "--root", state.toString(), "run",
                    "--bundle", bundle.toString(), containerId(plan)));
            return new Command(argv, Optional.empty(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gVisor bundle", e);
        }
    }

    private ObjectNode spec(LaunchPlan plan, Cgroup cgroup, Staging stage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ociVersion", "1.0.0");
        ObjectNode proc = root.putObject("process");
        proc.put("terminal", false);
        proc.putObject("user").put("uid", SandboxFiles.UID).put("gid", SandboxFiles.GID);
        ArrayNode args = proc.putArray("args");
        plan.argv().forEach(args::add);
        ArrayNode env = proc.putArray("env");
        plan.env().forEach((k, v) -> env.add(k + "=" + v));
        proc.put("cwd", "/tmp");
        proc.put("noNewPrivileges", true);
        ArrayNode rl = proc.putArray("rlimits");
        rlimit(rl, "RLIMIT_CPU", plan.limits().cpuSeconds(), plan.limits().cpuSeconds() + 1L);
        rlimit(rl, "RLIMIT_FSIZE", plan.limits().fileSizeBytes(), plan.limits().fileSizeBytes());
        rlimit(rl, "RLIMIT_CORE", 0, 0);
        if (plan.limitAddressSpace()) {
            rlimit(rl, "RLIMIT_AS", plan.limits().addressSpaceBytes(), plan.limits().addressSpaceBytes());
        }
        root.putObject("root").put("path", "rootfs").put("readonly", true);
        ArrayNode m = root.putArray("mounts");
        bind(m, "/usr", "/usr", true);
        m.addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
        m.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs")
                .putArray("options").add("size=" + plan.limits().tmpBytes()).add("mode=1777").add("nosuid").add("nodev");
        bind(m, files.etc().toString(), "/etc", true);
        for (Path p : plan.readOnly()) bind(m, stage.source(p), p.toString(), true);
        bind(m, plan.programDir().toString(), LaunchPlan.PROGRAM_DIR, true);
        plan.writable().ifPresent(w -> bind(m, w.toString(), w.toString(), false));
        for (PathGrant g : plan.grants()) {
            if (g.exists()) bind(m, stage.source(g.path()), g.path().toString(), !g.writable());
        }
        ObjectNode linux = root.putObject("linux");
        ArrayNode ns = linux.putArray("namespaces");
        for (String t : List.of("pid", "ipc", "uts", "mount", "network")) ns.addObject().put("type", t);
        // runsc moves its sandbox into cgroupsPath (default: the container id), so point it at the run's group
        cgroup.relativePath().ifPresent(p -> linux.put("cgroupsPath", p));
        ObjectNode res = linux.putObject("resources");
        res.putObject("memory").put("limit", plan.limits().memoryBytes());
        res.putObject("pids").put("limit", plan.limits().processes());
        root.put("hostname", "clay-sandbox");
        return root;
    }

    private static void rlimit(ArrayNode rl, String type, long soft, long hard) {
        rl.addObject().put("type", type).put("soft", soft).put("hard", hard);
    }

    private static void bind(ArrayNode m, String src, String dst, boolean ro) {
        ObjectNode o = m.addObject().put("destination", dst).put("type", "bind").put("source", src);
        ArrayNode opts = o.putArray("options").add("rbind");
        opts.add(ro ? "ro" : "rw");
    }

    private static String containerId(LaunchPlan plan) {
        return "clay-" + plan.workDir().getFileName();
    }

    @Override
    public int hostTaskOverhead() {
        return 512;
    }

    @Override
    public void cleanup(LaunchPlan plan) {
        try {
            Process p = new ProcessBuilder(runsc.toString(), "--rootless", "--root", plan.workDir().resolve("runsc").toString(),
                    "delete", "--force", containerId(plan)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (IOException e) {
            // nothing left to delete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
