package clay.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench boot}: starts the runtime as a fresh process N times (fresh home, port 0) and measures the time
 * from process start to the printed greeting, i.e. JVM start, config, stores, modules, API and greeting.
 */
@Command(name = "boot", description = "Time from process start to the boot greeting.")
public final class BootBench implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "5") int runs;

    @Option(names = "--config", paramLabel = "FILE", description = "A config file to boot with (e.g. one naming a model).")
    Path config;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) ms.add(once());
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("p50_ms", sorted[sorted.length / 2]);
        out.put("min_ms", sorted[0]);
        out.put("max_ms", sorted[sorted.length - 1]);
        out.put("all_ms", Arrays.stream(sorted).boxed().toList());
        if (json) System.out.println(new ObjectMapper().writeValueAsString(out));
        else System.out.printf("boot to greeting: p50 %.0f ms (min %.0f, max %.0f) over %d runs%n",
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], runs);
        return 0;
    }

    private double once() throws Exception {
        Path home = Files.createTempDirectory("clay-boot");
        List<String> cmd = new ArrayList<>(clay.cli.DaemonControl.command(new clay.core.ClayHome(home))); // exactly what clay runtime start runs
        cmd.addAll(List.of("--port", "0"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CLAY_HOME", home.toString());
        pb.environment().put("CLAY_CONFIG", config != null ? config.toAbsolutePath().toString() : home.resolve("none.toml").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("Good ")) return (System.nanoTime() - t0) / 1e6;
            }
            throw new IllegalStateException("the runtime exited without a greeting");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
