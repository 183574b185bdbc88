package clay.sandbox;

import clay.core.ClayException;
import java.time.Duration;

/** Every sandbox slot stayed busy for as long as a run may wait; trying again later can succeed. */
public final class SandboxBusyException extends ClayException {
    SandboxBusyException(String program, int capacity, Duration waited) {
        super("cannot run " + program + ": all " + capacity + " sandbox slots stayed busy for " + waited.toSeconds() + " s",
                "wait for a running program to finish or stop a live program, or raise [sandbox] max_concurrent_runs");
    }

    @Override
    public boolean retriable() {
        return true;
    }

    @Override
    public String kind() {
        return "sandbox_busy";
    }
}
