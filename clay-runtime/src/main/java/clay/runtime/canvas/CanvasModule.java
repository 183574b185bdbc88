package clay.runtime.canvas;

import clay.intelligence.intent.IntentCatalog;
import clay.intelligence.intent.SafetyClass;
import clay.canvas.annotate.JsonAnnotationStore;
import clay.canvas.factory.Document;
import clay.canvas.factory.DocumentSource;
import clay.canvas.factory.SurfaceDraft;
import clay.canvas.factory.UiFactory;
import clay.canvas.hub.CanvasApi;
import clay.canvas.hub.CanvasConnection;
import clay.canvas.hub.SurfaceHub;
import clay.canvas.spec.Specs;
import clay.canvas.web.CanvasWeb;
import clay.core.InvalidInputException;
import clay.fs.ClayFs;
import clay.runtime.ApiRoutes;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import clay.runtime.api.ApiSecurity;
import clay.runtime.skill.Reply;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Boots the canvas: the UI factory (templates; notes in a JSON store under ClayHome), the surface hub, the web app at
 * {@code /} and {@code /app/}, Lit at {@code /vendor/}, html frames at {@code /api/canvas/frames/KEY}, the WebSocket
 * at {@code /api/canvas/ws?session=NAME}, and the operations as {@code /api/canvas/...} routes ({@link CanvasApi}).
 * The socket's upgrade passes the same token, Host and Origin checks as every HTTP request (in {@code ApiServer}), so
 * only the user's own canvas connects; its actions are gated by {@link SurfaceActions}.
 *
 * <p>The token reaches the page safely: the first load is {@code /?token=TOKEN}; the runtime answers with an HttpOnly,
 * SameSite=Strict {@code clay_token} cookie and a redirect to {@code /}, so the token leaves the address bar and
 * history, scripts cannot read it, and the page's modules and socket authenticate with the cookie.
 */
