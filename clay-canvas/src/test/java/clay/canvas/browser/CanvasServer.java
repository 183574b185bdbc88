package clay.canvas.browser;

import clay.canvas.annotate.JsonAnnotationStore;
import clay.canvas.factory.DocumentSource;
import clay.canvas.factory.UiFactory;
import clay.canvas.hub.CanvasApi;
import clay.canvas.hub.CanvasConnection;
import clay.canvas.hub.CanvasSession;
import clay.canvas.hub.IntentSink;
import clay.canvas.hub.SurfaceHub;
import clay.canvas.spec.Specs;
import clay.canvas.web.CanvasWeb;
import clay.core.ClayException;
import clay.core.ClayHome;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tiny stand-in for the runtime's HTTP server: the canvas page and modules, html frames, the canvas API and its
 * WebSocket, on a free loopback port with a token. The runtime's CanvasModule wires the same pieces.
 */
final class CanvasServer implements AutoCloseable {
    final ClayHome home;
    final SurfaceHub hub;
    final CanvasApi api;
    final String token = UUID.randomUUID().toString().replace("-", "");
    private final Javalin app;
    private final Map<WsContext, CanvasConnection> sockets = new ConcurrentHashMap<>();

    CanvasServer(Path dir) {
        home = new ClayHome(dir).ensure();
        UiFactory factory = UiFactory.create(DocumentSource.files(), JsonAnnotationStore.open(home));
        hub = SurfaceHub.create(factory, JsonAnnotationStore.open(home), home.ephemeral().resolve("exports"));
        api = new CanvasApi(hub);
        hub.intents(new TestIntents());
        app = Javalin.create(cfg -> {
            cfg.routes.get("/", this::asset);
            cfg.routes.get("/app/{file}", this::asset);
            cfg.routes.get("/vendor/<path>", this::asset);
            cfg.routes.get("/api/canvas/frames/{key}", ctx -> {
                var html = hub.frame(ctx.pathParam("key"));
                if (html.isEmpty()) { ctx.status(404); return; }
                send(ctx, CanvasWeb.shared().frame(html.get()));
            });
            cfg.routes.get("/api/canvas/{session}", ctx -> { authorize(ctx); ctx.json(api.state(ctx.pathParam("session"))); });
            cfg.routes.post("/api/canvas/{session}/surfaces", ctx -> { authorize(ctx); ctx.json(api.show(ctx.pathParam("session"), Specs.json().readTree(ctx.body()))); });
            cfg.routes.post("/api/canvas/{session}/undo", ctx -> { authorize(ctx); ctx.json(api.undo(ctx.pathParam("session"))); });
            cfg.routes.post("/api/canvas/{session}/surfaces/{id}/{op}", ctx -> {
                authorize(ctx);
                String body = ctx.body();
                ctx.json(api.operate(ctx.pathParam("session"), ctx.pathParam("id"), ctx.pathParam("op"), Specs.json().readTree(body.isBlank() ? "{}" : body)));
            });
            cfg.routes.exception(ClayException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", Map.of("type", e.kind(), "message", e.getMessage()))));
            cfg.routes.ws("/api/canvas/ws", ws -> {
                ws.onConnect(ctx -> {
                    if (!token.equals(ctx.queryParam("token"))) { ctx.closeSession(4401, "token required"); return; }
                    CanvasConnection c = new CanvasConnection() {
                        public String id() { return ctx.sessionId(); }
                        public void send(String m) { ctx.send(m); }
                    };
                    sockets.put(ctx, c);
                    hub.connect(session(ctx), c);
                });
                ws.onMessage(ctx -> { CanvasConnection c = sockets.get(ctx); if (c != null) hub.receive(session(ctx), c, ctx.message()); });
                ws.onClose(ctx -> { CanvasConnection c = sockets.remove(ctx); if (c != null) hub.disconnect(session(ctx), c); });
            });
        }).start("127.0.0.1", 0);
    }

    static final String SALES = """
            {"title":"Sales by month","rows":[{"month":"Jan","amount":12},{"month":"Feb","amount":30},{"month":"Mar","amount":21},{"month":"Apr","amount":7}]}""";
    static final String WEATHER = """
            {"location":"Lisbon","days":[{"date":"2026-11-27","summary":"Rain","high":16,"low":11},{"date":"2026-11-28","summary":"Sun","high":18,"low":10}]}""";
    static final String CALENDAR = """
            {"events":[{"date":"2026-11-27","time":"09:00","title":"Standup"},{"date":"2026-11-28","time":"13:00","title":"Picnic"}]}""";

    /** Stands in for the runtime's intent pipeline: a few words pick a template. */
    private static final class TestIntents implements IntentSink {
        @Override
        public void utterance(CanvasSession s, String text) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            String intent = t.contains("sales") ? "results_table" : t.contains("weather") ? "show_weather" : t.contains("calendar") ? "show_calendar" : null;
            if (intent == null) { s.showError("Not understood", java.util.List.of("no test intent for: " + text)); return; }
            String json = intent.equals("results_table") ? SALES : intent.equals("show_weather") ? WEATHER : CALENDAR;
            try {
                s.show(s.factory().build(intent, Specs.json().readTree(json), text));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void action(CanvasSession s, String surfaceId, String intent, com.fasterxml.jackson.databind.JsonNode parameters) {
            s.show(s.factory().build("show_text", Specs.json().createObjectNode().put("title", "Action " + intent).put("text", parameters.toString()), intent));
        }
    }

    private static String session(WsContext ctx) {
        String s = ctx.queryParam("session");
        return s == null ? "main" : s;
    }

    private void authorize(Context ctx) {
        if (!("Bearer " + token).equals(ctx.header("Authorization"))) throw new io.javalin.http.UnauthorizedResponse();
    }

    private void asset(Context ctx) {
        CanvasWeb.shared().asset(ctx.path()).ifPresentOrElse(a -> send(ctx, a), () -> ctx.status(404));
    }

    private static void send(Context ctx, CanvasWeb.Asset a) {
        a.headers().forEach(ctx::header);
        ctx.contentType(a.contentType()).result(a.body());
    }

    int port() {
        return app.port();
    }

    String url(String session) {
        return "http://127.0.0.1:" + port() + "/?session=" + session + "#token=" + token;
    }

    @Override
    public void close() {
        app.stop();
    }
}
