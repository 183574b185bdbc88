package clay.runtime.proxy;

import clay.core.InvalidInputException;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.proxy.Approvals;
import clay.intelligence.proxy.CloudProxy;
import clay.intelligence.proxy.DataClass;
import clay.intelligence.proxy.Decision;
import clay.intelligence.proxy.ProxyPolicy;
import clay.intelligence.proxy.Redaction;
import clay.runtime.ApiRoutes;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import clay.runtime.api.ApiServer;
import clay.runtime.api.SseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Opens the cloud proxy and installs it as the runtime's cloud gate, so any cloud model — asked for by a skill, the
 * assistant or the OpenAI-compatible endpoint — is proxied. A request the user denies is answered by the default
 * local model. Must start before the models module (it is first in the module list).
 */
public final class ProxyModule implements RuntimeModule {
    private CloudProxy proxy;
    private final List<BlockingQueue<Approvals.Pending>> watchers = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public void start(RuntimeContext ctx) {
        boolean modelRedaction = ctx.config().section("proxy").path("model_redaction").asBoolean(false);
        proxy = CloudProxy.open(ctx.home(), CloudProxy.Options.defaults().withModelRedaction(modelRedaction));
        proxy.localModel(() -> localModel(ctx));
        ctx.models().cloudGate(proxy::wrap);
        ctx.provide(CloudProxy.class, proxy);
        ctx.service(clay.runtime.ApprovalDesk.class).orElseThrow().add(new clay.runtime.ApprovalDesk.Source() {
            @Override public String kind() { return "cloud"; }

            @Override public java.util.List<Map<String, Object>> pending() {
                return proxy.approvals().pending().stream()
                        .map(p -> ApiServer.JSON.<Map<String, Object>>convertValue(p, new com.fasterxml.jackson.core.type.TypeReference<>() {}))
                        .toList();
            }

            @Override public boolean answer(String id, JsonNode b) {
                if (proxy.approvals().pending().stream().noneMatch(p -> p.id().equals(id))) return false;
                boolean approve = b.has("approve") ? b.get("approve").asBoolean()
                        : java.util.Set.of("once", "always", "yes", "approve").contains(b.path("decision").asText(""));
                return proxy.approvals().answer(id, approve);
            }
        });
        proxy.approvals().onPending(p -> watchers.forEach(q -> q.add(p)));
    }

    private static Optional<ModelProvider> localModel(RuntimeContext ctx) {
        return ctx.models().defaultName().filter(ctx.models()::isLocal).map(ctx.models()::get)
                .or(() -> ctx.models().names().stream().filter(ctx.models()::isLocal).findFirst().map(ctx.models()::get));
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/proxy/log", c -> c.json(Map.of("entries", proxy.audit().list(intParam(c, "limit", 100)))));
        api.get("/api/proxy/log/export", c -> c.json(proxy.audit().list(Integer.MAX_VALUE)));
        api.delete("/api/proxy/log", c -> c.json(Map.of("wiped", proxy.audit().wipe())));
        api.get("/api/proxy/policy", c -> c.json(proxy.policy().toJson(ApiServer.JSON)));
        api.put("/api/proxy/policy", c -> {
            proxy.policy(ProxyPolicy.fromJson(body(c)));
            c.json(proxy.policy().toJson(ApiServer.JSON));
        });
        api.post("/api/proxy/policy", c -> {
            proxy.policy(change(proxy.policy(), body(c)));
            c.json(proxy.policy().toJson(ApiServer.JSON));
        });
        api.post("/api/proxy/preview", c -> {
            String text = body(c).path("text").asText("");
            if (text.isBlank()) throw new InvalidInputException("'text' is required", "send {\"text\": \"...\"}");
            Redaction r = proxy.preview(text);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("outgoing", r.text());
            Map<String, Integer> counts = new LinkedHashMap<>();
            r.counts().forEach((k, v) -> counts.put(k.wireName(), v));
            m.put("redacted", counts);
            c.json(m);
        });
        api.delete("/api/proxy/cache", c -> {
            long[] before = proxy.cache().stats();
            proxy.cache().clear();
            c.json(Map.of("cleared", before[0]));
        });
        api.get("/api/proxy/approvals", c -> c.json(Map.of("pending", proxy.approvals().pending())));
        api.post("/api/proxy/approvals/{id}", c -> {
            JsonNode b = body(c);
            if (!b.has("approve")) throw new InvalidInputException("'approve' is required", "send {\"approve\": true} or false");
            boolean done = proxy.approvals().answer(c.pathParam("id"), b.get("approve").asBoolean());
            if (!done) {
                throw new InvalidInputException("no request " + c.pathParam("id") + " is waiting (answered or timed out)",
                        "GET /api/proxy/approvals lists the waiting ones");
            }
            c.json(Map.of("id", c.pathParam("id"), "approved", b.get("approve").asBoolean()));
        });
        api.get("/api/approvals/events", this::events);
    }

