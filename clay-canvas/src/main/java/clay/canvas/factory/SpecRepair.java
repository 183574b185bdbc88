package clay.canvas.factory;

import clay.canvas.spec.SurfaceValidator;
import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a model's loose answer into a strict spec: adds version and kind, drops components of unknown types and
 * properties the schema does not allow, renames duplicate ids, cuts dangling children, converts simple table shapes,
 * and drops what still misses required properties. What is left is validated; the caller refuses when it is not valid.
 */
final class SpecRepair {
    private static final Map<String, Set<String>> ALLOWED = new HashMap<>();
    private static final Map<String, List<String>> REQUIRED = new HashMap<>();

    static {
        try {
            JsonNode defs = Specs.json().readTree(SurfaceValidator.shared().schemaText()).path("$defs");
            for (String type : SurfaceValidator.shared().componentTypes()) {
                Set<String> props = new HashSet<>();
                defs.path(type).path("properties").fieldNames().forEachRemaining(props::add);
                ALLOWED.put(type, props);
                List<String> req = new ArrayList<>();
                defs.path(type).path("required").forEach(r -> req.add(r.asText()));
                REQUIRED.put(type, req);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SpecRepair() {}

    static ObjectNode repair(JsonNode loose) {
        String title = loose.path("title").asText("").strip();
        Specs.Builder out = Specs.surface(title.isEmpty() ? "Untitled" : title.substring(0, Math.min(200, title.length()))).trust("ai-generated");
        Map<String, ObjectNode> comps = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode c : loose.path("components")) {
            n++;
            String type = c.path("type").asText("");
            if (!c.isObject() || !ALLOWED.containsKey(type)) continue;
            ObjectNode copy = Specs.json().createObjectNode();
            c.fields().forEachRemaining(e -> { if (ALLOWED.get(type).contains(e.getKey())) copy.set(e.getKey(), e.getValue().deepCopy()); });
            String id = c.path("id").asText("");
            if (!id.matches("[A-Za-z][A-Za-z0-9_-]{0,55}")) id = "c" + n;
            while (comps.containsKey(id)) id = id + "x";
            copy.put("id", id);
            if (type.equals("table")) fixTable(copy);
            if (REQUIRED.get(type).stream().allMatch(copy::has)) comps.put(id, copy);
        }
        Set<String> parented = new HashSet<>();
        for (ObjectNode c : comps.values()) {
            if (!c.has("children")) continue;
            ArrayNode kept = Specs.json().createArrayNode();
            for (JsonNode ch : c.path("children")) {
                String cid = ch.asText();
                if (comps.containsKey(cid) && !cid.equals(c.get("id").asText()) && parented.add(cid)) kept.add(cid);
            }
            c.set("children", kept);
        }
        List<String> tops = comps.keySet().stream().filter(id -> !parented.contains(id)).toList();
        if (tops.size() > 1) {
            String root = "root";
            while (comps.containsKey(root)) root += "x";
            out.add(Specs.container(root, "stack", tops));
        }
        comps.values().forEach(out::add);
        return out.build();
    }

    /** Accepts {@code columns: ["a","b"]} and {@code rows: [["1","2"]]} as models often write them. */
    private static void fixTable(ObjectNode t) {
        JsonNode cols = t.path("columns");
        List<String> keys = new ArrayList<>();
        if (cols.isArray()) {
            ArrayNode fixed = Specs.json().createArrayNode();
            for (JsonNode c : cols) {
                String key = c.isTextual() ? c.asText() : c.path("key").asText(c.path("label").asText(""));
                if (key.isEmpty()) continue;
                keys.add(key);
                fixed.addObject().put("key", key).put("label", c.isTextual() ? key : c.path("label").asText(key));
            }
            t.set("columns", fixed);
        }
        JsonNode rows = t.path("rows");
        if (rows.isArray()) {
            ArrayNode fixed = Specs.json().createArrayNode();
            for (JsonNode r : rows) {
                if (r.isObject()) fixed.add(r);
                else if (r.isArray()) {
                    ObjectNode o = fixed.addObject();
                    for (int i = 0; i < Math.min(r.size(), keys.size()); i++) o.set(keys.get(i), r.get(i).isContainerNode() ? Specs.json().getNodeFactory().textNode(r.get(i).toString()) : r.get(i));
                }
            }
            t.set("rows", fixed);
        }
        if (t.path("columns").isEmpty()) t.remove("columns");
    }
}
