package clay.canvas.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks surface specs against the published schema ({@code docs/surface-schema.json}) and the rules a schema cannot
 * say: ids are unique, children exist, every component hangs from the root exactly once, tab labels match tabs.
 *
 * <pre>{@code
 * ObjectNode ok = SurfaceValidator.shared().validate(spec); // or throws InvalidSurfaceException
 * }</pre>
 */
public final class SurfaceValidator {
    /** The spec format version this validator accepts. */
    public static final int VERSION = 1;

    private static final String RESOURCE = "/clay/canvas/spec/surface-schema.json";
    private static final SurfaceValidator SHARED = new SurfaceValidator();

    private final String schemaText;
    private final Schema schema;
    private final Set<String> componentTypes;

    private SurfaceValidator() {
        try (InputStream in = SurfaceValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            schemaText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode node = new ObjectMapper().readTree(schemaText);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
            Set<String> types = new LinkedHashSet<>();
            node.at("/$defs/component/properties/type/enum").forEach(t -> types.add(t.asText()));
            componentTypes = Set.copyOf(types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SurfaceValidator shared() {
        return SHARED;
    }

    /** The JSON Schema text, as published. */
    public String schemaText() {
        return schemaText;
    }

    public Set<String> componentTypes() {
        return componentTypes;
    }

    /** Returns {@code spec} as an object when it is valid; otherwise throws with every problem found. */
    public ObjectNode validate(JsonNode spec) {
        List<String> problems = problems(spec);
        if (!problems.isEmpty()) throw new InvalidSurfaceException(problems);
        return (ObjectNode) spec;
    }

    /** Every problem with {@code spec}, each naming where it is; empty when the spec is valid. */
    public List<String> problems(JsonNode spec) {
        if (spec == null || !spec.isObject()) return List.of("a surface spec must be a JSON object");
        Set<String> out = new LinkedHashSet<>(unknownTypes(spec));
        if (out.isEmpty()) {
            for (Error e : schema.validate(spec)) out.add(describe(e));
        }
        if (out.isEmpty() && "components".equals(spec.path("kind").asText())) out.addAll(structure(spec));
        return List.copyOf(out);
    }

    private List<String> unknownTypes(JsonNode spec) {
        List<String> out = new ArrayList<>();
        JsonNode comps = spec.path("components");
        for (int i = 0; i < comps.size(); i++) {
            JsonNode type = comps.get(i).path("type");
            if (type.isTextual() && !componentTypes.contains(type.asText())) {
                out.add("components[" + i + "] (id '" + comps.get(i).path("id").asText("?") + "') has unknown type '"
                        + type.asText() + "'; known types: " + String.join(", ", new java.util.TreeSet<>(componentTypes)));
            }
        }
        return out;
    }

    private static String describe(Error e) {
        String where = e.getInstanceLocation() == null ? "$" : e.getInstanceLocation().toString();
        String msg = e.getMessage();
        return msg.startsWith(where) ? msg : where + ": " + msg;
    }

    private List<String> structure(JsonNode spec) {
        List<String> out = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode c : spec.get("components")) {
            if (byId.putIfAbsent(c.get("id").asText(), c) != null) out.add("component id '" + c.get("id").asText() + "' is used twice");
        }
        Map<String, String> parentOf = new HashMap<>();
        for (JsonNode c : spec.get("components")) {
            String id = c.get("id").asText();
            JsonNode children = c.path("children");
            for (JsonNode child : children) {
                String cid = child.asText();
                if (!byId.containsKey(cid)) out.add("component '" + id + "' names child '" + cid + "', which does not exist");
                else if (cid.equals(id)) out.add("component '" + id + "' names itself as a child");
                else if (parentOf.putIfAbsent(cid, id) != null) out.add("component '" + cid + "' has two parents: '" + parentOf.get(cid) + "' and '" + id + "'");
            }
            if ("tabs".equals(c.get("type").asText()) && c.get("labels").size() != children.size()) {
                out.add("tabs '" + id + "' has " + children.size() + " children but " + c.get("labels").size() + " labels");
            }
            for (JsonNode a : c.path("annotations")) {
                if (a.get("end").asInt() < a.get("start").asInt()) out.add("annotation '" + a.get("id").asText() + "' in '" + id + "' ends before it starts");
            }
        }
        if (!out.isEmpty()) return out;
        String root = spec.has("root") ? spec.get("root").asText() : spec.get("components").get(0).get("id").asText();
        if (!byId.containsKey(root)) return List.of("root '" + root + "' is not a component");
        if (parentOf.containsKey(root)) out.add("root '" + root + "' is also a child of '" + parentOf.get(root) + "'");
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            String id = todo.removeLast();
            if (!seen.add(id)) continue;
            byId.get(id).path("children").forEach(ch -> todo.add(ch.asText()));
        }
        for (String id : byId.keySet()) {
            if (!seen.contains(id)) out.add("component '" + id + "' is not reachable from root '" + root + "'");
        }
        out.sort(null);
        return out;
    }
}