    /** Server-sent events: every request that starts waiting for approval, as it happens, until the client leaves. */
    private void events(Context c) throws InterruptedException {
        SseWriter sse = new SseWriter(c, ApiServer.JSON);
        BlockingQueue<Approvals.Pending> queue = new LinkedBlockingQueue<>();
        watchers.add(queue);
        try {
            for (Approvals.Pending p : proxy.approvals().pending()) sse.event("approval", p);
            while (!sse.closed()) {
                Approvals.Pending p = queue.poll(15, TimeUnit.SECONDS);
                if (p != null) sse.event("approval", p);
                else sse.event("ping", Map.of());
            }
        } finally {
            watchers.remove(queue);
        }
    }

    /** Applies {"default": d} / {"intent": name, "decision": d} / {"class": c, "decision": d} / allow / deny / timeout. */
    static ProxyPolicy change(ProxyPolicy p, JsonNode b) {
        if (b.has("default")) p = p.withDefault(Decision.fromWire(b.get("default").asText()));
        if (b.has("intent")) p = p.withIntent(b.get("intent").asText(), decisionOrClear(b));
        if (b.has("class")) p = p.withClass(DataClass.fromWire(b.get("class").asText()), decisionOrClear(b));
        if (b.has("allow")) {
            Set<String> s = new LinkedHashSet<>(p.allow());
            s.add(b.get("allow").asText());
            p = p.withAllow(s);
        }
        if (b.has("unallow")) {
            Set<String> s = new LinkedHashSet<>(p.allow());
            s.remove(b.get("unallow").asText());
            p = p.withAllow(s);
        }
        if (b.has("deny")) {
            Map<String, DataClass> d = new LinkedHashMap<>(p.deny());
            d.put(b.get("deny").asText(), b.has("as") ? DataClass.fromWire(b.get("as").asText()) : DataClass.PRIVATE);
            p = p.withDeny(d);
        }
        if (b.has("undeny")) {
            Map<String, DataClass> d = new LinkedHashMap<>(p.deny());
            d.remove(b.get("undeny").asText());
            p = p.withDeny(d);
        }
        if (b.has("ask_timeout_seconds")) p = p.withAskTimeout(Duration.ofSeconds(b.get("ask_timeout_seconds").asLong()));
        return p;
    }

    private static Decision decisionOrClear(JsonNode b) {
        String d = b.path("decision").asText("");
        if (d.isEmpty()) throw new InvalidInputException("'decision' is required", "send send, send_redacted, ask, never or clear");
        return d.equals("clear") ? null : Decision.fromWire(d);
    }

    private static JsonNode body(Context c) throws Exception {
        return ApiServer.JSON.readTree(c.body().isBlank() ? "{}" : c.body());
    }

    private static int intParam(Context c, String name, int dflt) {
        String v = c.queryParam(name);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + name + "' must be a number, was '" + v + "'", null);
        }
    }

    @Override
    public void close() {
        if (proxy != null) proxy.close();
    }
}
