package clay.sandbox.enforce;

import clay.sandbox.Limits;
import clay.sandbox.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Starts a backend's command inside a fresh cgroup with its rlimits, and watches it: wall-clock timeout and output cap;
 * after a run that exited by itself it applies the write grants' archives ({@link WriteGrants}). Anything over a
 * limit kills the whole tree (the cgroup, every descendant, the backend process, whose death takes the sandbox's PID
 * namespace with it). The command is started through {@code /bin/sh} which joins the cgroup, sets the rlimits with
 * {@code ulimit} and {@code exec}s the backend with the seccomp filter on fd 3, so no extra process stays around.
 */
public final class Supervisor {

    /** A started sandboxed process. */
    public static final class Running {
        private final Process process;
        private final Cgroup cgroup;
        private final Backend backend;
        private final LaunchPlan plan;
        private final long started = System.nanoTime();
        private final AtomicReference<Outcome> killedFor = new AtomicReference<>();
        private final AtomicLong outputBytes = new AtomicLong();
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final List<Thread> readers = new ArrayList<>();

        private Running(Process process, Cgroup cgroup, Backend backend, LaunchPlan plan) {
            this.process = process;
            this.cgroup = cgroup;
            this.backend = backend;
            this.plan = plan;
        }

        public long pid() {
            return process.pid();
        }

        public boolean alive() {
            return process.isAlive();
        }

        /** Kills the whole tree, remembering why (the first reason wins). */
        public void kill(Outcome why) {
            killedFor.compareAndSet(null, why);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            cgroup.killAll();
        }

        /** Waits up to the wall-time limit, then kills; returns how it ended. */
        public Exit await() {
            try {
                Duration wall = plan.limits().wallTime();
                if (!process.waitFor(wall.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill(Outcome.TIMED_OUT);
                    process.waitFor();
                }
                for (Thread t : readers) t.join(2000);
            } catch (InterruptedException e) {
                kill(Outcome.STOPPED);
                Thread.currentThread().interrupt();
            }
            int code = process.isAlive() ? -1 : process.exitValue();
            boolean oom = cgroup.oomKilled();
            boolean tasksLimited = cgroup.tasksLimited();
            if (killedFor.get() != null) backend.cleanup(plan);
            if (killedFor.get() != null) {
                cgroup.close(); // killed from outside: make sure nothing in the group outlives the answer
            } else {
                // exited by itself: its PID namespace died with bwrap; removing the group can wait for the kernel to reap
                Thread.ofVirtual().start(cgroup::close);
            }
            Outcome outcome = killedFor.get();
            // write grants are copied back only after a run that exited by itself (bounded by the tmpfs quota)
            WriteGrants.Applied copied = outcome == null && backend instanceof BubblewrapBackend && !WriteGrants.of(plan).isEmpty()
                    && code != 125 ? WriteGrants.apply(plan) : new WriteGrants.Applied(false, List.of());
            boolean diskFull = copied.full();
            if (outcome == null) {
                if (oom) outcome = Outcome.MEMORY_LIMIT;
                else if (diskFull) outcome = Outcome.DISK_LIMIT;
                else if (code == 0) outcome = Outcome.SUCCEEDED;
                else if (code == 128 + 24) outcome = Outcome.CPU_LIMIT;
                else outcome = Outcome.FAILED;
            }
            String out, err;
            synchronized (this) {
                out = stdout.toString(StandardCharsets.UTF_8);
                err = stderr.toString(StandardCharsets.UTF_8);
            }
            if (outcome == Outcome.FAILED && !WriteGrants.of(plan).isEmpty() && err.contains("No space left on device")) {
                outcome = Outcome.DISK_LIMIT;
            }
            if (code == 125 && err.contains("clay-sandbox:")) {
                throw new SandboxUnavailableException("the sandbox could not start: " + err.strip(),
                        "check that Clay may write cgroups (/sys/fs/cgroup) or run without them");
            }
            return new Exit(outcome, code, out, err, Duration.ofNanos(System.nanoTime() - started), tasksLimited,
                    copied.dropped());
        }

    }

    /**
     * How a process ended.
     *
     * @param tasksLimited whether the process-count limit refused a fork (a fork bomb was contained)
     * @param notCopiedBack write-grant entries Clay refused to copy back (symlinks), each with why
     */
    public record Exit(Outcome outcome, int exitCode, String stdout, String stderr, Duration elapsed, boolean tasksLimited,
            List<String> notCopiedBack) {
        public Exit {
            notCopiedBack = List.copyOf(notCopiedBack);
        }
    }

