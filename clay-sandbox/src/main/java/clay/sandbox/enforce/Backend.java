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
    Command command(LaunchPlan plan, Cgroup cgroup);

    /**
     * Host tasks the backend itself needs on top of the program's (gVisor's Go runtime threads live in the run's
     * cgroup); the program's own processes are then limited inside the backend.
     */
    default int hostTaskOverhead() {
        return 0;
    }

    /** Cleans up after a run (gVisor keeps sandbox state to delete); a no-op by default. */
    default void cleanup(LaunchPlan plan) {}

    /**
     * The host command of a backend.
     *
     * @param argv the command
     * @param seccompFile a filter to open on fd 3, if any
     * @param hostRlimits whether the plan's rlimits are set on the command itself (false when the backend passes
     *     them to its own kernel, as gVisor does: a Go runtime cannot start under a small address-space limit)
     */
    record Command(List<String> argv, java.util.Optional<java.nio.file.Path> seccompFile, boolean hostRlimits) {
        public Command {
            argv = List.copyOf(argv);
        }
    }
}
