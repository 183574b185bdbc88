package clay.runtime.memory;

import clay.core.Intent;
import clay.core.InvalidInputException;
import clay.core.Utterance;
import clay.memory.Memory;
import clay.memory.Retention;
import clay.memory.episodic.Episode;
import clay.memory.episodic.EpisodicMemory;
import clay.memory.episodic.Interaction;
import clay.memory.facts.SemanticMemory;
import clay.memory.patterns.Suggestion;
import clay.memory.recall.Recall;
import clay.runtime.ApiRoutes;
import clay.runtime.Assistant;
import clay.runtime.Greeting;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import clay.runtime.api.ApiServer;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the user's memory at boot and wires it in: every answered utterance is recorded (except "forget" requests,
 * which must leave no trace), the greeting offers what to continue, and the {@code remember}, {@code recall} and
 * {@code forget} intents are answered from memory.
 */
public final class MemoryModule implements RuntimeModule {
    private Memory memory;
    private Forgetting forgetting;
    private java.util.concurrent.ExecutorService recorder;

    @Override
    public String name() {
        return "memory";
    }

    private RuntimeContext runtime;

    private Optional<RuntimeContext> ctx() {
        return Optional.ofNullable(runtime);
    }

    @Override
    public void start(RuntimeContext ctx) {
        runtime = ctx;
        Memory.Options options = Memory.Options.defaults();
        if (ctx.config().section("memory").path("extract_facts").asBoolean(false)) {
            options = options.withExtractor(new LocalModel(ctx));
            // extraction asks the local model, which takes a while: record off the request's thread
            recorder = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
        }
        memory = Memory.open(ctx.home(), options);
        forgetting = new Forgetting(ctx, memory);
        ctx.provide(Memory.class, memory);
        ctx.provide(Assistant.Listener.class, this::record);
        ctx.provide(Greeting.Suggestions.class, () -> {
            Suggestion s = memory.patterns().greeting();
            return s.subject().isEmpty() ? Optional.empty() : Optional.of("Continue " + s.subject() + "?");
        });
        ctx.skills().register("remember", req -> remember(req.utterance(), req.intent()));
        ctx.skills().register("recall", req -> recall(req.utterance()));
        ctx.skills().register("forget", (clay.runtime.skill.DestructiveSkill) req -> plan(req.utterance(), req.intent()));
    }

    /**
     * Records what was done. Nothing is recorded for forget requests (they must leave no trace), for sentences Clay
     * did not act on (a refused, unsure or unconfirmed reading), or for what only read something and showed no file or
     * surface (the time, a recall question, the no-model answer): asking leaves memory as it was.
     */
    void record(Utterance u, Intent intent, Reply reply) {
        if (intent.name().equals("forget")) return;
        if (Boolean.FALSE.equals(reply.data().get("acted")) && reply.surfaces().isEmpty() && !reply.data().containsKey("files")) return;
        if (reply.route().equals("NONE") && !Boolean.TRUE.equals(reply.data().get("acted")) && reply.surfaces().isEmpty()
                && !(reply.data().get("files") instanceof List<?> l && !l.isEmpty())) return;
        if (recorder != null) {
            recorder.execute(() -> {
                try {
                    store(u, intent, reply);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(MemoryModule.class).warn("recording failed: {}", e.toString());
                }
            });
        } else {
            store(u, intent, reply);
        }
    }

    private void store(Utterance u, Intent intent, Reply reply) {
        List<String> surfaces = new ArrayList<>();
        for (JsonNode s : reply.surfaces()) surfaces.add(s.path("id").asText(s.path("type").asText("surface")));
        List<String> files = new ArrayList<>();
        Object f = reply.data().get("files");
        if (f instanceof List<?> l) l.forEach(x -> files.add(String.valueOf(x)));
        memory.record(new Interaction(u.at(), u.text(), intent.name(), reply.route(), reply.text(), surfaces, files,
                subject(intent)));
    }

    /** What the request was about, from the intent's parameters ("the HB302 letter"). */
    static String subject(Intent intent) {
        for (String key : List.of("title", "document", "subject", "topic", "name", "file", "query")) {
            Object v = intent.parameters().get(key);
            if (v instanceof String s && !s.isBlank()) {
                String t = s.strip();
                return t.matches("(?i)(the|my|a|an) .*") ? t : "the " + t;
            }
        }
        return "";
    }

    private Reply remember(Utterance u, Intent intent) {
        Object fact = intent.parameters().get("fact");
        SemanticMemory.Remembered r = memory.remember(fact instanceof String s && !s.isBlank() ? s : u.text());
        String text = switch (r.outcome()) {
            case ADDED -> "I'll remember that: " + r.fact().text() + ".";
            case UNCHANGED -> "I already knew that: " + r.fact().text() + ".";
            case UPDATED -> "Updated: " + r.fact().text() + " (before: " + r.fact().history().getLast().text() + ").";
        };
        return new Reply(text, List.of(), Map.of("fact", memory.facts().toJson(r.fact())), "NONE", "answered from memory");
    }

