package clay.sandbox;

import clay.core.ClayHome;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.sandbox.approval.Approver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Sandbox} enforces: where its state lives, what {@code ~} means to programs, default limits, which
 * backends each trust level may use (first available wins; none available means refusal), who approves, and host-name
 * overrides for the egress proxy.
 *
 * @param home the Clay home (state, generated programs)
 * @param userHome what {@code ~} in capabilities and {@code HOME} inside the sandbox mean
 * @param limits limits of every run
 * @param backends allowed backends per trust level, in order of preference
 * @param approver who answers approval requests
 * @param hostOverrides host name to address for the egress proxy instead of DNS
 * @param hostEnv the environment {@code env:NAME} grants copy values from
 * @param maxConcurrentRuns how many runs may be alive at once (each may hold {@link Limits#memoryBytes()})
 * @param slotWait how long a run waits for a free slot before it is refused
 */
public record SandboxPolicy(ClayHome home, Path userHome, Limits limits, Map<TrustLevel, List<BackendKind>> backends,
        Approver approver, Map<String, InetSocketAddress> hostOverrides, Map<String, String> hostEnv,
        int maxConcurrentRuns, Duration slotWait) {
    public SandboxPolicy {
        if (maxConcurrentRuns < 1) {
            throw new InvalidInputException("sandbox max_concurrent_runs must be at least 1, was " + maxConcurrentRuns, null);
        }
        Objects.requireNonNull(slotWait, "slotWait");
        if (slotWait.isNegative()) throw new InvalidInputException("sandbox slot wait must not be negative", null);
        Objects.requireNonNull(home, "home");
        userHome = Objects.requireNonNull(userHome, "userHome").toAbsolutePath().normalize();
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(approver, "approver");
        EnumMap<TrustLevel, List<BackendKind>> b = new EnumMap<>(TrustLevel.class);
        for (TrustLevel t : TrustLevel.values()) {
            List<BackendKind> l = backends.getOrDefault(t, List.of(BackendKind.BUBBLEWRAP));
            if (l.isEmpty()) throw new IllegalArgumentException("trust level " + t + " needs at least one backend");
            b.put(t, List.copyOf(l));
        }
        backends = java.util.Collections.unmodifiableMap(b);
        hostOverrides = Map.copyOf(hostOverrides);
        hostEnv = Map.copyOf(hostEnv);
    }

    /**
     * Bubblewrap for every trust level except external code, which prefers gVisor; default limits; approvals refused
     * unless kept (set an approver for interactive use).
     */
    public static SandboxPolicy defaults(ClayHome home) {
        return new SandboxPolicy(home, Path.of(System.getProperty("user.home")), Limits.defaults(),
                Map.of(TrustLevel.EXTERNAL, List.of(BackendKind.GVISOR, BackendKind.BUBBLEWRAP)), Approver.denyAll(),
                Map.of(), System.getenv(), defaultConcurrentRuns(), Duration.ofMinutes(5));
    }

    /** As many runs as the machine has cores, at least 1 and at most 4. */
    public static int defaultConcurrentRuns() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public SandboxPolicy withMaxConcurrentRuns(int n, Duration wait) {
        return new SandboxPolicy(home, userHome, limits, backends, approver, hostOverrides, hostEnv, n, wait);
    }

    public SandboxPolicy withApprover(Approver a) {
        return new SandboxPolicy(home, userHome, limits, backends, a, hostOverrides, hostEnv, maxConcurrentRuns, slotWait);
    }

    public SandboxPolicy withLimits(Limits l) {
        return new SandboxPolicy(home, userHome, l, backends, approver, hostOverrides, hostEnv, maxConcurrentRuns, slotWait);
    }

    public SandboxPolicy withUserHome(Path h) {
        return new SandboxPolicy(home, h, limits, backends, approver, hostOverrides, hostEnv, maxConcurrentRuns, slotWait);
    }

    public SandboxPolicy withHostOverrides(Map<String, InetSocketAddress> o) {
        return new SandboxPolicy(home, userHome, limits, backends, approver, o, hostEnv, maxConcurrentRuns, slotWait);
    }

    public SandboxPolicy withHostEnv(Map<String, String> env) {
        return new SandboxPolicy(home, userHome, limits, backends, approver, hostOverrides, env, maxConcurrentRuns, slotWait);
    }

    public SandboxPolicy withBackends(TrustLevel trust, List<BackendKind> kinds) {
        Map<TrustLevel, List<BackendKind>> b = new EnumMap<>(backends);
        b.put(trust, kinds);
        return new SandboxPolicy(home, userHome, limits, b, approver, hostOverrides, hostEnv, maxConcurrentRuns, slotWait);
    }
}
