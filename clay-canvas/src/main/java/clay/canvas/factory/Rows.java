package clay.canvas.factory;

import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tabular data behind a surface, whatever its kind: rows of flat objects, their columns, and which columns a chart
 * should use by default.
 */
record Rows(List<Column> columns, ArrayNode rows, String x, String y) {
    record Column(String key, String label, String type) {}

    /** The rows behind {@code data}, if it has any. */
    static Optional<Rows> of(JsonNode data) {
        return switch (data.path("kind").asText("")) {
            case "rows", "agenda" -> from(data.path("rows"), data.path("x").asText(null), data.path("y").asText(null));
            case "weather" -> from(data.path("days"), "date", "high");
            case "calendar" -> from(data.path("events"), "date", null);
            default -> Optional.empty();
        };
    }

    static Optional<Rows> from(JsonNode rowsNode, String x, String y) {
        if (!rowsNode.isArray() || rowsNode.isEmpty()) return Optional.empty();
        ArrayNode rows = Specs.json().createArrayNode();
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode r : rowsNode) {
            if (!r.isObject()) return Optional.empty();
            ObjectNode clean = rows.addObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                if (v.isNumber() || v.isBoolean() || v.isNull()) clean.set(e.getKey(), v);
                else clean.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
                String t = v.isNumber() ? "number" : v.isBoolean() ? "boolean" : v.isNull() ? null : "string";
                if (t != null) types.merge(e.getKey(), t, (a, b) -> a.equals(b) ? a : "string");
                else types.putIfAbsent(e.getKey(), "number");
            }
        }
        List<Column> cols = new ArrayList<>();
        types.forEach((k, t) -> cols.add(new Column(k, label(k), t)));
        String fx = x != null && types.containsKey(x) ? x : cols.stream().filter(c -> !c.type().equals("number")).map(Column::key).findFirst().orElse(cols.getFirst().key());
        String fy = y != null && types.containsKey(y) ? y : cols.stream().filter(c -> c.type().equals("number") && !c.key().equals(fx)).map(Column::key).findFirst().orElse(null);
        return Optional.of(new Rows(cols, rows, fx, fy));
    }

    static String label(String key) {
        String s = key.replace('_', ' ');
        return s.isEmpty() ? key : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    ObjectNode asData() {
        ObjectNode d = Specs.json().createObjectNode().put("kind", "rows");
        d.set("rows", rows);
        d.put("x", x);
        if (y != null) d.put("y", y);
        return d;
    }
}
