package clay.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import clay.cli.ApiClient;
import clay.cli.Main;
import clay.core.ClayHome;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime is stopped the way the world stops it - SIGTERM or SIGKILL at a random moment of its boot, of its work, or
 * of its own shutdown - again and again on the same home. Afterwards: no JVM crash report, no exception in the log, no
 * process left behind, and every fact the runtime acknowledged is still there. Seeded: rerun a failure with
 * {@code -Dclay.seed=N}.
 */
class KillAtRandomTest {
    private static final int ITERATIONS = Integer.getInteger("clay.kill.iterations", 50);

    @Test
    void killsAtRandomPointsLoseNothingAcknowledgedAndNeverCrash(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("clay.seed", System.nanoTime());
        Random rnd = new Random(seed);
        String why = "seed " + seed + " (rerun with -Dclay.seed=" + seed + ")";
        ClayHome home = new ClayHome(dir.resolve("home"));
        Path config = dir.resolve("config.toml");
        Files.writeString(config, "");
        Path log = dir.resolve("runtime.log");
        List<String> acknowledged = new ArrayList<>();

        for (int i = 0; i < ITERATIONS; i++) {
            Process p = start(home, config, log);
            boolean term = rnd.nextBoolean();
            int moment = rnd.nextInt(3);
            if (moment == 0) {
                Thread.sleep(rnd.nextInt(2500)); // somewhere in the boot
            } else {
                ApiClient c = awaitReady(home, p, why);
                String fact = "fact " + i + " of run " + seed;
                JsonNode r = c.post("/api/memory/remember", Map.of("text", fact));
                if (r.path("fact").path("text").asText().contains(fact)) acknowledged.add(fact);
                if (moment == 2) {
                    c.post("/api/shutdown", "{}"); // and then a signal during the runtime's own shutdown
                    Thread.sleep(rnd.nextInt(400));
                } else {
                    Thread.sleep(rnd.nextInt(300));
                }
            }
            List<ProcessHandle> children = p.descendants().toList();
            if (term) p.destroy();
            else p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("runtime exits after SIG%s, iteration %d, %s", term ? "TERM" : "KILL", i, why).isTrue();
            for (ProcessHandle child : children) {
                assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).as("orphan %s, %s", child.pid(), why).isFalse();
            }
            if (term) assertThat(p.exitValue()).as("exit after SIGTERM, iteration %d, %s", i, why).isIn(0, 143);
        }

        Process p = start(home, config, log);
        try {
            ApiClient c = awaitReady(home, p, why);
            String facts = c.get("/api/memory/facts").toString();
            for (String fact : acknowledged) assertThat(facts).as("acknowledged before a kill, %s", why).contains(fact);
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
        try (var files = Files.list(home.runtime())) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("hs_err"))).as(why).isEmpty();
        }
        System.out.printf("KillAtRandomTest: %d kills, %d acknowledged facts all kept, seed %d%n", ITERATIONS, acknowledged.size(), seed);
        String text = Files.readString(log);
        assertThat(text).as("the runtime log, %s", why).doesNotContain("Exception").doesNotContain(" ERROR ").doesNotContain("SIGSEGV");
    }

    private static Process start(ClayHome home, Path config, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:ErrorFile=" + home.runtime().resolve("hs_err_%p.log"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "runtime", "run"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("CLAY_HOME", home.root().toString());
        pb.environment().put("CLAY_CONFIG", config.toString());
        pb.environment().remove("XDG_RUNTIME_DIR");
        return pb.start();
    }

    private static ApiClient awaitReady(ClayHome home, Process p, String why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Optional<ApiClient> c = ApiClient.running(home);
            if (c.isPresent()) return c.get();
            assertThat(p.isAlive()).as("the runtime died while booting, %s", why).isTrue();
            Thread.sleep(25);
        }
        throw new AssertionError("the runtime did not come up in 90 s, " + why);
    }
}
