package clay.canvas.factory;

import clay.canvas.spec.InvalidSurfaceException;
import clay.canvas.spec.SurfaceValidator;
import clay.canvas.spec.Specs;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Designs a surface with a model for requests no template covers. The model answers under a JSON schema (a loose,
 * generation-friendly form of the surface schema, so a grammar can enforce it); the answer is repaired, validated,
 * and on failure asked for once more with the problems listed. Still invalid: refused with
 * {@link InvalidSurfaceException}, never shown half-broken.
 */
final class ModelSpecGenerator {
    static final int ATTEMPTS = 2;
    private static final List<String> TYPES = List.of("stack", "row", "columns", "heading", "text", "markdown", "list", "code", "table");
    static final JsonSchema SCHEMA = JsonSchema.builder().name("clay_surface").rootElement(JsonObjectSchema.builder()
            .addStringProperty("title")
            .addProperty("components", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addStringProperty("id")
                    .addProperty("type", JsonEnumSchema.builder().enumValues(TYPES).build())
                    .addProperty("children", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addStringProperty("text")
                    .addProperty("level", new JsonIntegerSchema())
                    .addStringProperty("markdown")
                    .addProperty("items", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addStringProperty("code")
                    .addProperty("columns", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addProperty("rows", JsonArraySchema.builder().items(JsonArraySchema.builder().items(new JsonStringSchema()).build()).build())
                    .required("id", "type")
                    .build()).build())
            .required("title", "components")
            .build()).build();

    private static final String SYSTEM = """
            You design one user interface surface for the Clay canvas as JSON. Components form a flat list; each has a
            unique id and a type (stack, row, columns: layout with "children" = ids of other components; heading: "text",
            "level" 1-4; text: "text"; markdown: "markdown"; list: "items"; code: "code"; table: "columns" (names) and
            "rows" (lists of cell strings)). The first component is the root. Answer with the JSON only.""";

    private final java.util.function.Supplier<ModelProvider> provider;

    ModelSpecGenerator(java.util.function.Supplier<ModelProvider> provider) {
        this.provider = provider;
    }

    ObjectNode generate(String request, JsonNode data) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(SYSTEM));
        messages.add(UserMessage.from("Request: " + request + (data == null || data.isEmpty() ? "" : "\nData: " + truncate(data.toString()))));
        List<String> problems = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ChatRequest req = ChatRequest.builder().messages(messages)
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(SCHEMA).build()).build();
            String answer = provider.get().chat().chat(req).aiMessage().text();
            problems = check(answer);
            if (problems.isEmpty()) return SpecRepair.repair(parse(answer));
            messages.add(dev.langchain4j.data.message.AiMessage.from(answer == null ? "" : answer));
            messages.add(UserMessage.from("That surface is not valid: " + String.join("; ", problems) + ". Answer again with valid JSON."));
        }
        List<String> all = new ArrayList<>(List.of("the model could not design a valid surface after " + ATTEMPTS + " attempts"));
        all.addAll(problems);
        throw new InvalidSurfaceException(all);
    }

    /** Problems left after repair; empty when the answer can be shown. */
    static List<String> check(String answer) {
        JsonNode parsed;
        try {
            parsed = parse(answer);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        ObjectNode repaired = SpecRepair.repair(parsed);
        if (repaired.path("components").isEmpty()) return List.of("no usable component in the answer");
        return SurfaceValidator.shared().problems(repaired);
    }

    static JsonNode parse(String answer) {
        if (answer == null || answer.isBlank()) throw new IllegalArgumentException("the answer was empty");
        try {
            JsonNode n = Specs.json().readTree(answer.strip());
            if (!n.isObject()) throw new IllegalArgumentException("the answer is not a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the answer is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String truncate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "…";
    }
}
