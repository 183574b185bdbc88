package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidIntentException;
import clay.core.Source;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published intent JSON Schema ({@code docs/intent-schema.json}, also the classpath resource
 * {@code clay/intelligence/intent/intent-schema.json}) and the one place that turns JSON into an {@link Intent}.
 * Every intent that enters Clay from outside (a model's output, the API, a gesture mapping) passes {@link #parse}; a
 * malformed one is rejected with an {@link InvalidIntentException} listing each problem with its JSON location.
 *
 * <pre>{@code
 * Intent i = IntentSchema.shared().parse("{\"intent\":\"get_time\",\"parameters\":{},\"confidence\":0.9,\"source\":\"text\"}");
 * }</pre>
 */
public final class IntentSchema {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "/clay/intelligence/intent/intent-schema.json";
    private static final IntentSchema SHARED = new IntentSchema();

    private final JsonNode schemaJson;
    private final Schema schema;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private IntentSchema() {
        try (InputStream in = IntentSchema.class.getResourceAsStream(RESOURCE)) {
            schemaJson = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("intent schema resource missing: " + RESOURCE, e);
        }
        schema = registry.getSchema(schemaJson);
    }

    public static IntentSchema shared() {
        return SHARED;
    }

    /** The schema as JSON (a deep copy, safe to change). */
    public ObjectNode schemaJson() {
        return (ObjectNode) schemaJson.deepCopy();
    }

    /** Compiles any other JSON Schema (a catalog entry's parameter schema) with the same dialect. */
    Schema compile(JsonNode otherSchema) {
        return registry.getSchema(otherSchema);
    }

    /** Every way {@code node} breaks the schema, each as "{@code /path: message}"; empty when it is valid. */
    public List<String> problems(JsonNode node) {
        return describe(schema.validate(node));
    }

    static List<String> describe(List<Error> errors) {
        List<String> out = new ArrayList<>();
        for (Error e : errors) {
            String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            String msg = e.getMessage();
            out.add(msg.startsWith(where) || where.isEmpty() ? msg : where + ": " + msg);
        }
        return out;
    }

    /** Parses and validates intent JSON text; never returns an intent that breaks the schema. */
    public Intent parse(String json) {
        if (json == null || json.isBlank()) throw new InvalidIntentException(List.of("empty input: expected a JSON object"));
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidIntentException(List.of("not JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        return fromJson(node);
    }

    /** Validates {@code node} and converts it. */
    public Intent fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidIntentException(List.of("expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase())));
        }
        List<String> problems = problems(node);
        if (!problems.isEmpty()) throw new InvalidIntentException(problems);
        Map<String, Object> params = toMap(node.get("parameters"));
        Map<String, Object> context = node.has("context") ? toMap(node.get("context")) : Map.of();
        return new Intent(node.get("intent").asText(), params, node.get("confidence").asDouble(),
                Source.fromWire(node.get("source").asText()), context);
    }

    /** The wire form of an intent. */
    public ObjectNode toJson(Intent intent) {
        ObjectNode n = JSON.createObjectNode();
        n.put("intent", intent.name());
        n.set("parameters", JSON.valueToTree(intent.parameters()));
        if (!intent.context().isEmpty()) n.set("context", JSON.valueToTree(intent.context()));
        n.put("confidence", intent.confidence());
        n.put("source", intent.source().wireName());
        return n;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> m = JSON.convertValue(node, LinkedHashMap.class);
        m.replaceAll((k, v) -> v == null ? "" : v); // Map.copyOf in Intent refuses nulls; JSON null means "no value"
        return m;
    }
}
