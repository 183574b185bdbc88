package clay.fs.tagging;

import clay.fs.extract.Extraction;
import clay.intelligence.model.ModelProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tagging by a local model with JSON-schema-constrained output (summary, type from {@link DocTypes#ALL}, tags,
 * entities, dates). The deterministic tags run first and stay the floor: identifiers, references and dates from the
 * rules are always kept (they drive relations), and when the model's answer is unusable the rules' answer stands.
 */
public final class LlmTagger {
    private static final Logger log = LoggerFactory.getLogger(LlmTagger.class);
    static final int EXCERPT_CHARS = 3000;
    static final ResponseFormat FORMAT = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
            .name("file_tagging").rootElement(JsonObjectSchema.builder()
                    .addStringProperty("summary", "one or two sentences saying what the file is")
                    .addEnumProperty("doc_type", DocTypes.ALL)
                    .addProperty("tags", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .addProperty("entities", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                            .addEnumProperty("kind", List.of("person", "org", "place", "product", "money", "email"))
                            .addStringProperty("value").required("kind", "value").build()).build())
                    .addProperty("dates", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .required("summary", "doc_type", "tags", "entities", "dates").additionalProperties(false).build())
            .build()).build();

    private final ModelProvider model;
    private final RuleTagger rules;
    private final ObjectMapper json = new ObjectMapper();

    public LlmTagger(ModelProvider model, RuleTagger rules) {
        this.model = model;
        this.rules = rules;
    }

    public Tagging tag(Extraction ex, String fileName) {
        Tagging base = rules.tag(ex, fileName);
        if (!ex.hasText()) return base;
        try {
            String system = model.contextWindow() < 1024 ? "Tag this file as JSON." : "You tag files for a personal file system. Answer only with the JSON object."
                    + " doc_type is one of " + DocTypes.ALL + ". tags: 3-6 lower-case topic words. dates: ISO yyyy-mm-dd.";
            int output = Math.min(400, model.contextWindow() / 2);
            int budget = model.contextWindow() - output - 32;
            String excerpt = ex.text().length() > EXCERPT_CHARS ? ex.text().substring(0, EXCERPT_CHARS) : ex.text();
            while (excerpt.length() > 40 && model.countTokens(system + fileName + excerpt) > budget) {
                excerpt = excerpt.substring(0, excerpt.length() * 2 / 3);
            }
            if (model.countTokens(system + fileName + excerpt) > budget) return base;
            ChatRequest req = ChatRequest.builder().messages(SystemMessage.from(system),
                    UserMessage.from("File name: " + fileName + "\n\n" + excerpt))
                    .responseFormat(FORMAT).maxOutputTokens(output).build();
            String answer = model.chat().chat(req).aiMessage().text();
            return merge(base, json.readTree(answer), "llm:" + model.name());
        } catch (Exception e) {
            log.warn("model tagging of {} failed, keeping rule tags: {}", fileName, e.toString());
            return base;
        }
    }

    static Tagging merge(Tagging base, JsonNode n, String source) {
        String type = n.path("doc_type").asText("").toLowerCase(Locale.ROOT);
        if (!DocTypes.ALL.contains(type)) type = base.docType();
        String summary = n.path("summary").asText("").strip();
        if (summary.isEmpty() || summary.length() > 600) summary = base.summary();
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode t : n.path("tags")) {
            String s = t.asText("").strip().toLowerCase(Locale.ROOT);
            if (!s.isEmpty() && s.length() <= 40) tags.add(s);
        }
        if (tags.isEmpty()) tags.addAll(base.tags());
        List<Tagging.Fact> entities = new ArrayList<>(base.entities());
        for (JsonNode e : n.path("entities")) {
            String v = e.path("value").asText("").strip();
            if (!v.isEmpty() && v.length() <= 120) entities.add(new Tagging.Fact(e.path("kind").asText("entity"), v));
        }
        Set<String> dates = new LinkedHashSet<>(base.dates());
        for (JsonNode d : n.path("dates")) {
            String s = d.asText("");
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) dates.add(s);
        }
        return new Tagging(summary, type, List.copyOf(tags).subList(0, Math.min(8, tags.size())),
                entities.stream().distinct().limit(40).toList(), List.copyOf(dates), base.identifiers(), base.references(),
                source);
    }
}