public final class CanvasModule implements RuntimeModule {
    private SurfaceHub hub;
    private CanvasApi api;
    private final Map<WsContext, CanvasConnection> sockets = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "canvas";
    }

    /** The runtime (CLI, API, skills) still works without a canvas. */
    @Override
    public boolean optional() {
        return true;
    }

    @Override
    public void start(RuntimeContext ctx) {
        JsonAnnotationStore notes = JsonAnnotationStore.open(ctx.home());
        UiFactory templates = UiFactory.create(documents(ctx), notes);
        // novel requests go to the default model, loaded only when one is first needed
        UiFactory factory = ctx.models().defaultName().map(name -> templates.withModel(() -> ctx.models().get(name))).orElse(templates);
        hub = SurfaceHub.create(factory, notes, ctx.home().ephemeral().resolve("exports"));
        // a button runs at a click only for intents the catalog marks read-only; until the runtime's catalog (with the
        // user's additions) has loaded, the built-in one answers
        IntentCatalog builtin = IntentCatalog.builtin();
        SurfaceActions actions = new SurfaceActions(intent -> ctx.service(IntentCatalog.class).orElse(builtin)
                .find(intent)
                .map(d -> d.safety() == SafetyClass.READ_ONLY)
                .orElse(false));
        hub.intents(new AssistantIntents(ctx, actions));
        api = new CanvasApi(hub);
        ctx.provide(SurfaceHub.class, hub);
        ctx.provide(UiFactory.class, factory);
        ctx.skills().register("compare_documents", r -> surfaceReply("Comparing documents side by side.",
                factory.build("compare_documents", Specs.json().createObjectNode().set("paths", paths(r.intent().parameters(), ctx, 2)), r.utterance().text())));
        ctx.skills().register("show_data", r -> {
            ObjectNode p = Specs.json().createObjectNode().put("path", paths(r.intent().parameters(), ctx, 1).get(0).asText());
            Object chart = r.intent().parameters().get("chart");
            String text = r.utterance().text().toLowerCase(java.util.Locale.ROOT);
            if (chart != null) p.put("chart", chart.toString());
            else if (text.matches(".*\\b(chart|plot|graph|visuali[sz]e)\\b.*")) p.put("chart", text.contains("line") || text.contains("over time") ? "line" : "bar");
            return surfaceReply("Here is the data.", factory.build("show_data", p, r.utterance().text()));
        });
        ctx.skills().register("open_document", r -> surfaceReply("Opened.",
                factory.build("show_file", Specs.json().createObjectNode().put("path", paths(r.intent().parameters(), ctx, 1).get(0).asText()), r.utterance().text())));
    }

    /**
     * Documents from ClayFS when it holds the path (its versions, its text), else plain files in ClayFS's spaces or in
     * folders the user granted ({@code [canvas] documents}); never Clay's own state, token or config. ClayFS is looked
     * up on each read: it may still be starting in the background when the canvas starts.
     */
    static DocumentSource documents(RuntimeContext ctx) {
        DocumentSource files = DocumentSource.within(documentFolders(ctx), privateFolders(ctx));
        return path -> clayFs(ctx).flatMap(fs -> inFs(fs, path)
                        .map(r -> new Document(path, Path.of(path).getFileName().toString(), new String(fs.read(path), StandardCharsets.UTF_8))))
                .orElseGet(() -> files.read(path));
    }

    /** ClayFS's spaces and the folders granted in {@code [canvas] documents} (absolute, or {@code ~/...}). */
    static List<Path> documentFolders(RuntimeContext ctx) {
        List<Path> out = new java.util.ArrayList<>(List.of(ctx.home().persistent(), ctx.home().ephemeral()));
        JsonNode granted = ctx.config().get("canvas.documents").orElse(null);
        if (granted == null) return out;
        if (!granted.isArray()) throw new clay.core.ConfigException("canvas.documents must be a list of folders", "e.g. documents = [\"~/Documents\"]");
        for (JsonNode g : granted) {
            String dir = g.asText();
            if (dir.startsWith("~/")) dir = System.getProperty("user.home") + dir.substring(1);
            Path p = Path.of(dir);
            if (!p.isAbsolute() || p.normalize().getNameCount() == 0) {
                throw new clay.core.ConfigException("canvas.documents: '" + g.asText() + "' is not an absolute folder below /", "name folders like \"/home/me/Documents\" or \"~/Documents\"");
            }
            out.add(p);
        }
        return out;
    }

    /** What no grant opens: Clay's home outside the user's spaces (token, state, memory, programs) and the config file (API keys). */
    static List<Path> privateFolders(RuntimeContext ctx) {
        var home = ctx.home();
        List<Path> out = new java.util.ArrayList<>(List.of(home.runtime(), home.context(), home.generated(), home.cache(),
                home.models(), home.root().resolve("state")));
        if (ctx.config().file() != null) out.add(ctx.config().file());
        return out;
    }

    /** ClayFS, once its module has started (it starts in the background), looked up at use rather than at boot. */
    private static java.util.Optional<ClayFs> clayFs(RuntimeContext ctx) {
        try {
            ctx.awaitModule("fs");
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // ClayFS failed to start: plain files still work
        }
        return ctx.service(ClayFs.class);
    }

    private static java.util.Optional<clay.fs.FileRecord> inFs(ClayFs fs, String path) {
        try {
            return fs.file(path);
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // not a ClayFS path
        }
    }

    /** The files an intent names: a ClayFS path as it is, else a file under the user's persistent files, else as given. */
    static com.fasterxml.jackson.databind.node.ArrayNode paths(Map<String, Object> params, RuntimeContext ctx, int min) {
        var out = Specs.json().createArrayNode();
        Object names = params.get("file_names");
        if (names instanceof List<?> list) {
            for (Object n : list) {
                String name = n.toString();
                if (clayFs(ctx).flatMap(fs -> inFs(fs, name)).isPresent()) {
                    out.add(name);
                    continue;
                }
                Path p = Path.of(name);
                if (!p.isAbsolute()) p = Files.exists(ctx.home().persistent().resolve(p)) ? ctx.home().persistent().resolve(p) : p.toAbsolutePath();
                out.add(p.toString());
            }
        }
        if (out.size() < min) {
            throw new InvalidInputException("name " + (min == 1 ? "the file" : "at least " + min + " files") + " to show",
                    "Say the file names, e.g. \"compare bill-v1.txt, bill-v2.txt and bill-v3.txt\".");
        }
        return out;
    }

    private static Reply surfaceReply(String text, SurfaceDraft d) {
        return new Reply(text, List.of(d.spec()), Map.of(), "NONE", "canvas template");
    }

    @Override
    public void routes(ApiRoutes routes) {
        routes.get("/", this::page);
        routes.get("/index.html", this::page);
        routes.get("/app/{file}", this::asset);
        routes.get("/vendor/<path>", this::asset);
        routes.get("/api/canvas/frames/{key}", c -> {
            var html = hub.frame(c.pathParam("key"));
            if (html.isEmpty()) throw new InvalidInputException("no such frame", "Reload the canvas.");
            send(c, CanvasWeb.shared().frame(html.get()));
        });
        routes.get("/api/canvas/{session}", c -> c.json(api.state(c.pathParam("session"))));
        routes.post("/api/canvas/{session}/surfaces", c -> c.json(api.show(c.pathParam("session"), body(c))));
        routes.post("/api/canvas/{session}/undo", c -> c.json(api.undo(c.pathParam("session"))));
        routes.post("/api/canvas/{session}/surfaces/{id}/{op}", c -> c.json(api.operate(c.pathParam("session"), c.pathParam("id"), c.pathParam("op"), body(c))));
        routes.ws("/api/canvas/ws", ws -> {
            ws.onConnect(c -> {
                CanvasConnection conn = new CanvasConnection() {
                    @Override public String id() { return c.sessionId(); }
                    @Override public void send(String m) { c.send(m); }
                };
                sockets.put(c, conn);
                hub.connect(session(c), conn);
            });
            ws.onMessage(c -> {
                CanvasConnection conn = sockets.get(c);
                if (conn != null) hub.receive(session(c), conn, c.message());
            });
            ws.onClose(c -> {
                CanvasConnection conn = sockets.remove(c);
                if (conn != null) hub.disconnect(session(c), conn);
            });
        });
    }

    private void page(Context c) {
        String token = c.queryParam("token");
        if (token != null) {
            // the before-handler has checked the token; move it into a cookie scripts cannot read, and out of the URL
            c.header("Set-Cookie", ApiSecurity.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            StringBuilder q = new StringBuilder();
            c.queryParamMap().forEach((k, vs) -> {
                if (k.equals("token") || !k.matches("[a-z]{1,16}")) return;
                for (String v : vs) if (v.matches("[A-Za-z0-9_-]{0,64}")) q.append(q.isEmpty() ? "?" : "&").append(k).append(v.isEmpty() ? "" : "=" + v);
            });
            c.redirect("/" + q);
            return;
        }
        asset(c);
    }

    private void asset(Context c) {
        CanvasWeb.shared().asset(c.path()).ifPresentOrElse(a -> send(c, a), () -> {
            throw new InvalidInputException("no canvas file " + c.path(), "Reload the canvas.");
        });
    }

    private static void send(Context c, CanvasWeb.Asset a) {
        a.headers().forEach(c::header);
        c.contentType(a.contentType()).result(a.body());
    }

    private static JsonNode body(Context c) throws Exception {
        return Specs.json().readTree(c.body().isBlank() ? "{}" : c.body());
    }

    private static String session(WsContext c) {
        String s = c.queryParam("session");
        return s == null ? "main" : s;
    }

    /** For tests and benchmarks in the runtime: the live hub. */
    public SurfaceHub hub() {
        return hub;
    }

    @Override
    public void close() {
        if (hub != null) hub.close();
    }
}
