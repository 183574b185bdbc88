package clay.canvas.hub;

/** The operations a canvas accepts, each also an API call and a gesture. {@link #name()} is the wire name. */
public sealed interface CanvasOp {
    String name();

    record Show(String id) implements CanvasOp { public String name() { return "show"; } }
    record Focus(String id) implements CanvasOp { public String name() { return "focus"; } }
    record Recede(String id) implements CanvasOp { public String name() { return "recede"; } }
    record Dismiss(String id) implements CanvasOp { public String name() { return "dismiss"; } }
    record Morph(String id) implements CanvasOp { public String name() { return "morph"; } }
    record Transform(String id, String presentation) implements CanvasOp { public String name() { return "transform"; } }
    record Merge(String id, String other) implements CanvasOp { public String name() { return "merge"; } }
    record Patch(String id) implements CanvasOp { public String name() { return "patch"; } }
    record Undo() implements CanvasOp { public String name() { return "undo"; } }
}