    private Reply recall(Utterance u) {
        Recall.Answer a = memory.recall().answer(u.text());
        return new Reply(a.text(), List.of(), Map.of("sources", a.sources()), "NONE", "answered from memory");
    }

    /** What a "forget ..." sentence would remove: by time range, topic, the last exchange, or everything. */
    private clay.runtime.skill.DestructiveSkill.Preview plan(Utterance u, Intent intent) {
        String text = u.text().toLowerCase(java.util.Locale.ROOT);
        Forgetting.Plan plan;
        String command;
        if (intent.parameters().get("time_range") instanceof Map<?, ?> range && range.get("start") != null) {
            String label = range.get("expression") == null ? "from that time" : "from " + range.get("expression");
            plan = forgetting.between(java.time.OffsetDateTime.parse(String.valueOf(range.get("start"))).toInstant(),
                    java.time.OffsetDateTime.parse(String.valueOf(range.get("end"))).toInstant(), label);
            command = "clay memory forget --day " + java.time.OffsetDateTime.parse(String.valueOf(range.get("start")))
                    .atZoneSameInstant(memory.zone()).toLocalDate();
        } else if (topic(intent, text).isPresent()) {
            String topic = topic(intent, text).get();
            plan = forgetting.about(topic);
            command = "clay memory forget --about '" + topic.replace("'", "") + "'";
        } else if (text.matches(".*\\b(everything|all)\\b.*")) {
            plan = forgetting.everything();
            command = "clay memory forget --everything";
        } else if (text.matches(".*\\b(that|this)( conversation)?\\b.*")) {
            List<Episode> last = memory.episodes().recent(1);
            plan = last.isEmpty() ? forgetting.about("\u0000none")
                    : forgetting.episode(last.get(0).id(), "from our last exchange");
            command = last.isEmpty() ? "clay memory show" : "clay memory forget --episode " + last.get(0).id();
        } else {
            throw new InvalidInputException("say what to forget", "e.g. \"forget my locker code\", or clay memory forget --about TOPIC");
        }
        Forgetting.Plan chosen = plan;
        return new clay.runtime.skill.DestructiveSkill.Preview(plan.what(), plan.count(), plan.items(), command, () -> {
            int n = forgetting.carryOut(chosen);
            return Reply.offline("Forgotten: " + n + " item" + (n == 1 ? " " : "s ") + chosen.what().replaceFirst("^memories ", "") + ".", "memory");
        });
    }

    private static final java.util.regex.Pattern FORGET_LEAD = java.util.regex.Pattern.compile(
            "^(please\\s+)?(can you\\s+|could you\\s+)?(forget|delete|remove|erase|wipe|clear|drop|scrub|purge)\\s+"
                    + "(everything\\s+|all\\s+|what\\s+i\\s+(told|said to)\\s+you\\s+|the\\s+notes?\\s+|my\\s+memories\\s+|memories\\s+)?"
                    + "(about\\s+|of\\s+|on\\s+|regarding\\s+)?(my\\s+|the\\s+)?");

