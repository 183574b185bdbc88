package clay.intelligence.intent;

import clay.core.ClayException;
import clay.core.Intent;
import clay.core.InvalidIntentException;
import clay.core.Utterance;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slow path: a model fills the intent schema under JSON-schema constrained decoding (llama.cpp turns the schema
 * into a grammar; cloud models get structured output). The answer is parsed, repaired if a length limit cut it off
 * ({@link JsonRepair}), completed with source and context, and validated against the intent schema and the catalog.
 * An answer that still fails gets one retry with the problems named; after that the parse fails with an
 * {@link InvalidIntentException}. Nothing unvalidated is returned.
 */
public final class LlmIntentParser {
    static final int MAX_OUTPUT_TOKENS = 1200;

    private final IntentCatalog catalog;

    public LlmIntentParser(IntentCatalog catalog) {
        this.catalog = catalog;
    }

    /** The JSON Schema the model must fill: a bounded subset of the intent schema (no source or context). */
    public ObjectNode outputSchema() {
        ObjectNode s = IntentSchema.JSON.createObjectNode();
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode names = props.putObject("intent").put("type", "string").putArray("enum");
        catalog.names().forEach(names::add);
        names.add(Intent.OUT_OF_SCOPE);
        props.putObject("confidence").put("type", "number").put("minimum", 0).put("maximum", 1);
        ObjectNode params = props.putObject("parameters");
        params.put("type", "object");
        ObjectNode pp = params.putObject("properties");
        pp.set("topic", str(40));
        pp.set("query", str(40));
        pp.set("time_expression", str(24));
        pp.set("language", str(16));
        pp.set("file_names", list(str(40), 2));
        pp.set("people", list(str(30), 2));
        params.put("additionalProperties", false);
        s.putArray("required").add("intent").add("confidence").add("parameters");
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode str(int max) {
        return IntentSchema.JSON.createObjectNode().put("type", "string").put("maxLength", max);
    }

    private static ObjectNode list(ObjectNode item, int max) {
        ObjectNode n = IntentSchema.JSON.createObjectNode().put("type", "array").put("maxItems", max);
        n.set("items", item);
        return n;
    }

    String systemPrompt(List<String> hints) {
        StringBuilder b = new StringBuilder("Read the user's request and answer with one JSON object: the intent that fits, "
                + "your confidence from 0 to 1, and the parameters you can see (topic, query, time_expression, language, "
                + "file_names, people). Use out_of_scope when no intent fits.\nIntents:\n");
        for (IntentDefinition d : catalog.all()) b.append("- ").append(d.name()).append(": ").append(d.description()).append('\n');
        if (!hints.isEmpty()) b.append("A fast classifier guessed: ").append(String.join(", ", hints)).append('\n');
        return b.toString();
    }

    /**
     * Parses {@code u} with {@code model}; {@code hints} are the fast classifier's best guesses. Throws
     * {@link InvalidIntentException} when the model's answer cannot be made valid within one retry.
     */
    public Intent parse(Utterance u, ModelProvider model, List<String> hints, ParameterExtractor extractor) {
        ObjectNode schema = outputSchema();
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("intent").rootElement(JsonRawSchema.from(schema.toString())).build())
                .build();
        List<String> problems = List.of();
        String last = "";
        for (int attempt = 0; attempt < 2; attempt++) {
            String user = u.text();
            if (attempt > 0) {
                user = "Your previous answer was rejected (" + String.join("; ", problems) + "). Answer again for: " + u.text();
            }
            ChatRequest req = ChatRequest.builder()
                    .messages(SystemMessage.from(systemPrompt(hints)), UserMessage.from(user))
                    .parameters(ChatRequestParameters.builder().responseFormat(format).maxOutputTokens(MAX_OUTPUT_TOKENS)
                            .temperature(0.0).build())
                    .build();
            try {
                last = model.chat().chat(req).aiMessage().text();
            } catch (ClayException e) {
                if (e.retriable() || e instanceof clay.core.ModelUnavailableException) throw e;
                problems = List.of("model error: " + e.getMessage());
                continue;
            }
            try {
                return toIntent(last, u, model.name(), attempt, extractor);
            } catch (InvalidIntentException e) {
                problems = e.problems();
            }
        }
        List<String> all = new ArrayList<>(problems);
        all.add("model " + model.name() + " answered: " + abbreviate(last));
        throw new InvalidIntentException(all);
    }

    /** Parses, repairs and validates one model answer. */
    Intent toIntent(String answer, Utterance u, String modelName, int attempt, ParameterExtractor extractor) {
        JsonNode node = readOrRepair(answer);
        if (!node.isObject()) throw new InvalidIntentException(List.of("model answer is not a JSON object"));
        ObjectNode full = ((ObjectNode) node).deepCopy();
        if (full.path("confidence").isNumber()) {
            full.put("confidence", Math.max(0, Math.min(1, full.get("confidence").asDouble())));
        }
        if (!full.has("parameters")) full.putObject("parameters");
        full.put("source", u.source().wireName());
        ObjectNode ctx = full.putObject("context");
        ctx.put("text", u.text());
        ctx.put("path", "model");
        ctx.put("model", modelName);
        if (attempt > 0) ctx.put("retried", true);
        Intent raw = IntentSchema.shared().fromJson(full);
        Intent shaped = shapeParameters(raw, u, extractor);
        return catalog.validate(shaped);
    }

    private static JsonNode readOrRepair(String answer) {
        try {
            JsonNode n = IntentSchema.JSON.readTree(answer);
            if (n != null && n.isObject()) return n;
        } catch (Exception ignored) {
            // fall through to repair
        }
        Optional<String> fixed = JsonRepair.repair(answer);
        if (fixed.isPresent()) {
            try {
                return IntentSchema.JSON.readTree(fixed.get());
            } catch (Exception ignored) {
                // reported below
            }
        }
        throw new InvalidIntentException(List.of("model answer is not JSON and could not be repaired: " + abbreviate(answer)));
    }

    /**
     * Maps the model's generic slots onto the chosen intent's declared parameters: a time expression becomes a resolved
     * time range, rule-extracted values fill what the model left out, and undeclared slots are dropped.
     */
    private Intent shapeParameters(Intent raw, Utterance u, ParameterExtractor extractor) {
        if (raw.outOfScope()) return new Intent(raw.name(), Map.of(), raw.confidence(), raw.source(), raw.context());
        IntentDefinition def = catalog.find(raw.name()).orElseThrow(() -> new InvalidIntentException(
                List.of("unknown intent '" + raw.name() + "'; known: " + String.join(", ", catalog.names()))));
        Map<String, Object> fromRules = extractor.extract(u.text(), def);
        Map<String, Object> params = new LinkedHashMap<>(fromRules);
        var declared = def.parameters().path("properties");
        raw.parameters().forEach((k, v) -> {
            if (declared.has(k) && !params.containsKey(k) && !(v instanceof String s && s.isBlank())) {
                String type = declared.get(k).path("type").asText();
                if (type.equals("array") && v instanceof String s) params.put(k, List.of(s));
                else if (type.equals("array") && v instanceof List<?>) params.put(k, v);
                else if (type.equals("string") && v instanceof String) params.put(k, v);
            }
        });
        return new Intent(raw.name(), params, raw.confidence(), raw.source(), raw.context());
    }

    private static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
