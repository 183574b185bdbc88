package clay.sandbox;

import clay.core.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of one sandboxed run. Per-process limits are rlimits; memory and process count are also enforced
 * for the whole tree with cgroups where the machine lets Clay write them; disk is capped by a size-limited private
 * {@code /tmp} and by a size-limited tmpfs per writable grant.
 *
 * @param wallTime wall-clock time before the whole process tree is killed
 * @param cpuSeconds CPU seconds per process (RLIMIT_CPU)
 * @param addressSpaceBytes virtual memory per process (RLIMIT_AS); not applied to runtimes that reserve large
 *     address ranges up front (Node, the JVM), which the cgroup memory limit covers instead
 * @param fileSizeBytes largest file a process may write (RLIMIT_FSIZE)
 * @param processes processes and threads of the whole tree (cgroup pids.max; RLIMIT_NPROC as well)
 * @param memoryBytes memory of the whole tree, including its private {@code /tmp} (cgroup)
 * @param tmpBytes size of the private {@code /tmp}
 * @param writeBytes how much each writable grant may hold (the size of the tmpfs the program writes into)
 * @param outputBytes stdout plus stderr kept; more kills the run
 */
public record Limits(Duration wallTime, int cpuSeconds, long addressSpaceBytes, long fileSizeBytes, int processes,
        long memoryBytes, long tmpBytes, long writeBytes, long outputBytes) {
    private static final long MIB = 1024L * 1024;

    public Limits {
        Objects.requireNonNull(wallTime, "wallTime");
        positive("wallTime", wallTime.toMillis());
        positive("cpuSeconds", cpuSeconds);
        positive("addressSpaceBytes", addressSpaceBytes);
        positive("fileSizeBytes", fileSizeBytes);
        positive("processes", processes);
        positive("memoryBytes", memoryBytes);
        positive("tmpBytes", tmpBytes);
        positive("writeBytes", writeBytes);
        positive("outputBytes", outputBytes);
    }

    /** 30 s wall, 20 s CPU, 1 GiB address space, 64 MiB files, 64 tasks, 512 MiB memory, 64 MiB /tmp and writes, 1 MiB output. */
    public static Limits defaults() {
        return new Limits(Duration.ofSeconds(30), 20, 1024 * MIB, 64 * MIB, 64, 512 * MIB, 64 * MIB, 64 * MIB, MIB);
    }

    public Limits withWallTime(Duration d) {
        return new Limits(d, cpuSeconds, addressSpaceBytes, fileSizeBytes, processes, memoryBytes, tmpBytes, writeBytes, outputBytes);
    }

    public Limits withCpuSeconds(int s) {
        return new Limits(wallTime, s, addressSpaceBytes, fileSizeBytes, processes, memoryBytes, tmpBytes, writeBytes, outputBytes);
    }

    public Limits withMemoryBytes(long b) {
        return new Limits(wallTime, cpuSeconds, addressSpaceBytes, fileSizeBytes, processes, b, tmpBytes, writeBytes, outputBytes);
    }

    public Limits withProcesses(int n) {
        return new Limits(wallTime, cpuSeconds, addressSpaceBytes, fileSizeBytes, n, memoryBytes, tmpBytes, writeBytes, outputBytes);
    }

    public Limits withOutputBytes(long b) {
        return new Limits(wallTime, cpuSeconds, addressSpaceBytes, fileSizeBytes, processes, memoryBytes, tmpBytes, writeBytes, b);
    }

    public Limits withWriteBytes(long b) {
        return new Limits(wallTime, cpuSeconds, addressSpaceBytes, fileSizeBytes, processes, memoryBytes, tmpBytes, b, outputBytes);
    }

    public Limits withTmpBytes(long b) {
        return new Limits(wallTime, cpuSeconds, addressSpaceBytes, fileSizeBytes, processes, memoryBytes, b, writeBytes, outputBytes);
    }

    private static void positive(String name, long v) {
        if (v <= 0) throw new InvalidInputException("sandbox limit " + name + " must be positive, was " + v, null);
    }
}
