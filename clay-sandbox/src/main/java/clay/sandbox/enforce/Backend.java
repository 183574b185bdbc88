package clay.sandbox.enforce;

import clay.sandbox.BackendKind;
import java.util.List;

/**
 * One way of enforcing a {@link LaunchPlan}. Implementations must never fall back to running without isolation: when
 * the mechanism is unavailable, {@link #command} throws {@link SandboxUnavailableException} naming what is missing.
 */
public sealed interface Backend permits BubblewrapBackend, GvisorBackend {

    BackendKind kind();

    /**
     * The host command that runs the plan, to be started inside the run's cgroup with its rlimits set. When
     * {@link Command#seccompFile()} is present the file must be open on fd 3 of that command.
     */
    Command command(LaunchPlan plan);

    /** Cleans up after a run (gVisor keeps sandbox state to delete); a no-op by default. */
    default void cleanup(LaunchPlan plan) {}

    /** The host command of a backend. */
    record Command(List<String> argv, java.util.Optional<java.nio.file.Path> seccompFile) {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
