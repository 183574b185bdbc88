package clay.sandbox;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.approval.ApprovalStore;
import clay.sandbox.approval.Approver;
import clay.sandbox.approval.Gatekeeper;
import clay.sandbox.audit.AuditEvent;
import clay.sandbox.audit.AuditLog;
import clay.sandbox.broker.Broker;
import clay.sandbox.enforce.Backend;
import clay.sandbox.enforce.BubblewrapBackend;
import clay.sandbox.enforce.DenialScanner;
import clay.sandbox.enforce.GrantCheck;
import clay.sandbox.enforce.GvisorBackend;
import clay.sandbox.enforce.HostSupport;
import clay.sandbox.enforce.LaunchPlan;
import clay.sandbox.enforce.SandboxFiles;
import clay.sandbox.enforce.SandboxUnavailableException;
import clay.sandbox.enforce.SandboxUser;
import clay.sandbox.enforce.Supervisor;
import clay.sandbox.enforce.Toolchains;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.PathGrant;
import clay.sandbox.manifest.PathResolver;
import clay.sandbox.manifest.Program;
import clay.sandbox.net.EgressProxy;
import clay.sandbox.program.ProgramStore;
import clay.sandbox.program.RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs programs under exactly the capabilities they declare and the user approved, in an OS sandbox, within limits,
 * and audits every run, grant and refusal.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.create(SandboxPolicy.defaults(home).withApprover(prompt))) {
 *     RunResult r = sandbox.run(Program.read(Path.of("weather.py")), TrustLevel.AI_GENERATED);
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** Variables an {@code env:} grant may not copy in: they steer the loader, the interpreters or the proxy. */
    private static final java.util.regex.Pattern CONTROLLED_ENV = java.util.regex.Pattern.compile(
            "(?i)LD_.*|PATH|HOME|TMPDIR|PYTHON.*|NODE_.*|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|.*_proxy|RUSTFLAGS|CLAY_BROKER");
    private final SandboxPolicy policy;
    private final Path state;
    private final RunSlots slots;
    private Place place;
    private final AuditLog audit;
    private final ApprovalStore approvals;
    private final Gatekeeper gatekeeper;
    private final ProgramStore programs;
    private final PathResolver paths;
    private final Toolchains toolchains = new Toolchains();
    private final Map<BackendKind, Backend> backends = new HashMap<>();
    private volatile Broker.Host brokerHost = Broker.Host.none();

    private Sandbox(SandboxPolicy policy) {
        this.policy = policy;
        ClayHome home = policy.home();
        this.state = ClayHome.ensureDir(home.state("sandbox"));
        this.slots = new RunSlots(policy.maxConcurrentRuns(), policy.slotWait());
        this.audit = AuditLog.open(state.resolve("sandbox.db"));
        this.approvals = ApprovalStore.open(state.resolve("sandbox.db"));
        this.programs = ProgramStore.open(home);
        this.paths = new PathResolver(policy.userHome(), protectedPaths(policy), List.of(home.persistent(), home.ephemeral()));
        this.gatekeeper = new Gatekeeper(approvals, audit, paths);
    }

    /**
     * What no grant may equal, contain or lie inside, besides the system places {@link PathResolver} always protects:
     * the Clay home (programs and their approvals, the runtime's token and sockets, the memory key; only its
     * {@code persistent} and {@code ephemeral} folders may be granted), Clay's configuration (model URLs, API keys),
     * the runtime directory and the desktop keyrings.
     */
    static List<Path> protectedPaths(SandboxPolicy policy) {
        Path userHome = policy.userHome();
        Map<String, String> env = policy.hostEnv();
        List<Path> out = new ArrayList<>(List.of(policy.home().root(), userHome.resolve(".config/clay"),
                userHome.resolve(".local/share/keyrings")));
        Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(v -> v.startsWith("/")).ifPresent(v -> out.add(Path.of(v, "clay")));
        Optional.ofNullable(env.get("XDG_RUNTIME_DIR")).filter(v -> v.startsWith("/")).ifPresent(v -> out.add(Path.of(v, "clay")));
        Optional.ofNullable(env.get("CLAY_CONFIG")).filter(v -> v.startsWith("/")).ifPresent(v -> out.add(Path.of(v)));
        return out;
    }

    /** Opens the sandbox's stores under {@code policy.home()}; backends are probed on first use. */
    public static Sandbox create(SandboxPolicy policy) {
        return new Sandbox(policy);
    }

    public SandboxPolicy policy() {
        return policy;
    }

    public AuditLog audit() {
        return audit;
    }

    public ApprovalStore approvals() {
        return approvals;
    }

    public Gatekeeper gatekeeper() {
        return gatekeeper;
    }

    public ProgramStore programs() {
        return programs;
    }

    /**
     * Sets what stands behind the Clay broker of runs that hold {@code notify}, {@code clipboard} or {@code llm:*}
     * (the runtime's notifications, clipboard and models); without one, such calls fail with a clear message.
     */
    public void brokerHost(Broker.Host host) {
        this.brokerHost = java.util.Objects.requireNonNull(host, "host");
    }

    public HostSupport host() {
        return HostSupport.get();
    }

    /** Runs alive now, at most {@link SandboxPolicy#maxConcurrentRuns()}. */
    public int busyRuns() {
        return slots.busy();
    }

    /** Runs waiting for a free slot. */
    public int waitingRuns() {
        return slots.waiting();
    }

    /**
     * Where runs are staged and which files every sandbox sees, decided on first use: in the state directory when
     * programs run as Clay's own user, else in a directory the sandbox user can reach ({@link SandboxUser}).
     */
    private record Place(SandboxUser user, SandboxFiles files, Path runs, Optional<Path> staging) {}

    private synchronized Place place() {
        if (place != null) return place;
        SandboxUser user = SandboxUser.get();
        try {
            Optional<Path> staging = user.stagingRoot().isPresent()
                    ? Optional.of(Files.createTempDirectory(user.stagingRoot().get(), "s")) : Optional.empty();
            Path base = staging.orElse(state);
            if (staging.isPresent()) Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
            SandboxFiles files = SandboxFiles.writeInto(base.resolve("files"), policy.userHome().toString());
            Path runs = ClayHome.ensureDir(base.resolve("runs"));
            if (staging.isPresent()) Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rwx--x--x"));
            place = new Place(user, files, runs, staging);
            return place;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox's staging directory", e);
        }
    }

    /** Runs with the policy's approver. */
    public RunResult run(Program program, TrustLevel trust) {
        return run(program, trust, policy.approver());
    }

    /**
     * Asks for approval where needed, then runs {@code program} to completion within the policy's limits. Throws
     * {@link CapabilityDeniedException} when a capability is refused or cannot be granted safely, and
     * {@link SandboxUnavailableException} when no allowed backend works on this machine.
     */
    public RunResult run(Program program, TrustLevel trust, Approver approver) {
        try (Started s = start(program, trust, approver, null)) {
            return s.await();
        }
    }

    /** Starts a long-running program; each stdout line goes to {@code lines} as it arrives. */
    public Started start(Program program, TrustLevel trust, Approver approver, Consumer<String> lines) {
        return start(program, trust, approver, lines, policy.limits());
    }

    /** Starts with other limits than the policy's (a live program needs a longer wall time). */
    public Started start(Program program, TrustLevel trust, Approver approver, Consumer<String> lines, Limits limits) {
        return start(program, trust, approver, lines, limits, status -> { });
    }

    /**
     * Starts with other limits; {@code status} hears what the run waits for before it starts (a free sandbox slot, when
     * {@link SandboxPolicy#maxConcurrentRuns()} runs are alive). Throws {@link SandboxBusyException} when no slot
     * frees up within {@link SandboxPolicy#slotWait()}.
     */
    public Started start(Program program, TrustLevel trust, Approver approver, Consumer<String> lines, Limits limits,
            Consumer<String> status) {
        List<Capability> granted = gatekeeper.authorize(program, trust, approver);
        Backend backend = backendFor(trust);
        slots.acquire(program.name(), status);
        boolean started = false;
        try {
            Started s = launch(program, granted, backend, lines, limits);
            started = true;
            return s;
        } finally {
            if (!started) slots.release();
        }
    }

    /** Gives back the slot of a run that has ended. */
    void ended() {
        slots.release();
    }

    private Started launch(Program program, List<Capability> granted, Backend backend, Consumer<String> lines, Limits limits) {
        SandboxUser user = place().user();
        Path runDir = newRunDir();
        List<String> denials = new CopyOnWriteArrayList<>();
        EgressProxy proxy = null;
        Broker broker = null;
        try {
            List<PathGrant> grants;
            try {
                grants = paths.resolve(granted);
            } catch (CapabilityDeniedException e) {
                audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, e.capability() + " (" + e.getMessage() + ")");
                throw e;
            }
            Optional<GrantCheck.Refusal> refused = GrantCheck.check(grants, user);
            if (refused.isPresent()) {
                PathGrant g = refused.get().grant();
                Capability c = new Capability(g.writable() ? Capability.Kind.WRITE : Capability.Kind.READ, g.path().toString());
                audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, c + " (" + refused.get().reason() + ")");
                throw new CapabilityDeniedException(c, refused.get().reason());
            }
            Files.writeString(runDir.resolve(program.fileName()), program.source());
            if (program.language() == Language.RUST) {
                Optional<RunResult> failed = compileRust(program, runDir, backend);
                if (failed.isPresent()) {
                    deleteTree(runDir);
                    return Started.finished(this, program, failed.get());
                }
            }
            Toolchains.Launch launch = toolchains.launch(program);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", "/usr/bin:/bin");
            env.put("HOME", policy.userHome().toString());
            env.put("LANG", "C.UTF-8");
            env.put("TMPDIR", "/tmp");
            env.putAll(launch.env());
            List<Path> binaries = new ArrayList<>(launch.binaries());
            List<String> hosts = new ArrayList<>();
            for (Capability c : granted) {
                switch (c.kind()) {
                    case ENV -> {
                        if (CONTROLLED_ENV.matcher(c.argument()).matches()) {
                            audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, c + " (set by the sandbox)");
                            throw new CapabilityDeniedException(c, c.argument() + " is set by the sandbox itself");
                        }
                        Optional.ofNullable(policy.hostEnv().get(c.argument())).ifPresent(v -> env.put(c.argument(), v));
                    }
                    case EXEC -> binaries.add(executable(program, c));
                    case NETWORK -> hosts.add(c.argument());
                    default -> { }
                }
            }
            if (!hosts.isEmpty()) {
                if (host().socat().isEmpty()) {
                    throw new SandboxUnavailableException("network grants need socat inside the sandbox", "apt-get install socat");
                }
                Path sock = socketPath(runDir, "proxy.sock", user);
                proxy = EgressProxy.start(sock, java.util.Set.copyOf(hosts), policy.hostOverrides(), (target, why) -> {
                    denials.add("network " + target + " (" + why + ")");
                    audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, "network " + target + " (" + why + ")");
                });
                user.handOver(proxy.socket());
            }
            if (Broker.wanted(granted)) {
                if (host().socat().isEmpty()) {
                    throw new SandboxUnavailableException("notify, clipboard and llm grants need socat inside the sandbox",
                            "apt-get install socat");
                }
                Path sock = socketPath(runDir, "broker.sock", user);
                broker = Broker.start(sock, program.name(), java.util.Set.copyOf(granted), brokerHost, (call, why) -> {
                    denials.add("broker " + call + " " + why);
                    audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, "broker " + call + " " + why);
                });
                user.handOver(broker.socket());
            }
            List<String> argv = new ArrayList<>(launch.argv());
            if (proxy != null && program.language() == Language.JAVA) {
                // the JDK ignores http_proxy; its own properties point HttpClient and URLConnection at the bridge
                String port = Integer.toString(LaunchPlan.PROXY_PORT);
                argv.addAll(1, List.of("-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port,
                        "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port,
                        "-Dhttp.nonProxyHosts=" + (broker != null ? "127.0.0.1|localhost" : "")));
            }
            LaunchPlan plan = new LaunchPlan(argv, runDir,
                    program.language() == Language.RUST ? List.of() : launch.readOnly(), binaries, true, Optional.empty(),
                    grants, env, Optional.ofNullable(proxy).map(EgressProxy::socket), limits,
                    launch.limitAddressSpace(), runDir, Optional.ofNullable(broker).map(Broker::socket));
            if (program.language() == Language.RUST) Files.copy(rustCache(program).resolve("program"), runDir.resolve("program"));
            Supervisor.Running running = Supervisor.start(backend, plan, lines);
            return new Started(this, program, running, plan, proxy, broker, denials, granted, backend.kind());
        } catch (IOException e) {
            closeQuietly(proxy);
            if (broker != null) broker.close();
            deleteTree(runDir);
            throw new UncheckedIOException("cannot prepare the sandbox run", e);
        } catch (RuntimeException e) {
            closeQuietly(proxy);
            if (broker != null) broker.close();
            deleteTree(runDir);
            throw e;
        }
    }

    /**
     * Records a finished run: audit, limit events, history of a kept program. {@code enforced} are refusals Clay
     * itself saw; {@code reported} were read from the program's own stderr, which it could have written at will, so
     * they are kept as {@link AuditEvent.Kind#REPORTED}, never as {@link AuditEvent.Kind#DENY}.
     */
    void finish(Program program, RunResult r, List<String> enforced, List<String> reported) {
        for (String d : enforced) audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, d);
        for (String d : reported) audit.record(program.name(), program.hash(), AuditEvent.Kind.REPORTED, d);
        if (r.outcome().limitHit()) audit.record(program.name(), program.hash(), AuditEvent.Kind.LIMIT, r.outcome().name());
        audit.record(program.name(), program.hash(), AuditEvent.Kind.RUN,
                r.outcome() + " exit " + r.exitCode() + " " + r.elapsed().toMillis() + " ms " + r.backend());
        programs.find(ProgramStore.slug(program.name())).filter(sp -> sp.hash().equals(program.hash())).ifPresent(sp ->
                programs.recordRun(sp.name(), new RunRecord(Instant.now(), program.hash(), r.outcome().name(), r.exitCode(),
                        r.elapsed().toMillis())));
    }

    private Optional<RunResult> compileRust(Program program, Path runDir, Backend backend) throws IOException {
        Path cache = rustCache(program);
        if (Files.isExecutable(cache.resolve("program"))) return Optional.empty();
        // the compiler runs as the sandbox user: its output directory is the run's, handed over to it
        Path out = Files.createDirectory(runDir.resolve("build"));
        place().user().handOver(out);
        try {
            Toolchains.Launch c = toolchains.rustCompile(program, out);
            Limits l = policy.limits().withWallTime(java.time.Duration.ofMinutes(3)).withCpuSeconds(120)
                    .withMemoryBytes(Math.max(policy.limits().memoryBytes(), 1L << 30)).withProcesses(256)
                    .withOutputBytes(1 << 20);
            LaunchPlan plan = new LaunchPlan(c.argv(), runDir, c.readOnly(), List.of(), false, Optional.of(out), List.of(),
                    c.env(), Optional.empty(), l, false, runDir);
            Supervisor.Exit exit = Supervisor.run(backend, plan);
            if (exit.outcome() != Outcome.SUCCEEDED) {
                return Optional.of(new RunResult(Outcome.FAILED, exit.exitCode(), "", "rustc failed:\n" + exit.stderr(),
                        exit.elapsed(), backend.kind(), List.of(), List.of()));
            }
            Path building = Files.createDirectories(state.resolve("rust").resolve(".build-" + program.hash() + "-" + System.nanoTime()));
            Files.copy(out.resolve("program"), building.resolve("program"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Files.move(building, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } finally {
            deleteTree(out);
        }
    }

    private Path rustCache(Program program) {
        return state.resolve("rust").resolve(program.hash());
    }

    /** {@code exec:NAME}: a plain program name found in {@code /usr/bin} or {@code /bin}; never a path. */
    private Path executable(Program program, Capability c) {
        String name = c.argument();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, c + " (not a program name)");
            throw new CapabilityDeniedException(c, "exec: takes a program name from /usr/bin, not a path ("
                    + name + ")");
        }
        Optional<Path> p = Stream.of("/usr/bin/", "/bin/").map(d -> Path.of(d + name)).filter(Files::isExecutable)
                .filter(Files::isRegularFile).findFirst();
        if (p.isEmpty()) {
            audit.record(program.name(), program.hash(), AuditEvent.Kind.DENY, c + " (no such program)");
            throw new CapabilityDeniedException(c, "no executable " + name + " in /usr/bin");
        }
        return p.get();
    }

    /** The first backend allowed for {@code trust} that works here. */
    public synchronized Backend backendFor(TrustLevel trust) {
        List<String> problems = new ArrayList<>();
        for (BackendKind k : policy.backends().get(trust)) {
            Backend b = backends.get(k);
            if (b != null) return b;
            try {
                b = switch (k) {
                    case BUBBLEWRAP -> new BubblewrapBackend(place().files(), place().user());
                    case GVISOR -> new GvisorBackend(place().files(), place().user());
                };
                backends.put(k, b);
                return b;
            } catch (SandboxUnavailableException e) {
                problems.add(e.getMessage());
            }
        }
        throw new SandboxUnavailableException("refusing to run " + trust.name().toLowerCase().replace('_', '-')
                + " code: no sandbox available (" + String.join("; ", problems) + ")",
                "install bubblewrap (and runsc for gVisor); Clay never runs such code unsandboxed");
    }

    private Path newRunDir() {
        try {
            Place p = place();
            Path d = Files.createTempDirectory(p.runs(), "r");
            if (p.user().dropped()) {
                p.user().shareReadOnly(d); // the sandbox user reads it through its group, never writes it
            } else {
                // readable by the sandbox user under gVisor, where it is not the owner; the parent stays 0700
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory", e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    static void closeQuietly(EgressProxy p) {
        if (p != null) p.close();
    }

    /** A unix socket path for the run, short enough for {@code sun_path}, in a directory the sandbox user can reach. */
    private static Path socketPath(Path runDir, String name, SandboxUser user) throws IOException {
        if (runDir.toString().length() < 90) return runDir.resolve(name);
        Path dir = Files.createTempDirectory("clay-sock");
        user.shareReadOnly(dir);
        return dir.resolve(name);
    }

    @Override
    public void close() {
        programs.close();
        audit.close();
        approvals.close();
        Place p;
        synchronized (this) {
            p = place;
        }
        if (p != null) p.staging().ifPresent(Sandbox::deleteTree);
    }

    /** Scans stderr for refused file accesses. */
    List<String> scan(String stderr, LaunchPlan plan) {
        return DenialScanner.scan(stderr, plan.grants(), policy.userHome());
    }
}
