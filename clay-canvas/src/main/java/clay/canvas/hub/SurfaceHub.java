package clay.canvas.hub;

import clay.canvas.annotate.AnnotatedSpecs;
import clay.canvas.annotate.AnnotationStore;
import clay.canvas.annotate.FileKey;
import clay.canvas.export.ComparisonExport;
import clay.canvas.factory.SurfaceDraft;
import clay.canvas.factory.UiFactory;
import clay.canvas.spec.Specs;
import clay.core.ClayException;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The server side of the canvas: sessions of surfaces, the messages canvases send, and the notes and exports of
 * comparisons. Transport-agnostic: a WebSocket adapter calls {@link #connect}, {@link #receive} and
 * {@link #disconnect}; HTTP routes call the {@link CanvasSession} operations directly.
 *
 * <pre>{@code
 * SurfaceHub hub = SurfaceHub.create(factory, notes, home.ephemeral().resolve("exports"));
 * hub.session("main").show(factory.build(intent));
 * }</pre>
 */
public final class SurfaceHub implements AutoCloseable {
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final UiFactory factory;
    private final AnnotationStore notes;
    private final Path exports;
    private final Map<String, CanvasSession> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> reports = new CopyOnWriteArrayList<>();
    private volatile IntentSink intents = IntentSink.NONE;

    private SurfaceHub(UiFactory factory, AnnotationStore notes, Path exports) {
        this.factory = factory;
        this.notes = notes;
        this.exports = exports;
    }

    public static SurfaceHub create(UiFactory factory, AnnotationStore notes, Path exportDir) {
        return new SurfaceHub(factory, notes, exportDir);
    }

    public UiFactory factory() {
        return factory;
    }

    /** Where typed lines and actions go (the runtime's intent pipeline). */
    public void intents(IntentSink sink) {
        this.intents = sink;
    }

    /** Receives what canvases report about themselves ({@code painted}, {@code metrics}); used by the benchmark. */
    public void onReport(Consumer<JsonNode> listener) {
        reports.add(listener);
    }

    public void removeReportListener(Consumer<JsonNode> listener) {
        reports.remove(listener);
    }

    public CanvasSession session(String name) {
        if (!SESSION.matcher(name).matches()) throw new InvalidInputException("bad canvas session name '" + name + "'", "Use letters, digits, - and _.");
        return sessions.computeIfAbsent(name, n -> new CanvasSession(n, factory));
    }

    /** The html of a sandboxed frame by its key, from whichever session holds it. */
    public Optional<String> frame(String key) {
        for (CanvasSession s : sessions.values()) {
            Optional<String> html = s.frameHtml(key);
            if (html.isPresent()) return html;
        }
        return Optional.empty();
    }

    public void connect(String session, CanvasConnection c) {
        session(session).connect(c);
    }

    public void disconnect(String session, CanvasConnection c) {
        CanvasSession s = sessions.get(session);
        if (s != null) s.disconnect(c);
    }

    /** Handles one message from a canvas; problems go back to that canvas as an {@code error} message. */
    public void receive(String sessionName, CanvasConnection from, String message) {
        CanvasSession s = session(sessionName);
        try {
            JsonNode m = Specs.json().readTree(message);
            handle(s, m);
        } catch (ClayException e) {
            reply(from, e.getMessage(), e.fix().orElse(""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            reply(from, "the canvas sent a message that is not JSON", "Reload the canvas.");
        } catch (RuntimeException e) {
            reply(from, "the canvas could not do that: " + e, "Try again; if it repeats, report it.");
        }
    }

    private void handle(CanvasSession s, JsonNode m) {
        String id = m.path("id").asText();
        switch (m.path("type").asText()) {
            case "op" -> {
                switch (m.path("op").asText()) {
                    case "focus" -> s.focus(id);
                    case "recede" -> s.recede(id);
                    case "dismiss" -> s.dismiss(id);
                    case "undo" -> s.undo();
                    case "merge" -> s.merge(id, m.path("other").asText());
                    case "transform" -> s.transform(id, m.path("presentation").asText());
                    case "morph" -> s.morph(id, m.path("spec"));
                    case "patch" -> s.patch(id, components(m));
                    default -> throw new InvalidInputException("unknown canvas operation '" + m.path("op").asText() + "'", "Use focus, recede, dismiss, merge, transform, morph, patch or undo.");
                }
            }
            case "utterance" -> {
                String text = m.path("text").asText().strip();
                if (!text.isEmpty()) intents.utterance(s, text);
            }
            case "action" -> intents.action(s, id, m.path("intent").asText(), m.path("parameters"));
            case "select" -> s.select(id, m.path("selection"));
            case "annotate" -> annotate(s, id, m);
            case "unannotate" -> unannotate(s, id, m);
            case "export" -> export(s, id, m.path("format").asText("md"));
            case "painted", "metrics" -> reports.forEach(r -> r.accept(m));
            default -> throw new InvalidInputException("unknown canvas message '" + m.path("type").asText() + "'", "Reload the canvas.");
        }
    }

    /** The {@code components} of a patch request: objects, each replacing the component with its id. */
    static List<ObjectNode> components(JsonNode body) {
        JsonNode arr = body.path("components");
        if (!arr.isArray() || arr.isEmpty()) throw new InvalidInputException("a patch needs 'components'", "Send {\"components\": [{\"id\": ..., \"type\": ..., ...}]}.");
        List<ObjectNode> out = new java.util.ArrayList<>();
        for (JsonNode c : arr) {
            if (!c.isObject()) throw new InvalidInputException("each patched component must be an object", "Send whole components, matched by id.");
            out.add((ObjectNode) c.deepCopy());
        }
        return out;
    }

    /** Adds a note to the file shown by {@code component} of surface {@code id} and shows it. */
    public void annotate(CanvasSession s, String id, JsonNode m) {
        ObjectNode comp = component(s, id, m.path("component").asText());
        FileKey key = AnnotatedSpecs.documentOf(comp).orElseThrow(() -> new InvalidInputException("that part of the surface shows no file", "Select text in a document."));
        if (!comp.path("annotatable").asBoolean(false)) throw new InvalidInputException("that document does not take notes", "Open it with show_file or compare_documents.");
        notes.add(key, m.path("start").asInt(), m.path("end").asInt(), m.path("quote").asText(), m.path("note").asText());
        refreshNotes(s, id);
    }

    public void unannotate(CanvasSession s, String id, JsonNode m) {
        ObjectNode comp = component(s, id, m.path("component").asText());
        AnnotatedSpecs.documentOf(comp).ifPresent(key -> notes.remove(key, m.path("annotation").asText()));
        refreshNotes(s, id);
    }

    private void refreshNotes(CanvasSession s, String id) {
        ObjectNode spec = s.surface(id).orElseThrow().draft().spec().deepCopy();
        AnnotatedSpecs.attach(spec, notes);
        List<ObjectNode> changed = new java.util.ArrayList<>();
        spec.path("components").forEach(c -> { if (c.has("annotations")) changed.add((ObjectNode) c); });
        s.patch(id, changed);
    }

    /** Exports a comparison with its notes ({@code md}, {@code html} or {@code pdf}) and shows where it went. */
    public ComparisonExport.Result export(CanvasSession s, String id, String format) {
        SurfaceDraft d = s.surface(id).orElseThrow(() -> new InvalidInputException("no surface '" + id + "'", "Pick a surface on the canvas.")).draft();
        ComparisonExport.Result r = ComparisonExport.write(d.spec(), format, exports);
        ObjectNode kv = Specs.component("where", "keyvalue");
        kv.putArray("entries").addObject().put("key", "Saved to").put("value", r.path().toString());
        Specs.Builder b = Specs.surface("Exported · " + d.spec().path("title").asText()).related(d.spec().path("related").path(0).asText("export"))
                .add(Specs.container("root", "stack", r.markdown().isEmpty() ? List.of("where") : List.of("where", "preview"))).add(kv);
        if (!r.markdown().isEmpty()) b.add(Specs.component("preview", "markdown").put("markdown", r.markdown().length() > 90_000 ? r.markdown().substring(0, 90_000) : r.markdown()));
        s.show(new SurfaceDraft(b.build(), Specs.json().createObjectNode().put("kind", "export").put("path", r.path().toString())));
        return r;
    }

    private static ObjectNode component(CanvasSession s, String id, String componentId) {
        JsonNode spec = s.surface(id).orElseThrow(() -> new InvalidInputException("no surface '" + id + "'", "It may have been dismissed.")).draft().spec();
        for (JsonNode c : spec.path("components")) if (c.path("id").asText().equals(componentId)) return (ObjectNode) c;
        throw new InvalidInputException("surface '" + id + "' has no component '" + componentId + "'", "Reload the canvas.");
    }

    private static void reply(CanvasConnection c, String message, String fix) {
        try {
            c.send(Specs.json().createObjectNode().put("type", "error").put("message", message).put("fix", fix).toString());
        } catch (Exception ignored) {
            // the connection is gone; nothing to tell
        }
    }

    @Override
    public void close() {
        sessions.clear();
    }
}
