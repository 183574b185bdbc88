package clay.runtime.api;

import clay.core.ClayException;
import clay.core.InvalidInputException;
import clay.core.Source;
import clay.core.Utterance;
import clay.runtime.ApiRoutes;
import clay.runtime.ApprovalDesk;
import clay.runtime.Assistant;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback API. Binds 127.0.0.1 only; every request and WebSocket upgrade passes {@link ApiSecurity}; errors become JSON bodies via
 * {@link ErrorBodies}. Core endpoints: {@code GET /api/health}, {@code POST /api/ask} (JSON, or SSE with
 * {@code "stream": true}), {@code GET /api/models}, {@code GET /api/intents}, {@code GET /api/boot},
 * {@code POST /api/shutdown}, and the OpenAI-compatible {@code /v1/chat/completions} and {@code /v1/models}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    public static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Javalin app;
    private final ApiSecurity security;

    private ApiServer(Javalin app, ApiSecurity security) {
        this.app = app;
        this.security = security;
    }

    /** Starts the API on 127.0.0.1:{@code port} (0 picks a free port). */
    public static ApiServer start(int port, String userToken, String clientToken, RuntimeContext ctx,
            Map<RuntimeModule, java.util.concurrent.CompletableFuture<Void>> modules, Supplier<Map<String, Object>> health, Runnable shutdown) {
        ApiSecurity security = new ApiSecurity(userToken, clientToken);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jsonMapper(new JavalinJackson(JSON, true));
            cfg.routes.before(c -> {
                Optional<ApiSecurity.Refusal> refusal = security.check(c);
                if (refusal.isPresent()) {
                    ApiSecurity.Refusal r = refusal.get();
                    c.status(r.status()).json(ErrorBodies.body(r.type(), r.message(), null));
                    c.skipRemainingHandlers();
                }
            });
            // WebSocket upgrades do not pass the before-handlers: refuse them here, before the protocol switches
            cfg.routes.wsBeforeUpgrade(c -> {
                Optional<ApiSecurity.Refusal> refusal = security.check(c);
                if (refusal.isPresent()) {
                    ApiSecurity.Refusal r = refusal.get();
                    log.info("refused a WebSocket upgrade of {}: {}", c.path(), r.type());
                    throw new io.javalin.http.HttpResponseException(r.status().getCode(), r.message());
                }
            });
            cfg.routes.exception(ClayException.class, (e, c) -> c.status(ErrorBodies.status(e)).json(ErrorBodies.body(e)));
            cfg.routes.exception(com.fasterxml.jackson.core.JacksonException.class, (e, c) -> c.status(HttpStatus.BAD_REQUEST)
                    .json(ErrorBodies.body("invalid_input", "the request body is not valid JSON: " + e.getOriginalMessage(), null)));
            cfg.routes.exception(Exception.class, (e, c) -> {
                log.error("request {} {} failed", c.method(), c.path(), e);
                c.status(HttpStatus.INTERNAL_SERVER_ERROR).json(ErrorBodies.body("internal_error",
                        "Clay hit an internal error (" + e.getClass().getSimpleName() + "); details are in the runtime log", null));
            });
            cfg.routes.error(404, c -> {
                if (c.res().getContentType() == null || !c.res().getContentType().startsWith("application/json")) {
                    c.json(ErrorBodies.body("not_found", "no endpoint " + c.method() + " " + c.path(), null));
                }
            });
            // open so the CLI and service managers can probe it; without the user's token it says only "up" and the version
            cfg.routes.get("/api/health", c -> c.json(security.isUser(c) ? health.get()
                    : Map.of("status", "ok", "version", clay.runtime.ClayRuntime.version())));
            cfg.routes.post("/api/shutdown", c -> {
                c.json(Map.of("status", "stopping"));
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(200); // let this response reach the client before the server stops
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    shutdown.run();
                });
            });
            cfg.routes.post("/api/ask", c -> ask(c, ctx));
            // /api/intents and /api/intents/parse come from clay.runtime.intent.IntentModule
            cfg.routes.get("/api/models", c -> c.json(models(ctx)));
            ApprovalDesk desk = ctx.service(ApprovalDesk.class).orElseThrow();
            cfg.routes.get("/api/approvals", c -> c.json(Map.of("pending", desk.pending())));
            cfg.routes.post("/api/approvals/{id}", c -> {
                desk.answer(c.pathParam("id"), JSON.readTree(c.body().isBlank() ? "{}" : c.body()));
                c.json(Map.of("id", c.pathParam("id"), "answered", true));
            });
            OpenAiEndpoint.register(cfg.routes, ctx);
            modules.forEach((m, ready) -> m.routes(new ApiRoutes(cfg.routes, m.name(), ready)));
        });
        app.start("127.0.0.1", port);
        security.port(app.port());
        log.info("API listening on http://127.0.0.1:{}", app.port());
        return new ApiServer(app, security);
    }

    public int port() {
        return app.port();
    }

    static Utterance utterance(JsonNode body) {
        JsonNode text = body.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new InvalidInputException("the request needs a non-empty \"text\" field", "send {\"text\": \"what time is it\"}");
        }
        Source source = body.has("source") ? Source.fromWire(body.get("source").asText()) : Source.TEXT;
        return new Utterance(text.asText(), source, Instant.now());
    }

    private static void ask(Context c, RuntimeContext ctx) throws Exception {
        JsonNode body = JSON.readTree(c.body().isBlank() ? "{}" : c.body());
        Utterance u = utterance(body);
        Assistant.Options options = new Assistant.Options(
                Optional.ofNullable(body.get("model")).filter(JsonNode::isTextual).map(JsonNode::asText),
                body.path("explain").asBoolean(false), body.path("no_cache").asBoolean(false));
        boolean stream = body.path("stream").asBoolean(false)
                || Optional.ofNullable(c.header("Accept")).orElse("").contains("text/event-stream");
        if (!stream) {
            c.json(replyJson(ctx.assistant().ask(u, options, t -> {}, () -> false)));
            return;
        }
        SseWriter sse = new SseWriter(c, JSON);
        try {
            Reply reply = ctx.assistant().ask(u, options, t -> sse.event("token", Map.of("text", t)), sse::closed);
            sse.event("reply", replyJson(reply));
        } catch (ClayException e) {
            sse.event("error", ErrorBodies.body(e).get("error"));
        }
    }

    public static Map<String, Object> replyJson(Reply r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", r.text());
        m.put("route", r.route());
        m.put("reason", r.reason());
        m.put("surfaces", r.surfaces());
        m.put("data", r.data());
        return m;
    }

    static Map<String, Object> models(RuntimeContext ctx) {
        List<Map<String, Object>> list = ctx.models().names().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n);
            m.put("local", ctx.models().isLocal(n));
            m.put("loaded", ctx.models().ready(n));
            m.put("default", ctx.models().defaultName().map(n::equals).orElse(false));
            return m;
        }).toList();
        return Map.of("models", list);
    }

    @Override
    public void close() {
        app.stop();
    }
}