    /** The topic: the parser's, else the words after "forget ..." ("forget my locker code" -> "locker code"). */
    static Optional<String> topic(Intent intent, String text) {
        if (intent.parameters().get("topic") instanceof String t && Memory.namesSomething(t)) return Optional.of(t.strip());
        var m = FORGET_LEAD.matcher(text.strip());
        if (!m.lookingAt()) return Optional.empty();
        String rest = text.strip().substring(m.end()).replaceAll("[.!?]+$", "").strip();
        return rest.matches("(that|this|it)( conversation)?") || !Memory.namesSomething(rest) ? Optional.empty() : Optional.of(rest);
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/memory/episodes", c -> {
            int limit = intParam(c, "limit", 50);
            List<Episode> list = c.queryParam("from") != null
                    ? memory.episodes().between(Instant.parse(c.queryParam("from")),
                            Optional.ofNullable(c.queryParam("to")).map(Instant::parse).orElse(Instant.now().plusSeconds(1)))
                    : memory.episodes().recent(limit);
            c.json(Map.of("episodes", list.stream().map(this::episode).toList()));
        });
        api.get("/api/memory/facts", c -> c.json(Map.of("facts", memory.facts().all().stream().map(memory.facts()::toJson).toList())));
        api.get("/api/memory/search", c -> {
            String q = required(c.queryParam("q"), "q");
            int limit = intParam(c, "limit", 10);
            List<Map<String, Object>> hits = new ArrayList<>();
            for (SemanticMemory.Hit h : memory.facts().search(q, limit)) {
                if (h.score() >= 0.25) hits.add(Map.of("kind", "fact", "score", h.score(), "fact", memory.facts().toJson(h.fact())));
            }
            for (EpisodicMemory.Hit h : memory.episodes().search(q, Optional.empty(), Optional.empty(), limit)) {
                if (h.score() >= 0.25) hits.add(Map.of("kind", "episode", "score", h.score(), "episode", episode(h.episode())));
            }
            hits.sort((a, b) -> Double.compare((double) b.get("score"), (double) a.get("score")));
            c.json(Map.of("hits", hits.size() > limit ? hits.subList(0, limit) : hits));
        });
        api.get("/api/memory/recall", c -> {
            var r = memory.recall().recall(required(c.queryParam("q"), "q"), intParam(c, "budget", 400));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("items", r.items());
            m.put("tokens", r.tokens());
            r.window().ifPresent(w -> m.put("window", w.toParameter()));
            c.json(m);
        });
        api.post("/api/memory/answer", c -> c.json(memory.recall().answer(required(body(c).path("question").asText(null), "question"))));
        api.post("/api/memory/remember", c -> c.json(memory.remember(required(body(c).path("text").asText(null), "text"))));
        api.post("/api/memory/forget", c -> c.json(Map.of("forgotten", forget(body(c)))));
        api.get("/api/memory/export", c -> c.json(memory.export()));
        api.get("/api/memory/retention", c -> c.json(retentionJson()));
        api.put("/api/memory/retention", c -> {
            JsonNode b = body(c);
            Retention cur = memory.retention();
            memory.retention(new Retention(b.has("episodes") ? Retention.parse(b.get("episodes").asText()) : cur.episodes(),
                    b.has("facts") ? Retention.parse(b.get("facts").asText()) : cur.facts()));
            c.json(retentionJson());
        });
        api.get("/api/memory/suggestions", c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("greeting", memory.patterns().greeting());
            List<Episode> last = memory.episodes().recent(1);
            m.put("next", last.isEmpty() ? List.of() : memory.patterns().after(last.get(0).interaction().intent()));
            c.json(m);
        });
    }

    /** An explicit forget (the CLI's {@code clay memory forget}, Settings): memory, turns, history and cache. */
    private int forget(JsonNode b) {
        if (b.has("episode")) return forgetting.carryOut(forgetting.episode(b.get("episode").asLong(), "of that episode"));
        if (b.has("fact")) {
            int n = memory.forgetFact(b.get("fact").asLong());
            ctx().ifPresent(c -> c.service(clay.intelligence.proxy.CloudProxy.class).ifPresent(p -> p.cache().clear()));
            return n;
        }
        if (b.has("about")) return forgetting.carryOut(forgetting.about(b.get("about").asText()));
        if (b.has("day") || b.path("today").asBoolean(false)) {
            LocalDate day;
            try {
                day = b.has("day") ? LocalDate.parse(b.get("day").asText()) : LocalDate.now(memory.zone());
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidInputException("'day' must be a date like 2026-11-27", "send {\"day\":\"2026-11-27\"}");
            }
            Instant[] range = memory.day(day);
            return forgetting.carryOut(forgetting.between(range[0], range[1], "of " + day));
        }
        if (b.path("everything").asBoolean(false)) return forgetting.carryOut(forgetting.everything());
        throw new InvalidInputException("say what to forget",
                "send one of {\"episode\":ID}, {\"fact\":ID}, {\"about\":\"topic\"}, {\"day\":\"2026-11-27\"}, {\"today\":true}, {\"everything\":true}");
    }

    private Map<String, Object> retentionJson() {
        Retention r = memory.retention();
        return Map.of("episodes", Retention.format(r.episodes()), "facts", Retention.format(r.facts()));
    }

    private Map<String, Object> episode(Episode e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.putAll(ApiServer.JSON.convertValue(memory.episodes().toJson(e.interaction()), Map.class));
        return m;
    }

    private static JsonNode body(Context c) throws Exception {
        return ApiServer.JSON.readTree(c.body().isBlank() ? "{}" : c.body());
    }

    private static String required(String v, String name) {
        if (v == null || v.isBlank()) throw new InvalidInputException("'" + name + "' is required", "pass " + name + "=...");
        return v;
    }

    private static int intParam(Context c, String name, int dflt) {
        String v = c.queryParam(name);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + name + "' must be a number, was '" + v + "'", null);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (recorder != null) {
            recorder.shutdown();
            recorder.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (memory != null) memory.close();
    }
}
