package clay.runtime.intent;

import clay.core.ClayHome;
import clay.core.Intent;
import clay.core.InvalidInputException;
import clay.core.Source;
import clay.core.Utterance;
import clay.intelligence.intent.IntentCatalog;
import clay.intelligence.intent.IntentKind;
import clay.intelligence.intent.IntentParser;
import clay.intelligence.intent.IntentSchema;
import clay.intelligence.intent.TextEncoder;
import clay.intelligence.model.ModelProvider;
import clay.intelligence.route.Availability;
import clay.intelligence.route.DecisionLog;
import clay.intelligence.route.Difficulty;
import clay.intelligence.route.RouteDecision;
import clay.intelligence.route.RoutePolicy;
import clay.intelligence.route.RouteRequest;
import clay.intelligence.route.Router;
import clay.intelligence.time.TimeExpressions;
import clay.memory.context.ContextManager;
import clay.runtime.ApiRoutes;
import clay.runtime.IntentReader;
import clay.runtime.Models;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * Provides the {@link IntentParser} (as the runtime's {@link IntentReader}), the {@link IntentCatalog} (built-in plus
 * {@code $CLAY_HOME/intents.json}), the {@link Router} with its decision log and the {@link ContextManager}; serves
 * {@code GET /api/intents} (the catalog), {@code POST /api/intents/parse} ({@code {"text":..,"source":..}} -> intent
 * and route decision) and {@code GET /api/intents/decisions}. Config section {@code [intent]}: {@code zone},
 * {@code encoder}; section {@code [route]}: {@code cloud} (allow/ask/never), {@code monthly_budget_usd}.
 */
public final class IntentModule implements RuntimeModule {
    /** Loads models and indexes: boot does not wait for it. */
    @Override
    public boolean background() {
        return true;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private IntentCatalog catalog;
    private IntentParser parser;
    private Router router;
    private ContextManager context;
    private RuntimeContext ctx;
    private Thread fit;
    private volatile boolean closed;

    @Override
    public String name() {
        return "intent";
    }

    @Override
    public void start(RuntimeContext ctx) {
        this.ctx = ctx;
        ClayHome home = ctx.home();
        ObjectNode cfg = ctx.config().section("intent");
        ZoneId zone = cfg.hasNonNull("zone") ? ZoneId.of(cfg.get("zone").asText()) : ZoneId.systemDefault();
        catalog = IntentCatalog.builtin().loadFile(home.root().resolve("intents.json"));
        TimeExpressions time = new TimeExpressions(Clock.systemUTC(), zone);
        parser = new IntentParser(catalog, TextEncoder.named(cfg.path("encoder").asText("minilm")), time, this::readyModel)
                .storeFitsIn(home.cache().resolve("intent"));
        ObjectNode route = ctx.config().section("route");
        RoutePolicy policy = new RoutePolicy(RoutePolicy.CloudUse.fromWire(route.path("cloud").asText("allow")),
                route.path("monthly_budget_usd").asDouble(0), 0, route.path("local_window_share").asDouble(0.75));
        router = new Router(policy, new DecisionLog(500, Optional.of(home.state("intelligence").resolve("decisions.jsonl"))),
                Clock.systemUTC());
        context = ContextManager.open(home, new ContextManager.Settings(Clock.systemUTC(), zone, Locale.getDefault(),
                Optional.ofNullable(cfg.path("location").asText(null)), home.root().resolve("calendars"), () -> ctx.models().names()));
        ctx.provide(IntentCatalog.class, catalog);
        ctx.provide(IntentParser.class, parser);
        ctx.provide(IntentReader.class, parser::parse);
        ctx.provide(Router.class, router);
        ctx.provide(ContextManager.class, context);
        ctx.provide(IntentModule.class, this);
        // first parse need not wait; a platform thread: the fit is CPU and native work, which would pin a virtual thread's carrier
        fit = Thread.ofPlatform().name("intent-classifier-fit").daemon().start(this::fitInBackground);
    }

    /** The default model if it is already loaded: the slow path never waits for a model to load. */
    private Optional<ModelProvider> readyModel() {
        Models m = ctx.models();
        return m.defaultName().filter(m::ready).map(m::get);
    }

    /** Decides the route of a parsed intent with what is configured now. */
    public RouteDecision route(Intent intent, String text) {
        return route(intent, text, 0);
    }

    /** Decides the route knowing how many tokens of context the request carries (long context may go to the cloud). */
    public RouteDecision route(Intent intent, String text, int contextTokens) {
        IntentKind kind = catalog.find(intent.name()).map(d -> d.kind()).orElse(IntentKind.REASONING);
        RouteRequest req = new RouteRequest(intent.name(), kind, Difficulty.estimate(text, kind), contextTokens,
                kind == IntentKind.PERSONAL, kind == IntentKind.PERSONAL ? "personal data" : "");
        Models m = ctx.models();
        Optional<String> local = m.names().stream().filter(m::isLocal).findFirst();
        Optional<String> cloud = m.names().stream().filter(n -> !m.isLocal(n)).findFirst();
        int window = local.filter(m::ready).map(n -> m.get(n).contextWindow()).orElse(local.isPresent() ? 4096 : 0);
        return router.decide(req, new Availability(local, window, cloud, cloud.isPresent()));
    }

    /**
     * Logs the router's decision for an answered request with its outcome and returns it as a map for the reply's
     * {@code data.route_log} (what {@code clay ask --explain} prints).
     */
    public java.util.Map<String, Object> explain(Intent intent, String text, String answeredRoute, String reason, double latencyMs) {
        RouteDecision d = route(intent, text);
        String outcome = "answered via " + answeredRoute + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
        return router.log().complete(d.id(), outcome, latencyMs).orElse(d).toMap();
    }

    @Override
    public void routes(ApiRoutes api) {
        api.get("/api/intents", c -> c.json(catalog.toJson()));
        api.post("/api/intents/parse", c -> {
            JsonNode body;
            try {
                body = JSON.readTree(c.body());
            } catch (Exception e) {
                throw new InvalidInputException("request body is not JSON", "send {\"text\":\"what time is it\"}");
            }
            String text = body == null ? "" : body.path("text").asText("");
            if (text.isBlank()) throw new InvalidInputException("no text to parse", "send {\"text\":\"what time is it\"}");
            Source source = Source.fromWire(body.path("source").asText("text"));
            Intent intent = parser.parse(new Utterance(text, source, java.time.Instant.now()));
            ObjectNode out = JSON.createObjectNode();
            out.set("intent", IntentSchema.shared().toJson(intent));
            out.set("route", JSON.valueToTree(route(intent, text).toMap()));
            c.json(out);
        });
        api.get("/api/intents/decisions", c -> c.json(router.log().recent(50).stream().map(RouteDecision::toMap).toList()));
    }

    private void fitInBackground() {
        try {
            parser.classifier();
        } catch (RuntimeException e) {
            if (closed) org.slf4j.LoggerFactory.getLogger(IntentModule.class).debug("intent fit stopped with the runtime: {}", e.toString());
            else org.slf4j.LoggerFactory.getLogger(IntentModule.class).warn("fitting the intent classifier failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (context != null) context.close();
    }
}
