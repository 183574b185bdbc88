package clay.runtime.fs;

import clay.core.InvalidInputException;
import clay.fs.ClayFs;
import clay.fs.FsOptions;
import clay.runtime.ApiRoutes;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import clay.fs.find.FindHit;
import clay.fs.find.FindResult;
import clay.runtime.skill.Reply;
import clay.runtime.skill.SkillRequest;
import io.javalin.http.Context;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Boots ClayFS: opens the store, rescans {@code persistent/} in the background, provides {@link ClayFs} to other
 * modules and answers the {@code find_files} intent, starts the watcher on {@code persistent/}, cleans expired ephemeral items every minute and applies retention daily. Settings, all
 * optional, in {@code [fs]}: {@code watch} (true), {@code coalesce_seconds} (5), {@code max_file_mb} (64),
 * {@code ephemeral_ttl_hours} (168), {@code tag_with_model} (a configured local model's name; default rules only).
 */
public final class FsModule implements RuntimeModule {
    /** Loads models and indexes: boot does not wait for it. */
    @Override
    public boolean background() {
        return true;
    }

    private static final Logger log = LoggerFactory.getLogger(FsModule.class);

    private ClayFs fs;
    private ScheduledExecutorService chores;

    @Override
    public String name() {
        return "fs";
    }

    /** The rest of Clay works without files: a broken store is reported, not fatal. */
    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public void start(RuntimeContext ctx) {
        ObjectNode cfg = ctx.config().section("fs");
        FsOptions opt = FsOptions.defaults()
                .withCoalesce(Duration.ofSeconds(cfg.path("coalesce_seconds").asLong(5)))
                .withMaxFileBytes(cfg.path("max_file_mb").asLong(64) << 20)
                .withEphemeralTtl(Duration.ofHours(cfg.path("ephemeral_ttl_hours").asLong(168)));
        String model = cfg.path("tag_with_model").asText("");
        if (!model.isBlank()) opt = opt.withTagger(ctx.models().get(model));
        fs = ClayFs.open(ctx.home(), opt.withRescanOnOpen(false));
        ctx.provide(ClayFs.class, fs);
        ctx.skills().register("find_files", this::findFiles);
        chores = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("clayfs-chores").daemon().unstarted(r));
        chores.execute(() -> safely("startup rescan", () -> {
            fs.rescan();
            return 0;
        }));
        if (cfg.path("watch").asBoolean(true)) fs.watch(Duration.ofMillis(500));
        chores.scheduleWithFixedDelay(() -> safely("expiry cleanup", fs::cleanupExpired), 1, 60, TimeUnit.SECONDS);
        chores.scheduleWithFixedDelay(() -> safely("retention", fs::prune), 10, 24 * 3600, TimeUnit.SECONDS);
    }

    /** The {@code find_files} intent: the utterance read by ClayFS's own query reader, answered with the top files. */
    private Reply findFiles(SkillRequest req) {
        FindResult r = fs.find(req.utterance().text(), 5);
        StringBuilder text = new StringBuilder();
        if (r.hits().isEmpty()) text.append("I found no matching files.");
        for (FindHit h : r.hits()) {
            text.append(h.rank()).append(". ").append(h.file().path()).append(" (").append(h.file().docType()).append(")\n");
        }
        Map<String, Object> data = Map.of("find", FsJson.JSON.convertValue(FsJson.find(r), Map.class));
        return new Reply(text.toString().strip(), List.of(), data, "NONE", "searched ClayFS on this machine");
    }

    private static void safely(String what, java.util.function.IntSupplier job) {
        try {
            int n = job.getAsInt();
            if (n > 0) log.info("fs {}: {} item(s)", what, n);
        } catch (RuntimeException e) {
            log.warn("fs {} failed: {}", what, e.toString());
        }
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/fs/status", c -> c.json(FsJson.JSON.createObjectNode().put("pending", fs.pending())
                .put("files", fs.files("").size()).put("chunks", fs.chunkCount())));
        api.get("/api/fs/files", c -> c.json(FsJson.files(fs.files(Optional.ofNullable(c.queryParam("prefix")).orElse("")))));
        api.post("/api/fs/add", c -> {
            JsonNode b = body(c);
            var added = fs.add(Path.of(text(b, "path")), b.path("target").asText(""), r -> {});
            c.json(FsJson.JSON.createObjectNode().<ObjectNode>set("files", FsJson.files(added)).put("pending", fs.pending()));
        });
        api.post("/api/fs/write", c -> {
            JsonNode b = body(c);
            c.json(FsJson.file(fs.write(text(b, "path"), b.path("content").asText(""))));
        });
        api.post("/api/fs/find", c -> {
            JsonNode b = body(c);
            c.json(FsJson.find(fs.find(text(b, "query"), b.path("limit").asInt(10))));
        });
        api.get("/api/fs/log", c -> c.json(FsJson.versions(fs.log(param(c, "path")))));
        api.get("/api/fs/diff", c -> {
            String path = param(c, "path");
            var log = fs.log(path);
            int to = intParam(c, "to", log.isEmpty() ? 0 : log.getLast().seq());
            int from = intParam(c, "from", Math.max(1, to - 1));
            var lines = FsJson.JSON.createArrayNode();
            fs.diff(path, from, to).forEach(lines::add);
            c.json(FsJson.JSON.createObjectNode().put("path", path).put("from", from).put("to", to).set("lines", lines));
        });
        api.post("/api/fs/restore", c -> {
            JsonNode b = body(c);
            c.json(FsJson.file(fs.restore(text(b, "path"), b.path("version").asInt())));
        });
        api.get("/api/fs/related", c -> c.json(FsJson.relations(fs.related(param(c, "path")))));
        api.get("/api/fs/graph", c -> {
            var g = fs.graph(Optional.ofNullable(c.queryParam("prefix")).orElse(""));
            if ("dot".equals(c.queryParam("format"))) c.json(FsJson.JSON.createObjectNode().put("dot", g.toDot()));
            else c.json(g.toJson());
        });
        api.post("/api/fs/keep", c -> {
            JsonNode b = body(c);
            c.json(FsJson.file(fs.keep(text(b, "path"), Optional.of(b.path("as").asText("")).filter(s -> !s.isBlank()))));
        });
        api.get("/api/fs/tags", c -> c.json(FsJson.tags(fs.tags(param(c, "path")))));
        api.post("/api/fs/tag", c -> {
            JsonNode b = body(c);
            Optional<String> type = b.hasNonNull("type") ? Optional.of(b.get("type").asText()) : Optional.empty();
            c.json(FsJson.tags(fs.tag(text(b, "path"), strings(b.path("add")), strings(b.path("remove")), type)));
        });
        api.post("/api/fs/opened", c -> {
            JsonNode b = body(c);
            fs.opened(text(b, "path"), b.hasNonNull("task") ? b.get("task").asText() : null);
            c.json(FsJson.JSON.createObjectNode().put("ok", true));
        });
        api.post("/api/fs/ephemeral", c -> {
            JsonNode b = body(c);
            Optional<Duration> ttl = b.hasNonNull("ttl_hours") ? Optional.of(Duration.ofMinutes((long) (b.get("ttl_hours").asDouble() * 60)))
                    : Optional.empty();
            Optional<String> from = b.hasNonNull("from") ? Optional.of(b.get("from").asText()) : Optional.empty();
            c.json(FsJson.file(fs.createEphemeral(text(b, "name"), b.path("content").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8), ttl, from)));
        });
    }

    private static JsonNode body(Context c) throws Exception {
        return FsJson.JSON.readTree(c.body().isBlank() ? "{}" : c.body());
    }

    private static String text(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new InvalidInputException("missing \"" + field + "\" in the request body", "send {\"" + field + "\": \"...\"}");
        }
        return v.asText();
    }

    private static String param(Context c, String name) {
        String v = c.queryParam(name);
        if (v == null || v.isBlank()) throw new InvalidInputException("missing query parameter " + name, "add ?" + name + "=...");
        return v;
    }

    private static int intParam(Context c, String name, int dflt) {
        String v = c.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + " must be a number, got " + v, "use a version number from `clay fs log`");
        }
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() {
        if (chores != null) chores.shutdownNow();
        if (fs != null) fs.close();
    }
}
