package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidInputException;
import clay.core.InvalidIntentException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The intents Clay knows: the built-in ones (resource {@code clay/intelligence/intent/intents.json}), the user's
 * ({@code $CLAY_HOME/intents.json}, same format) and those skills add at run time. Thread-safe; {@link #version()}
 * changes on every change so classifiers know when to refit.
 *
 * <pre>{@code
 * IntentCatalog catalog = IntentCatalog.builtin();
 * catalog.loadFile(home.root().resolve("intents.json"));
 * }</pre>
 */
public final class IntentCatalog {
    private static final String RESOURCE = "/clay/intelligence/intent/intents.json";

    private final Map<String, IntentDefinition> intents = new LinkedHashMap<>();
    private final Map<String, Schema> parameterSchemas = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();

    private IntentCatalog() {}

    /** An empty catalog (tests, benchmarks). */
    public static IntentCatalog empty() {
        return new IntentCatalog();
    }

    /** A catalog holding the built-in intents. */
    public static IntentCatalog builtin() {
        IntentCatalog c = new IntentCatalog();
        try (InputStream in = IntentCatalog.class.getResourceAsStream(RESOURCE)) {
            c.addAll(IntentSchema.JSON.readTree(in), "builtin");
        } catch (IOException e) {
            throw new UncheckedIOException("built-in intent catalog missing: " + RESOURCE, e);
        }
        return c;
    }

    /** Adds (or replaces) the intents in a user file; a missing file is no error. */
    public IntentCatalog loadFile(Path file) {
        if (!Files.exists(file)) return this;
        JsonNode root;
        try {
            root = IntentSchema.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read intents file " + file + ": " + e.getMessage(),
                    "fix the JSON; the format is {\"intents\":[{\"name\":..,\"description\":..,\"kind\":..,\"safety\":..,\"examples\":[..]}]}", e);
        }
        addAll(root, "user");
        return this;
    }

    private void addAll(JsonNode root, String origin) {
        JsonNode list = root.path("intents");
        if (!list.isArray()) {
            throw new InvalidInputException("intents file has no \"intents\" array", "wrap the entries in {\"intents\":[...]}");
        }
        for (JsonNode n : list) add(fromJson(n, origin));
    }

    static IntentDefinition fromJson(JsonNode n, String origin) {
        List<String> examples = new ArrayList<>();
        n.path("examples").forEach(e -> examples.add(e.asText()));
        JsonNode params = n.get("parameters");
        if (params != null && !params.isObject()) {
            throw new InvalidInputException("intent '" + n.path("name").asText() + "': parameters must be a JSON Schema object",
                    "use {\"type\":\"object\",\"properties\":{...}}");
        }
        JsonNode safety = n.get("safety");
        if (safety == null || !safety.isTextual()) {
            throw new InvalidInputException("intent '" + n.path("name").asText() + "' declares no safety class",
                    "add \"safety\": \"read-only\", \"creates\" or \"destroys\" (destroys: Clay previews and asks first)");
        }
        return new IntentDefinition(n.path("name").asText(), n.path("description").asText(),
                IntentKind.fromWire(n.path("kind").asText("simple")), SafetyClass.fromWire(safety.asText()),
                (ObjectNode) params, examples, origin);
    }

    /** Adds or replaces one intent (skills call this when they register). */
    public synchronized IntentCatalog add(IntentDefinition def) {
        Schema compiled;
        try {
            compiled = IntentSchema.shared().compile(def.parameters());
        } catch (RuntimeException e) {
            throw new InvalidInputException("intent '" + def.name() + "' has an invalid parameter schema: " + e.getMessage(),
                    "give a valid JSON Schema of type object", e);
        }
        intents.put(def.name(), def);
        parameterSchemas.put(def.name(), compiled);
        version.incrementAndGet();
        return this;
    }

    public synchronized Optional<IntentDefinition> find(String name) {
        return Optional.ofNullable(intents.get(name));
    }

    public synchronized List<IntentDefinition> all() {
        return List.copyOf(intents.values());
    }

    public long version() {
        return version.get();
    }

    /**
     * Checks that {@code intent} names a known intent (or out-of-scope) and that its parameters fit that intent's
     * parameter schema; throws {@link InvalidIntentException} listing every problem.
     */
    public Intent validate(Intent intent) {
        if (intent.outOfScope()) return intent;
        Schema s = parameterSchemas.get(intent.name());
        if (s == null) {
            throw new InvalidIntentException(List.of("unknown intent '" + intent.name() + "'; known: " + String.join(", ", names())));
        }
        List<String> problems = IntentSchema.describe(s.validate(IntentSchema.JSON.valueToTree(intent.parameters())));
        if (!problems.isEmpty()) {
            throw new InvalidIntentException(problems.stream().map(p -> "parameters of " + intent.name() + ": " + p).toList());
        }
        return intent;
    }

    public synchronized List<String> names() {
        return List.copyOf(intents.keySet());
    }

    /** The catalog as JSON, in the file format ({@code GET /api/intents}). */
    public synchronized ObjectNode toJson() {
        ObjectNode root = IntentSchema.JSON.createObjectNode();
        ArrayNode list = root.putArray("intents");
        for (IntentDefinition d : intents.values()) {
            ObjectNode n = list.addObject();
            n.put("name", d.name());
            n.put("description", d.description());
            n.put("kind", d.kind().wireName());
            n.put("safety", d.safety().wireName());
            n.put("origin", d.origin());
            n.set("parameters", d.parameters());
            ArrayNode ex = n.putArray("examples");
            d.examples().forEach(ex::add);
        }
        return root;
    }
}