    private Supervisor() {}

    /** Runs to completion. */
    public static Exit run(Backend backend, LaunchPlan plan) {
        return start(backend, plan, null).await();
    }

    /**
     * Starts the plan; {@code lines}, when given, receives each stdout line as it arrives (for live programs).
     */
    public static Running start(Backend backend, LaunchPlan plan, Consumer<String> lines) {
        Limits limits = plan.limits();
        Cgroup cgroup = Cgroup.create("p", limits.memoryBytes(), limits.processes() + backend.hostTaskOverhead());
        Backend.Command cmd;
        try {
            cmd = backend.command(plan, cgroup);
        } catch (RuntimeException e) {
            cgroup.close();
            throw e;
        }
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", wrapper(cgroup, plan, backend, cmd), "clay-sandbox"));
        argv.addAll(cmd.argv());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(new java.io.File("/")).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            cgroup.close();
            throw new UncheckedIOException("cannot start the sandbox", e);
        }
        Running r = new Running(process, cgroup, backend, plan);
        r.readers.add(Thread.ofVirtual().start(() -> pump(r, process.getInputStream(), r.stdout, lines)));
        r.readers.add(Thread.ofVirtual().start(() -> pump(r, process.getErrorStream(), r.stderr, null)));
        return r;
    }

    private static String wrapper(Cgroup cg, LaunchPlan plan, Backend backend, Backend.Command cmd) {
        Limits l = plan.limits();
        StringBuilder s = new StringBuilder();
        for (Path procs : cg.procsFiles()) {
            s.append("echo $$ > '").append(procs).append("' || { echo 'clay-sandbox: cannot join cgroup' >&2; exit 125; }\n");
        }
        s.append("ulimit -c 0\n");
        if (!cmd.hostRlimits()) {
            s.append("exec \"$@\"\n");
            return s.toString();
        }
        s.append("ulimit -S -t ").append(l.cpuSeconds()).append(" && ulimit -H -t ").append(l.cpuSeconds() + 1).append('\n');
        // the archive of a write grant's tmpfs is one file of up to the quota plus headers
        long fsize = WriteGrants.of(plan).isEmpty() ? l.fileSizeBytes() : Math.max(l.fileSizeBytes(), WriteGrants.archiveCap(plan));
        s.append("ulimit -f ").append(Math.max(1, fsize / 512)).append('\n');
        if (plan.limitAddressSpace()) s.append("ulimit -v ").append(l.addressSpaceBytes() / 1024).append('\n');
        s.append("ulimit -p ").append(l.processes()).append(" 2>/dev/null\n");
        s.append("exec \"$@\"");
        cmd.seccompFile().ifPresent(f -> s.append(" 3< '").append(f).append("'"));
        if (backend instanceof BubblewrapBackend && !WriteGrants.of(plan).isEmpty()) {
            s.append(' ').append(WriteGrants.ARCHIVE_FD).append("> ").append(WriteGrants.quote(WriteGrants.archive(plan).toString()));
        }
        s.append('\n');
        return s.toString();
    }

    private static void pump(Running r, InputStream in, ByteArrayOutputStream sink, Consumer<String> lines) {
        long cap = r.plan.limits().outputBytes();
        byte[] buf = new byte[8192];
        StringBuilder line = new StringBuilder();
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                long total = r.outputBytes.addAndGet(n);
                int keep = n;
                if (total > cap) {
                    keep = (int) Math.max(0, n - (total - cap));
                    r.kill(Outcome.OUTPUT_LIMIT);
                }
                synchronized (r) {
                    sink.write(buf, 0, keep);
                }
                if (lines != null) {
                    String chunk = new String(buf, 0, keep, StandardCharsets.UTF_8);
                    for (char c : chunk.toCharArray()) {
                        if (c == '\n') {
                            lines.accept(line.toString());
                            line.setLength(0);
                        } else if (line.length() < 65536) {
                            line.append(c);
                        }
                    }
                }
                if (total > cap) break;
            }
            if (lines != null && !line.isEmpty()) lines.accept(line.toString());
        } catch (IOException e) {
            // the process went away
        }
    }
}
