package clay.sandbox;

/** How a sandboxed run ended. Everything but {@link #SUCCEEDED} and {@link #FAILED} means a limit stopped it. */
public enum Outcome {
    /** Exited with status 0. */
    SUCCEEDED,
    /** Exited with a non-zero status or a signal of its own. */
    FAILED,
    TIMED_OUT,
    CPU_LIMIT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    DISK_LIMIT,
    /** Stopped from outside (a hot reload, a shutdown). */
    STOPPED;

    public boolean limitHit() {
        return this != SUCCEEDED && this != FAILED && this != STOPPED;
    }
}
