package clay.runtime;

import clay.core.AtomicFiles;
import clay.core.ClayHome;
import clay.core.Token;
import clay.runtime.api.ApiServer;
import clay.runtime.config.ClayConfig;
import clay.runtime.skill.OfflineSkills;
import clay.runtime.skill.Skills;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Clay: boots in the seed's order - config, stores, modules, local model (in the background), API, user
 * profile, greeting - timing each step, and closes everything in reverse.
 *
 * <pre>{@code
 * try (ClayRuntime clay = ClayRuntime.create(s -> s.home(home).port(0))) {
 *     System.out.println(clay.greeting());
 * }
 * }</pre>
 */
public final class ClayRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClayRuntime.class);

    /**
     * How to boot. Defaults: home from the environment, config from its default path, port from config
     * ({@code runtime.port}), else this home's port of last time if it is still free, else a free one.
     */
    public static final class Settings {
        ClayHome home;
        ClayConfig config;
        Integer port;
        boolean api = true;
        boolean daemon;
        Clock clock = Clock.systemDefaultZone();
        List<RuntimeModule> extraModules = new ArrayList<>();

        public Settings home(ClayHome home) { this.home = home; return this; }

        public Settings config(ClayConfig config) { this.config = config; return this; }

        /** The API port; 0 picks a free one. */
        public Settings port(int port) { this.port = port; return this; }

        /** Whether to serve the HTTP API (the CLI's one-shot {@code clay ask} boots without it). */
        public Settings api(boolean api) { this.api = api; return this; }

        /** Whether this process is the user's daemon: it then records its port and pid in {@code runtime/runtime.json}. */
        public Settings daemon(boolean daemon) { this.daemon = daemon; return this; }

        public Settings clock(Clock clock) { this.clock = clock; return this; }

        public Settings module(RuntimeModule module) { this.extraModules.add(module); return this; }
    }

    /** The modules every runtime boots, in order. Add a module here with one line. */
    static List<RuntimeModule> modules() {
        List<RuntimeModule> modules = new ArrayList<>();
        modules.add(new clay.runtime.proxy.ProxyModule());
        modules.add(new clay.runtime.models.ModelsModule());
        modules.add(new clay.runtime.intent.IntentModule());
        modules.add(new clay.runtime.fs.FsModule());
        modules.add(new clay.runtime.sandbox.SandboxModule());
        modules.add(new clay.runtime.canvas.CanvasModule());
        modules.add(new clay.runtime.memory.MemoryModule());
        modules.add(new ActionsModule());
        return modules;
    }

    private final Context ctx;
    private final RuntimeLock lock;
    private final List<RuntimeModule> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<RuntimeModule> deferred = new ArrayList<>();
    private final BootTrace trace = new BootTrace();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Thread backgroundStarter;
    private ApiServer api;
    private clay.runtime.api.UnixSocketEndpoint cliSocket;
    private String greeting;
    private final long bootedAt = System.currentTimeMillis();
    private final Settings settings;

    private ClayRuntime(Settings s) {
        this.settings = s;
        ClayConfig config = s.config != null ? s.config : ClayConfig.load(ClayConfig.defaultPath(System.getenv()));
        trace.step("config", config.file().toString());
        ClayHome home = (s.home != null ? s.home : ClayHome.fromEnvironment()).ensure();
        this.lock = RuntimeLock.acquire(home);
        try {
            if (s.api) ApiPort.checkAskedPortFree(s.port, config.section("runtime").path("port"));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        this.ctx = new Context(home, config, s.clock);
        trace.step("stores", home.root().toString());
    }

    public static ClayRuntime create(Consumer<Settings> configure) {
        Settings s = new Settings();
        configure.accept(s);
        ClayRuntime rt = new ClayRuntime(s);
        try {
            rt.boot();
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
        return rt;
    }

    private void boot() {
        OfflineSkills.registerAll(ctx.skills, settings.clock);
        List<RuntimeModule> all = new ArrayList<>(modules());
        all.addAll(settings.extraModules);
        for (RuntimeModule m : all) {
            if (m.background()) {
                ctx.starting.put(m.name(), new CompletableFuture<>());
                started.add(m);
                deferred.add(m);
                trace.step(m.name(), "starts in the background after the greeting");
                continue;
            }
            try {
                m.start(ctx);
                started.add(m);
                ctx.starting.put(m.name(), CompletableFuture.completedFuture(null));
                trace.step(m.name(), "");
            } catch (Exception e) {
                if (!m.optional()) {
                    if (e instanceof RuntimeException re) throw re;
                    throw new clay.core.ClayException("module " + m.name() + " failed to start: " + e.getMessage(), null, e);
                }
                log.warn("module {} did not start: {}", m.name(), e.toString());
                trace.step(m.name(), "FAILED: " + e.getMessage());
            }
        }
        Optional<String> model = ctx.models.defaultName().filter(ctx.models::isLocal);
        model.ifPresent(ctx.models::preload);
        trace.step("local model", model.map(n -> n + " loading in background").orElse("none configured"));
        if (settings.api) {
            api = ApiPort.start(ctx.home, settings.port, ctx.config.section("runtime").path("port"),
                    p -> ApiServer.start(p, Token.loadOrCreate(ctx.home), Token.loadOrCreateClient(ctx.home), ctx, readiness(), this::health, this::requestStop));
            trace.step("api", "http://127.0.0.1:" + api.port());
            if (settings.daemon) {
                writeRuntimeFile();
                cliSocket = clay.runtime.api.UnixSocketEndpoint.open(ctx.home.socket(), api.port());
                trace.step("cli socket", cliSocket.path().toString());
            }
        }
        String name = ctx.config.section("user").path("name").asText("");
        trace.step("profile", name.isEmpty() ? "anonymous" : name);
        Optional<String> suggestion = ctx.service(Greeting.Suggestions.class).flatMap(Greeting.Suggestions::next);
        greeting = Greeting.compose(LocalTime.now(settings.clock), suggestion);
        trace.step("greeting", "");
        startDeferred();
    }

    /**
     * Starts the background modules one after another on one thread, once the greeting is ready: on a small machine
     * they would otherwise take the CPU the boot needs. Their endpoints and skills wait for them.
     */
    private void startDeferred() {
        if (deferred.isEmpty()) return;
        List<RuntimeModule> modules = List.copyOf(deferred);
        backgroundStarter = Thread.ofPlatform().name("start-background-modules").daemon().start(() -> {
            for (RuntimeModule m : modules) {
                CompletableFuture<Void> f = ctx.starting.get(m.name());
                if (closing.get()) {
                    f.completeExceptionally(new clay.core.ClayException("the runtime is stopping", null));
                    continue;
                }
                long t0 = System.nanoTime();
                try {
                    m.start(ctx);
                    log.info("module {} started in the background in {} ms", m.name(), (System.nanoTime() - t0) / 1_000_000);
                    f.complete(null);
                } catch (Throwable e) {
                    log.error("module {} failed to start", m.name(), e);
                    f.completeExceptionally(e);
                }
            }
        });
    }

    private Map<RuntimeModule, CompletableFuture<Void>> readiness() {
        Map<RuntimeModule, CompletableFuture<Void>> m = new LinkedHashMap<>();
        for (RuntimeModule module : started) m.put(module, ctx.starting.get(module.name()));
        return m;
    }

    /** Waits until every module that starts in the background has started (or failed). For tests and benchmarks. */
    public void awaitModules() {
        for (var e : ctx.starting.entrySet()) {
            try {
                e.getValue().join();
            } catch (java.util.concurrent.CompletionException ignored) {
                // reported by the module's endpoints and the log
            }
        }
    }

    private void writeRuntimeFile() {
        try {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("pid", ProcessHandle.current().pid());
            info.put("port", api.port());
            info.put("started", bootedAt);
            AtomicFiles.writeString(runtimeFile(ctx.home), ApiServer.JSON.writeValueAsString(info));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Throws, naming the fix, when the port {@code config} asks for ({@code runtime.port}) is taken; for the CLI to
     * answer in a blink before it starts a runtime that could not listen.
     */
    public static void checkConfiguredPortFree(ClayConfig config) {
        ApiPort.checkAskedPortFree(null, config.section("runtime").path("port"));
    }

    public static Path runtimeFile(ClayHome home) {
        return home.runtime().resolve("runtime.json");
    }

    public Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("version", version());
        m.put("pid", ProcessHandle.current().pid());
        m.put("uptime_ms", System.currentTimeMillis() - bootedAt);
        m.put("greeting", greeting);
        m.put("boot", trace.steps());
        m.put("models", ctx.models.names());
        m.put("starting", ctx.starting.entrySet().stream().filter(e -> !e.getValue().isDone()).map(Map.Entry::getKey).toList());
        return m;
    }

    public static String version() {
        String v = ClayRuntime.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    public RuntimeContext context() { return ctx; }

    public Assistant assistant() { return ctx.assistant; }

    public String greeting() { return greeting; }

    public BootTrace trace() { return trace; }

    /** The API's port, or -1 when the API is off. */
    public int port() { return api == null ? -1 : api.port(); }

    /** Asks {@link #awaitStop} to return (the API's {@code POST /api/shutdown}, a signal); the caller then closes. */
    public void requestStop() {
        stopped.countDown();
    }

    /** Waits until {@link #close} has finished, at most {@code millis}; true when it has. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Blocks until {@code POST /api/shutdown} or a signal asks this runtime to stop. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Closes everything once, in order, whoever calls and however often: the CLI socket and the API first (clients see
     * the runtime go at once), then the background start is let finish the module it is in (native code is never torn
     * down under a running start) and skips the rest, then modules in reverse, then models, then the home's lock.
     * Concurrent callers wait for the first one to finish.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stopped.countDown();
            closeQuietly("cli socket", cliSocket);
            closeQuietly("api", api);
            if (settings.daemon && api != null) {
                try {
                    Files.deleteIfExists(runtimeFile(ctx.home));
                } catch (IOException ignored) {
                    // best effort: a stale file is detected by its dead pid
                }
            }
            Thread starter = backgroundStarter;
            if (starter != null) {
                try {
                    starter.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (int i = started.size() - 1; i >= 0; i--) {
                RuntimeModule m = started.get(i);
                CompletableFuture<Void> f = ctx.starting.get(m.name());
                if (f != null && (!f.isDone() || f.isCompletedExceptionally())) continue; // never started: nothing to close
                closeQuietly(m.name(), m);
            }
            closeQuietly("models", ctx.models);
        } finally {
            lock.close();
            closed.countDown();
        }
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing {} failed: {}", what, e.toString());
        }
    }

    private final class Context implements RuntimeContext {
        final ClayHome home;
        final ClayConfig config;
        final Skills skills = new Skills();
        final Models models = new Models();
        final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
        final Map<String, CompletableFuture<Void>> starting = new ConcurrentHashMap<>();
        final Assistant assistant;

        Context(ClayHome home, ClayConfig config, Clock clock) {
            this.home = home;
            this.config = config;
            this.assistant = new Assistant(this);
            services.put(ApprovalDesk.class, new ApprovalDesk());
        }

        @Override public ClayHome home() { return home; }

        @Override public ClayConfig config() { return config; }

        @Override public <T> void provide(Class<T> type, T service) { services.put(type, type.cast(service)); }

        @Override public <T> Optional<T> service(Class<T> type) { return Optional.ofNullable(type.cast(services.get(type))); }

        @Override public Skills skills() { return skills; }

        @Override public Models models() { return models; }

        @Override public Assistant assistant() { return assistant; }

        @Override public void awaitModules() {
            for (String name : starting.keySet()) awaitModule(name);
        }

        @Override public void awaitModule(String name) {
            CompletableFuture<Void> f = starting.get(name);
            if (f != null) ApiRoutes.awaitReady(name, f);
        }
    }
}
