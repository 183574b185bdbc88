package clay.canvas.hub;

import clay.canvas.factory.SurfaceDraft;
import clay.canvas.factory.UiFactory;
import clay.canvas.spec.InvalidSurfaceException;
import clay.canvas.spec.Specs;
import clay.canvas.spec.SurfaceValidator;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One canvas: its surfaces in order of arrival, which one has focus, the undo history, and the sockets showing it.
 * Every change is one operation; each bumps {@link #version()}, is pushed to every connection as a full state
 * message, and can be undone.
 */
public final class CanvasSession {
    static final int HISTORY = 50;

    private final String name;
    private final UiFactory factory;
    private final Map<String, CanvasConnection> connections = new ConcurrentHashMap<>();
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Map<String, String> frameKeys = new ConcurrentHashMap<>();
    private final Map<String, String> frameKeyOf = new ConcurrentHashMap<>();
    private final Deque<List<Surface>> history = new ArrayDeque<>();
    private List<Surface> surfaces = List.of();
    private long version;
    private long clock;
    private int nextId = 1;

    CanvasSession(String name, UiFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    public String name() {
        return name;
    }

    /** The UI factory this canvas uses (for skills that answer on it). */
    public UiFactory factory() {
        return factory;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized List<Surface> surfaces() {
        return surfaces;
    }

    public synchronized Optional<Surface> surface(String id) {
        return surfaces.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Shows a factory-made draft, focused; returns its surface id. */
    public synchronized String show(SurfaceDraft draft) {
        SurfaceValidator.shared().validate(draft.spec());
        String id = "s" + nextId++;
        List<Surface> next = new ArrayList<>(unfocused());
        next.add(new Surface(id, draft, Presence.FOCUSED, ++clock, null));
        commit(new CanvasOp.Show(id), next);
        return id;
    }

    /** Shows a spec from outside; an invalid one is shown as an error surface that lists its problems. */
    public synchronized String show(JsonNode spec) {
        List<String> problems = SurfaceValidator.shared().problems(spec);
        if (!problems.isEmpty()) return showError("Invalid surface: " + spec.path("title").asText("untitled"), problems);
        return show(new SurfaceDraft((ObjectNode) spec.deepCopy(), null));
    }

    public synchronized String showError(String title, List<String> problems) {
        return show(new SurfaceDraft(Specs.error(title, problems), null));
    }

    public synchronized void focus(String id) {
        require(id);
        List<Surface> next = new ArrayList<>();
        for (Surface s : surfaces) next.add(s.id().equals(id) ? s.with(Presence.FOCUSED, ++clock) : s.presence() == Presence.FOCUSED ? s.with(Presence.ACTIVE, s.touched()) : s);
        commit(new CanvasOp.Focus(id), next);
    }

    public synchronized void recede(String id) {
        require(id);
        commit(new CanvasOp.Recede(id), replace(id, s -> s.with(Presence.RECEDED, s.touched())));
    }

    public synchronized void dismiss(String id) {
        require(id);
        commit(new CanvasOp.Dismiss(id), surfaces.stream().filter(s -> !s.id().equals(id)).toList());
    }

    /** The surface becomes {@code spec} in place (the canvas animates the change). */
    public synchronized void morph(String id, JsonNode spec) {
        ObjectNode valid = SurfaceValidator.shared().validate(spec).deepCopy();
        morph(id, new SurfaceDraft(valid, require(id).draft().data()), new CanvasOp.Morph(id));
    }

    public synchronized void transform(String id, String presentation) {
        SurfaceDraft d = factory.transform(require(id).draft(), presentation);
        morph(id, d, new CanvasOp.Transform(id, presentation));
    }

    /** {@code id} and {@code other} become one new surface (made by the UI factory) where {@code id} was. */
    public synchronized String merge(String id, String other) {
        if (id.equals(other)) throw new InvalidInputException("cannot merge a surface with itself", "Drop it onto another surface.");
        SurfaceDraft merged = factory.merge(require(id).draft(), require(other).draft());
        String newId = "s" + nextId++;
        List<Surface> next = new ArrayList<>();
        for (Surface s : unfocused()) {
            if (s.id().equals(id)) next.add(new Surface(newId, merged, Presence.FOCUSED, ++clock, null));
            else if (!s.id().equals(other)) next.add(s);
        }
        commit(new CanvasOp.Merge(newId, other), next);
        return newId;
    }

    /** Replaces components (matched by id) in a surface; the result must still validate. */
    public synchronized void patch(String id, List<ObjectNode> components) {
        ObjectNode spec = require(id).draft().spec().deepCopy();
        ArrayNode comps = (ArrayNode) spec.get("components");
        for (ObjectNode c : components) {
            boolean found = false;
            for (int i = 0; i < comps.size(); i++) {
                if (comps.get(i).path("id").asText().equals(c.path("id").asText())) {
                    comps.set(i, c);
                    found = true;
                }
            }
            if (!found) throw new InvalidSurfaceException(List.of("surface " + id + " has no component '" + c.path("id").asText() + "'"));
        }
        SurfaceValidator.shared().validate(spec);
        morph(id, new SurfaceDraft(spec, require(id).draft().data()), new CanvasOp.Patch(id));
    }

    /** Undoes the last operation; false when there is nothing to undo. */
    public synchronized boolean undo() {
        if (history.isEmpty()) return false;
        surfaces = history.pop();
        version++;
        broadcast(new CanvasOp.Undo());
        return true;
    }

    /** The markup of the html surface a frame key (an unguessable capability in the frame URL) points to. */
    public synchronized Optional<String> frameHtml(String key) {
        String id = frameKeys.get(key);
        if (id == null) return Optional.empty();
        return surface(id).map(s -> s.draft().spec()).filter(sp -> "html".equals(sp.path("kind").asText())).map(sp -> sp.path("html").asText());
    }

    private String frameKey(Surface s) {
        String k = s.id() + "@" + s.touched();
        return frameKeyOf.computeIfAbsent(k, x -> {
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            String key = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            frameKeys.put(key, s.id());
            return key;
        });
    }

    /** Records what the user selected in a surface (not an undoable operation; no broadcast). */
    public synchronized void select(String id, JsonNode selection) {
        require(id);
        surfaces = replace(id, s -> s.withSelection(selection));
    }

    void connect(CanvasConnection c) {
        connections.put(c.id(), c);
        String msg;
        synchronized (this) {
            msg = stateMessage("connect", null);
        }
        send(c, msg);
    }

    void disconnect(CanvasConnection c) {
        connections.remove(c.id());
    }

    /** How many canvases show this session right now. */
    public int connectionCount() {
        return connections.size();
    }

    void sendAll(String message) {
        connections.values().forEach(c -> send(c, message));
    }

    private void send(CanvasConnection c, String message) {
        try {
            c.send(message);
        } catch (Exception e) {
            connections.remove(c.id());
        }
    }

    private void morph(String id, SurfaceDraft d, CanvasOp op) {
        commit(op, replace(id, s -> s.with(d, ++clock)));
    }

    private Surface require(String id) {
        return surface(id).orElseThrow(() -> new InvalidInputException("no surface '" + id + "' on canvas '" + name + "'", "It may have been dismissed; undo brings it back."));
    }

    private List<Surface> unfocused() {
        return surfaces.stream().map(s -> s.presence() == Presence.FOCUSED ? s.with(Presence.ACTIVE, s.touched()) : s).toList();
    }

    private List<Surface> replace(String id, UnaryOperator<Surface> f) {
        return surfaces.stream().map(s -> s.id().equals(id) ? f.apply(s) : s).toList();
    }

    private void commit(CanvasOp op, List<Surface> next) {
        history.push(surfaces);
        while (history.size() > HISTORY) history.removeLast();
        surfaces = List.copyOf(next);
        version++;
        broadcast(op);
    }

    private void broadcast(CanvasOp op) {
        String target = switch (op) {
            case CanvasOp.Undo u -> null;
            case CanvasOp.Show s -> s.id();
            case CanvasOp.Focus f -> f.id();
            case CanvasOp.Recede r -> r.id();
            case CanvasOp.Dismiss d -> d.id();
            case CanvasOp.Morph m -> m.id();
            case CanvasOp.Transform t -> t.id();
            case CanvasOp.Merge m -> m.id();
            case CanvasOp.Patch p -> p.id();
        };
        sendAll(stateMessage(op.name(), target));
    }

    /** The full state as the canvas receives it. */
    synchronized String stateMessage(String op, String target) {
        ObjectNode m = Specs.json().createObjectNode().put("type", "state").put("session", name).put("version", version).put("op", op);
        if (target != null) m.put("target", target);
        m.put("canUndo", !history.isEmpty());
        ArrayNode arr = m.putArray("surfaces");
        for (Surface s : surfaces) {
            ObjectNode o = arr.addObject().put("id", s.id()).put("presence", s.presence().name().toLowerCase(java.util.Locale.ROOT)).put("touched", s.touched());
            ObjectNode spec = s.draft().spec();
            if ("html".equals(spec.path("kind").asText())) {
                spec = spec.deepCopy();
                spec.remove("html");
                o.put("frame", "/api/canvas/frames/" + frameKey(s));
            }
            o.set("spec", spec);
        }
        return m.toString();
    }
}
