package clay.cli.bench;

import clay.canvas.bench.CanvasBench;
import clay.canvas.hub.SurfaceHub;
import clay.core.ClayHome;
import clay.core.Token;
import clay.runtime.ClayRuntime;
import clay.runtime.config.ClayConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clay bench canvas}: boots a runtime in this process (fresh home, free port, no model), opens its canvas in
 * headless Chromium, and reports intent-to-paint latency for a template surface and the page's memory with 50 surfaces.
 */
@Command(name = "canvas", description = "Time from a template intent to the painted surface; canvas memory with 50 surfaces.")
public final class CanvasBenchCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "30", description = "Timed surfaces (after 5 warm-up ones).") int runs;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("clay-bench-canvas");
        try (ClayRuntime rt = ClayRuntime.create(s -> s.home(new ClayHome(dir)).config(ClayConfig.empty()).port(0))) {
            SurfaceHub hub = rt.context().service(SurfaceHub.class).orElseThrow();
            String url = "http://127.0.0.1:" + rt.port() + "/?token=" + Token.loadOrCreate(new ClayHome(dir));
            CanvasBench.Result r = CanvasBench.run(hub, url, runs);
            if (json) System.out.println(new ObjectMapper().writeValueAsString(r.toMap()));
            else {
                System.out.printf("template intent to painted surface: p50 %.1f ms, p95 %.1f ms (min %.1f, max %.1f) over %d runs;"
                        + " in the browser, message to paint p50 %.1f ms%n", r.p50Ms(), r.p95Ms(), r.minMs(), r.maxMs(), r.runs(), r.browserP50Ms());
                System.out.printf("canvas JS heap: %.1f MiB empty, %.1f MiB with 50 surfaces (%d DOM nodes); %s%n",
                        r.heapEmptyBytes() / 1048576.0, r.heap50Bytes() / 1048576.0, r.nodes50(), r.browser());
            }
            return 0;
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
