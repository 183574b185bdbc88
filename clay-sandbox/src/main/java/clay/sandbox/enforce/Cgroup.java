package clay.sandbox.enforce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cgroup holding one sandboxed process tree, so memory and task counts are limited for the whole tree (a memory bomb
 * spread over many processes still hits one limit). Works with cgroup v2 ({@code memory.max}, {@code pids.max}) and
 * with v1 memory and pids hierarchies. {@link #none()} when the machine does not let Clay write cgroups; rlimits are
 * then the only per-process limits.
 */
public final class Cgroup implements AutoCloseable {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private static final AtomicLong SEQ = new AtomicLong();
    private static volatile Mode detected;

    /** What the machine offers. */
    public enum Mode { V2, V1, NONE }

    private final Mode mode;
    private final List<Path> dirs;

    private Cgroup(Mode mode, List<Path> dirs) {
        this.mode = mode;
        this.dirs = dirs;
    }

    public static Cgroup none() {
        return new Cgroup(Mode.NONE, List.of());
    }

    /** Which cgroup version Clay can write here (probed once by creating and removing a group). */
    public static Mode mode() {
        Mode m = detected;
        if (m == null) {
            m = probe();
            detected = m;
        }
        return m;
    }

    private static Mode probe() {
        try (Cgroup cg = create("probe", 64L << 20, 16)) {
            return cg.mode;
        } catch (RuntimeException e) {
            return Mode.NONE;
        }
    }

    /** Creates a group with these limits, or {@link #none()} when cgroups are not writable. */
    public static Cgroup create(String label, long memoryBytes, int tasks) {
        String name = "run-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet() + "-" + label;
        Path v2parent = ROOT.resolve("clay-sandbox");
        if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
            try {
                if (!Files.isDirectory(v2parent)) Files.createDirectory(v2parent);
                write(ROOT.resolve("cgroup.subtree_control"), "+memory +pids");
                write(v2parent.resolve("cgroup.subtree_control"), "+memory +pids");
                Path dir = v2parent.resolve(name);
                Files.createDirectory(dir);
                Cgroup cg = new Cgroup(Mode.V2, List.of(dir));
                try {
                    write(dir.resolve("memory.max"), Long.toString(memoryBytes));
                    if (Files.exists(dir.resolve("memory.swap.max"))) write(dir.resolve("memory.swap.max"), "0");
                    write(dir.resolve("pids.max"), Integer.toString(tasks));
                } catch (IOException e) {
                    cg.close();
                    throw e;
                }
                return cg;
            } catch (IOException e) {
                return none();
            }
        }
        Path mem = ROOT.resolve("memory");
        Path pids = ROOT.resolve("pids");
        if (Files.isDirectory(mem) && Files.isDirectory(pids) && Files.exists(mem.resolve("cgroup.procs"))) {
            List<Path> made = new ArrayList<>();
            Cgroup cg = new Cgroup(Mode.V1, made);
            try {
                Path m = mem.resolve("clay-sandbox").resolve(name);
                Path p = pids.resolve("clay-sandbox").resolve(name);
                Files.createDirectories(m);
                made.add(m);
                Files.createDirectories(p);
                made.add(p);
                write(m.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
                Path memsw = m.resolve("memory.memsw.limit_in_bytes");
                if (Files.exists(memsw)) write(memsw, Long.toString(memoryBytes));
                write(p.resolve("pids.max"), Integer.toString(tasks));
                return cg;
            } catch (IOException e) {
                cg.close();
                return none();
            }
        }
        return none();
    }

    /** The group's path below each hierarchy's root ({@code /clay-sandbox/run-...}), if there is a group. */
    public java.util.Optional<String> relativePath() {
        if (dirs.isEmpty()) return java.util.Optional.empty();
        Path d = dirs.get(0);
        return java.util.Optional.of("/" + d.getParent().getFileName() + "/" + d.getFileName());
    }

    public Mode kind() {
        return mode;
    }

    /** The {@code cgroup.procs} files a process writes its pid to, to join every hierarchy of this group. */
    public List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Whether the kernel's OOM killer killed something in this group. */
    public boolean oomKilled() {
        try {
            return switch (mode) {
                case V2 -> counter(dirs.get(0).resolve("memory.events"), "oom_kill") > 0;
                case V1 -> counter(dirs.get(0).resolve("memory.oom_control"), "oom_kill") > 0
                        || counter(dirs.get(0).resolve("memory.oom_control"), "under_oom") > 0;
                case NONE -> false;
            };
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the task limit refused a fork at least once. */
    public boolean tasksLimited() {
        if (mode == Mode.NONE) return false;
        Path events = dirs.get(dirs.size() - 1).resolve("pids.events");
        try {
            return Files.exists(events) && counter(events, "max") > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILLs every process still in the group. */
    public void killAll() {
        if (mode == Mode.NONE) return;
        if (mode == Mode.V2) {
            try {
                Path kill = dirs.get(0).resolve("cgroup.kill");
                if (Files.exists(kill)) {
                    write(kill, "1");
                    return;
                }
            } catch (IOException ignored) {
                // fall back to killing one by one
            }
        }
        for (int round = 0; round < 5; round++) {
            boolean any = false;
            for (Path procs : procsFiles()) {
                try {
                    for (String line : Files.readAllLines(procs)) {
                        if (line.isBlank()) continue;
                        any = true;
                        ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (IOException | NumberFormatException ignored) {
                    // gone already
                }
            }
            if (!any) return;
        }
    }

    /** Kills what is left and removes the group (retrying briefly while the kernel reaps). */
    @Override
    public void close() {
        if (mode == Mode.NONE && dirs.isEmpty()) return;
        killAll();
        for (Path d : dirs.reversed()) {
            for (int i = 0; i < 50; i++) {
                try {
                    Files.deleteIfExists(d);
                    break;
                } catch (IOException e) {
                    killAll();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static long counter(Path file, String key) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2 && kv[0].equals(key)) return Long.parseLong(kv[1]);
        }
        return 0;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }
}
