package clay.canvas.bench;

import clay.canvas.factory.SurfaceDraft;
import clay.canvas.hub.CanvasSession;
import clay.canvas.hub.SurfaceHub;
import clay.canvas.spec.Specs;
import clay.core.ClayException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code clay bench canvas}: opens the canvas served at {@code url} in headless Chromium (its own process, no driver)
 * and measures (1) the time from a template intent to the surface painted in the browser - factory, validation,
 * broadcast, WebSocket, Lit render, two animation frames, and the page's report back, so an upper bound - and (2) the
 * page's JavaScript heap and DOM size with 50 surfaces. The page reports through the socket when opened with
 * {@code ?bench}.
 *
 * <pre>{@code
 * CanvasBench.Result r = CanvasBench.run(hub, "http://127.0.0.1:7433/?token=...", 30);
 * }</pre>
 */
public final class CanvasBench {
    /** What was measured; times in milliseconds, memory in bytes. */
    public record Result(int runs, double p50Ms, double p95Ms, double minMs, double maxMs, List<Double> allMs,
            double browserP50Ms, long heapEmptyBytes, long heap50Bytes, long nodes50, String browser) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("runs", runs);
            m.put("intent_to_paint_p50_ms", p50Ms);
            m.put("intent_to_paint_p95_ms", p95Ms);
            m.put("intent_to_paint_min_ms", minMs);
            m.put("intent_to_paint_max_ms", maxMs);
            m.put("intent_to_paint_all_ms", allMs);
            m.put("browser_message_to_paint_p50_ms", browserP50Ms);
            m.put("js_heap_empty_bytes", heapEmptyBytes);
            m.put("js_heap_50_surfaces_bytes", heap50Bytes);
            m.put("dom_nodes_50_surfaces", nodes50);
            m.put("browser", browser);
            return m;
        }
    }

    private static final String SESSION = "bench";

    private CanvasBench() {}

    /** {@code pageUrl} is the canvas address with any token query ({@code http://127.0.0.1:PORT/?token=T}). */
    public static Result run(SurfaceHub hub, String pageUrl, int runs) throws Exception {
        String chromium = System.getenv().getOrDefault("CLAY_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new ClayException("the canvas benchmark needs Chromium at " + chromium, "apt-get install chromium, or set CLAY_CHROMIUM.");
        }
        BlockingQueue<JsonNode> reports = new LinkedBlockingQueue<>();
        Consumer<JsonNode> listener = reports::add;
        hub.onReport(listener);
        CanvasSession s = hub.session(SESSION);
        Path profile = Files.createTempDirectory("clay-bench-chromium");
        String url = pageUrl + (pageUrl.contains("?") ? "&" : "?") + "session=" + SESSION + "&bench";
        Process browser = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions", "--enable-precise-memory-info",
                "--user-data-dir=" + profile, "--window-size=1280,720", url)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (s.connectionCount() == 0) {
                if (System.nanoTime() > deadline || !browser.isAlive()) throw new ClayException("Chromium did not open the canvas at " + pageUrl, "Check that the runtime serves the canvas.");
                Thread.sleep(20);
            }
            for (var x : List.copyOf(s.surfaces())) s.dismiss(x.id());
            ObjectNode rows = rows();
            List<Double> renderMs = new ArrayList<>();
            for (int i = 0; i < 5; i++) timeOne(hub, s, rows, reports, renderMs); // warm up the JIT and the page
            renderMs.clear();
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < runs; i++) ms.add(timeOne(hub, s, rows, reports, renderMs));
            for (var x : List.copyOf(s.surfaces())) s.dismiss(x.id());
            JsonNode empty = metricsAfter(s, reports);
            for (int i = 0; i < 50; i++) s.show(fifty(hub, i));
            JsonNode full = metricsAfter(s, reports);
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Result(runs, sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)],
                    sorted[0], sorted[sorted.length - 1], Arrays.stream(sorted).boxed().toList(),
                    renderMs.stream().mapToDouble(Double::doubleValue).sorted().toArray()[renderMs.size() / 2], empty.path("heap").asLong(-1),
                    full.path("heap").asLong(-1), full.path("nodes").asLong(-1), version(chromium));
        } finally {
            hub.removeReportListener(listener);
            browser.destroy();
            if (!browser.waitFor(5, TimeUnit.SECONDS)) browser.destroyForcibly();
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            deleteTree(profile);
        }
    }

    private static double timeOne(SurfaceHub hub, CanvasSession s, ObjectNode rows, BlockingQueue<JsonNode> reports, List<Double> renderMs) throws InterruptedException {
        reports.clear();
        long t0 = System.nanoTime();
        String id = s.show(hub.factory().build("results_table", rows, "show the results"));
        while (true) {
            JsonNode r = reports.poll(10, TimeUnit.SECONDS);
            if (r == null) throw new ClayException("the canvas did not report painting surface " + id, "Open the canvas with ?bench and check the browser console.");
            if (r.path("type").asText().equals("painted") && r.path("surfaces").toString().contains("\"" + id + "\"")) {
                double ms = (System.nanoTime() - t0) / 1e6;
                renderMs.add(r.path("renderMs").asDouble());
                s.dismiss(id);
                Thread.sleep(350); // let the dismiss animation finish before the next surface
                return ms;
            }
        }
    }

    private static JsonNode metricsAfter(CanvasSession s, BlockingQueue<JsonNode> reports) throws InterruptedException {
        long version = s.version();
        while (true) {
            JsonNode r = reports.poll(20, TimeUnit.SECONDS);
            if (r == null) throw new ClayException("the canvas reported no memory metrics", "Chromium must run with --enable-precise-memory-info.");
            if (r.path("type").asText().equals("metrics") && r.path("version").asLong() >= version) return r;
        }
    }

    private static ObjectNode rows() {
        ObjectNode p = Specs.json().createObjectNode().put("title", "Results");
        ArrayNode rows = p.putArray("rows");
        for (int i = 0; i < 20; i++) rows.addObject().put("name", "item " + i).put("count", (i * 37) % 101).put("share", i / 20.0);
        return p;
    }

    /** A mix of surfaces like a busy day: tables, charts, notes, weather, calendars. */
    private static SurfaceDraft fifty(SurfaceHub hub, int i) {
        return switch (i % 4) {
            case 0 -> hub.factory().build("results_table", rows(), "results");
            case 1 -> hub.factory().build("chart_data", rows().put("title", "Chart " + i), "chart");
            case 2 -> hub.factory().build("show_text", Specs.json().createObjectNode().put("title", "Note " + i).put("text", "# Note " + i + "\n\nSome **markdown** with a [link](https://example.org) and a list:\n\n- one\n- two"), "note");
            default -> hub.factory().build("show_calendar", calendar(), "calendar");
        };
    }

    private static ObjectNode calendar() {
        ObjectNode p = Specs.json().createObjectNode();
        ArrayNode ev = p.putArray("events");
        for (int i = 0; i < 6; i++) ev.addObject().put("date", "2026-11-2" + i).put("time", "1" + i + ":00").put("title", "Meeting " + i);
        return p;
    }

    private static String version(String chromium) {
        try {
            Process p = new ProcessBuilder(chromium, "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes()).lines().filter(l -> l.contains("Chromium")).findFirst().orElse("chromium").strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return v;
        } catch (IOException | InterruptedException e) {
            return "chromium";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
