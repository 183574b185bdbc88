package clay.cli.runtime;

import clay.cli.ApiClient;
import clay.cli.DaemonControl;
import clay.cli.Signals;
import clay.core.ClayHome;
import clay.runtime.ClayRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts, stops and inspects the Clay runtime daemon. */
@Command(name = "runtime", description = "Start, stop or inspect the Clay runtime (the background daemon).",
        subcommands = {RuntimeCommand.Start.class, RuntimeCommand.Stop.class, RuntimeCommand.Status.class, RuntimeCommand.ClientToken.class,
                RuntimeCommand.Run.class})
public final class RuntimeCommand {

    @Command(name = "start", description = "Start the runtime in the background if it is not running.")
    static final class Start implements Callable<Integer> {
        @Option(names = "--trace-boot", description = "Show each boot step with its duration.")
        boolean trace;

        @Override
        public Integer call() {
            ClayHome home = ClayHome.fromEnvironment();
            Optional<ApiClient> running = ApiClient.running(home);
            ApiClient c = running.orElseGet(() -> DaemonControl.start(home));
            if (running.isPresent()) System.out.println("The runtime is already running at " + c.base());
            JsonNode health = c.get("/api/health");
            if (trace) {
                double total = 0;
                for (JsonNode s : health.path("boot")) {
                    System.out.printf("  %-14s %8.1f ms  %s%n", s.path("name").asText(), s.path("millis").asDouble(), s.path("note").asText());
                    total += s.path("millis").asDouble();
                }
                System.out.printf("  %-14s %8.1f ms%n", "total", total);
            }
            System.out.println(health.path("greeting").asText());
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop the runtime.")
    static final class Stop implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            ClayHome home = ClayHome.fromEnvironment();
            Optional<ApiClient> c = ApiClient.running(home);
            if (c.isEmpty()) {
                System.out.println("The runtime is not running.");
                return 0;
            }
            long pid = c.get().get("/api/health").path("pid").asLong();
            c.get().post("/api/shutdown", "{}");
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            if (p.isPresent()) {
                try {
                    // the runtime closes in order, waiting for a module still starting; SIGTERM asks the same
                    p.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    p.get().destroyForcibly();
                }
            }
            System.out.println("The runtime has stopped.");
            return 0;
        }
    }

    @Command(name = "status", description = "Say whether the runtime runs, where, and with which models.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            ClayHome home = ClayHome.fromEnvironment();
            Optional<ApiClient> c = ApiClient.running(home);
            if (c.isEmpty()) {
                System.out.println("The runtime is not running. Start it with: clay runtime start");
                return 3;
            }
            JsonNode h = c.get().get("/api/health");
            System.out.println("running   " + c.get().base() + " (pid " + h.path("pid").asText() + ", up "
                    + h.path("uptime_ms").asLong() / 1000 + " s, version " + h.path("version").asText() + ")");
            System.out.println("home      " + home.root());
            System.out.println("models    " + (h.path("models").isEmpty() ? "none configured" : h.path("models").toString()));
            return 0;
        }
    }

    @Command(name = "client-token", description = "Print the token other programs use as their API key for Clay's OpenAI-compatible "
            + "/v1 endpoints (chat only: it cannot approve, change policy, read the audit log or export memory).")
    static final class ClientToken implements Callable<Integer> {
        @Override
        public Integer call() {
            ClayHome home = ClayHome.fromEnvironment();
            System.out.println(clay.core.Token.loadOrCreateClient(home));
            System.err.println("(stored in " + clay.core.Token.clientFile(home) + "; use it as the API key with base URL http://127.0.0.1:PORT/v1)");
            return 0;
        }
    }

    @Command(name = "run", hidden = true, description = "Run the runtime in the foreground (what start launches).")
    static final class Run implements Callable<Integer> {
        @Option(names = "--port", description = "Port to listen on (default: config runtime.port, else this home's port of last time or any free one).")
        Integer port;

        @Option(names = "--log", description = "Write the log to this file, rotated at 10 MB (three old ones kept); default: standard error.")
        java.nio.file.Path log;

        @Option(names = "--exit-after-boot", hidden = true,
                description = "Boot, wait for every module, then exit (the launcher uses it to prepare the class-data archive).")
        boolean exitAfterBoot;

        @Override
        public Integer call() throws Exception {
            if (log != null) clay.runtime.RotatingLog.redirectStandardStreams(log, clay.runtime.RotatingLog.MAX_BYTES, clay.runtime.RotatingLog.KEEP);
            Signals.onStop(() -> { }); // a signal during boot: finish booting, then stop in order (below)
            try (ClayRuntime rt = ClayRuntime.create(s -> {
                s.daemon(!exitAfterBoot);
                if (port != null) s.port(port);
            })) {
                Signals.onStop(rt::requestStop);
                if (exitAfterBoot) {
                    rt.awaitModules();
                    return 0;
                }
                System.out.println(rt.trace().render());
                System.out.println(rt.greeting());
                rt.awaitStop();
            }
            return 0;
        }
    }
}
