package clay.canvas.hub;

import clay.canvas.export.ComparisonExport;
import clay.canvas.spec.Specs;
import clay.core.Intent;
import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The canvas operations as request/response JSON, for whatever HTTP server the runtime runs. Each method is one
 * route under {@code /api/canvas}; errors are {@link clay.core.ClayException}s for the server to map.
 *
 * <pre>{@code
 * GET  /api/canvas/{session}                      -> state(session)
 * POST /api/canvas/{session}/surfaces             -> show(session, {"intent":..,"parameters":{..}} or {"spec":{..}})
 * POST /api/canvas/{session}/surfaces/{id}/{op}   -> operate(session, id, op, body)  (focus, recede, dismiss,
 *                                                    morph {spec}, patch {components}, transform {presentation},
 *                                                    merge {other}, export {format})
 * POST /api/canvas/{session}/undo                 -> undo(session)
 * }</pre>
 */
public final class CanvasApi {
    private final SurfaceHub hub;

    public CanvasApi(SurfaceHub hub) {
        this.hub = hub;
    }

    public JsonNode state(String session) {
        try {
            return Specs.json().readTree(hub.session(session).stateMessage("get", null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Shows a template surface for an intent, or a spec as given (an invalid spec becomes an error surface). */
    public JsonNode show(String session, JsonNode body) {
        CanvasSession s = hub.session(session);
        String id;
        if (body.has("spec")) id = s.show(body.get("spec"));
        else if (body.has("intent")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> params = Specs.json().convertValue(body.path("parameters").isObject() ? body.get("parameters") : Specs.json().createObjectNode(), Map.class);
            Intent intent = new Intent(body.get("intent").asText(), params, 1.0, clay.core.Source.TEXT, body.has("text") ? Map.of("text", body.get("text").asText()) : Map.of());
            id = s.show(hub.factory().build(intent));
        } else throw new InvalidInputException("give either 'intent' (with 'parameters') or 'spec'", "See docs/surface-schema.json for specs.");
        return result(s, id);
    }

    public JsonNode operate(String session, String id, String op, JsonNode body) {
        CanvasSession s = hub.session(session);
        String target = id;
        switch (op) {
            case "focus" -> s.focus(id);
            case "recede" -> s.recede(id);
            case "dismiss" -> s.dismiss(id);
            case "morph" -> s.morph(id, body.path("spec"));
            case "patch" -> s.patch(id, SurfaceHub.components(body));
            case "transform" -> s.transform(id, body.path("presentation").asText());
            case "merge" -> target = s.merge(id, body.path("other").asText());
            case "export" -> {
                ComparisonExport.Result r = hub.export(s, id, body.path("format").asText("md"));
                return result(s, target).put("path", r.path().toString()).put("format", r.format());
            }
            default -> throw new InvalidInputException("unknown operation '" + op + "'", "Use focus, recede, dismiss, morph, patch, transform, merge or export.");
        }
        return result(s, target);
    }

    public JsonNode undo(String session) {
        CanvasSession s = hub.session(session);
        boolean undone = s.undo();
        return result(s, null).put("undone", undone);
    }

    private static ObjectNode result(CanvasSession s, String id) {
        ObjectNode r = Specs.json().createObjectNode().put("session", s.name()).put("version", s.version());
        if (id != null) r.put("id", id);
        return r;
    }
}
