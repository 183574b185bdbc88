package clay.sandbox.enforce;

import clay.sandbox.Limits;
import clay.sandbox.manifest.PathGrant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a backend needs to start one sandboxed process; built by the sandbox from the approved grants.
 *
 * @param argv the command inside the sandbox
 * @param programDir host directory bound read-only at {@code /clay} (the program source, a compiled binary)
 * @param readOnly extra host paths bound read-only at the same place (an interpreter prefix outside {@code /usr})
 * @param binaries host executables exposed in {@code /usr/bin} under their file name; all others are hidden
 * @param maskBin whether {@code /usr/bin} shows only {@code binaries} (false for the compiler sandbox)
 * @param writable an extra host directory bound read-write (the compiler's output), if any
 * @param grants approved file grants
 * @param env environment inside (the rest is cleared)
 * @param proxySocket the egress proxy's unix socket, when a network grant was approved
 * @param limits resource limits
 * @param limitAddressSpace whether RLIMIT_AS applies (not for runtimes that reserve big address ranges)
 * @param workDir host directory for per-run files the backend writes (filter, /etc pieces, bundles)
 * @param brokerSocket the Clay broker's unix socket, when a notify, clipboard or llm capability was approved
 */
public record LaunchPlan(List<String> argv, Path programDir, List<Path> readOnly, List<Path> binaries, boolean maskBin,
        Optional<Path> writable, List<PathGrant> grants, Map<String, String> env, Optional<Path> proxySocket,
        Limits limits, boolean limitAddressSpace, Path workDir, Optional<Path> brokerSocket) {
    public static final String PROGRAM_DIR = "/clay";
    public static final String PROXY_SOCKET = "/run/clay/proxy.sock";
    public static final int PROXY_PORT = 3128;
    public static final String BROKER_SOCKET = "/run/clay/broker.sock";
    public static final int BROKER_PORT = 3129;

    public LaunchPlan {
        argv = List.copyOf(argv);
        readOnly = List.copyOf(readOnly);
        binaries = List.copyOf(binaries);
        grants = List.copyOf(grants);
        env = Map.copyOf(env);
        brokerSocket = brokerSocket == null ? Optional.empty() : brokerSocket;
    }

    /** A plan without a broker. */
    public LaunchPlan(List<String> argv, Path programDir, List<Path> readOnly, List<Path> binaries, boolean maskBin,
            Optional<Path> writable, List<PathGrant> grants, Map<String, String> env, Optional<Path> proxySocket,
            Limits limits, boolean limitAddressSpace, Path workDir) {
        this(argv, programDir, readOnly, binaries, maskBin, writable, grants, env, proxySocket, limits, limitAddressSpace,
                workDir, Optional.empty());
    }

    /** Whether a socat bridge runs inside (egress proxy or broker). */
    public boolean bridged() {
        return proxySocket.isPresent() || brokerSocket.isPresent();
    }
}
