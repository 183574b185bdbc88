package clay.intelligence.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every piece of text a chat request carries to a model, in a fixed order: the messages (system prompts, user text
 * and name, assistant text and tool-call arguments, tool results), then the tools (descriptions, and in their
 * parameter schemas every description and enum value) and the response format's JSON schema (its name, descriptions,
 * enum values, titles, examples, defaults). One traversal serves both to {@link #collect} the texts and to
 * {@link #replace} them by their redacted forms, so nothing that leaves can be missed by one and seen by the other.
 * Names that must stay identifiers (tool names, the schema name) lose the placeholder's brackets ({@code EMAIL_1}).
 */
final class RequestTexts {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Schema keywords whose string values are structure, not prose. */
    private static final Set<String> STRUCTURAL = Set.of("type", "$ref", "$schema", "$id", "format", "required",
            "additionalProperties", "pattern", "$defs", "definitions", "properties");

    private RequestTexts() {}

    static List<String> collect(ChatRequest request) {
        List<String> out = new ArrayList<>();
        map(request, t -> {
            out.add(t);
            return t;
        });
        return out;
    }

    /** {@code request} with its texts replaced, in {@link #collect} order, by {@code texts}. */
    static ChatRequest replace(ChatRequest request, List<String> texts) {
        Iterator<String> it = texts.iterator();
        ChatRequest out = map(request, t -> it.next());
        if (it.hasNext()) throw new IllegalStateException("more texts than the request holds");
        return out;
    }

    private static ChatRequest map(ChatRequest r, UnaryOperator<String> f) {
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : r.messages()) messages.add(message(m, f));
        ChatRequest.Builder b = r.toBuilder().messages(messages);
        ChatRequestParameters p = r.parameters();
        if (p == null) return b.build();
        List<ToolSpecification> tools = null;
        if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
            tools = new ArrayList<>();
            for (ToolSpecification t : p.toolSpecifications()) tools.add(tool(t, f));
        }
        ResponseFormat format = p.responseFormat();
        if (format != null && format.jsonSchema() != null) {
            JsonSchema js = format.jsonSchema();
            JsonSchema.Builder sb = JsonSchema.builder().name(identifier(js.name(), f));
            if (js.rootElement() != null) sb.rootElement(element(js.rootElement(), f));
            format = ResponseFormat.builder().type(format.type()).jsonSchema(sb.build()).build();
        }
        if (tools == null && format == p.responseFormat()) return b.build();
        var changes = ChatRequestParameters.builder();
        if (tools != null) changes.toolSpecifications(tools);
        if (format != null) changes.responseFormat(format);
        return b.parameters(p.overrideWith(changes.build())).build();
    }

    private static ChatMessage message(ChatMessage m, UnaryOperator<String> f) {
        return switch (m) {
            case SystemMessage s -> SystemMessage.from(f.apply(s.text()));
            case UserMessage u -> {
                List<Content> contents = new ArrayList<>();
                for (Content c : u.contents()) contents.add(c instanceof TextContent t ? TextContent.from(f.apply(t.text())) : c);
                UserMessage.Builder b = UserMessage.builder().contents(contents);
                if (u.name() != null) b.name(identifier(u.name(), f));
                yield b.build();
            }
            case AiMessage a -> {
                String text = a.text() == null ? null : f.apply(a.text());
                List<ToolExecutionRequest> calls = new ArrayList<>();
                if (a.hasToolExecutionRequests()) {
                    for (ToolExecutionRequest t : a.toolExecutionRequests()) {
                        ToolExecutionRequest.Builder tb = t.toBuilder().name(identifier(t.name(), f));
                        calls.add(tb.arguments(t.arguments() == null ? null : f.apply(t.arguments())).build());
                    }
                }
                yield calls.isEmpty() ? AiMessage.from(text) : text == null ? AiMessage.from(calls) : AiMessage.from(text, calls);
            }
            case ToolExecutionResultMessage t -> ToolExecutionResultMessage.from(t.id(), identifier(t.toolName(), f), f.apply(t.text()));
            default -> m;
        };
    }

    private static ToolSpecification tool(ToolSpecification t, UnaryOperator<String> f) {
        ToolSpecification.Builder b = t.toBuilder().name(identifier(t.name(), f));
        if (t.description() != null) b.description(f.apply(t.description()));
        if (t.parameters() != null) b.parameters((JsonObjectSchema) element(t.parameters(), f));
        return b.build();
    }

    /** A schema element with every description and enum value passed through {@code f}; the structure stays. */
    private static JsonSchemaElement element(JsonSchemaElement e, UnaryOperator<String> f) {
        return switch (e) {
            case JsonObjectSchema o -> {
                Map<String, JsonSchemaElement> props = new LinkedHashMap<>();
                o.properties().forEach((k, v) -> props.put(k, element(v, f)));
                JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(text(o.description(), f))
                        .addProperties(props).required(o.required()).additionalProperties(o.additionalProperties());
                if (o.definitions() != null) {
                    Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
                    o.definitions().forEach((k, v) -> defs.put(k, element(v, f)));
                    b.definitions(defs);
                }
                yield b.build();
            }
            case JsonStringSchema s -> JsonStringSchema.builder().description(text(s.description(), f)).build();
            case JsonIntegerSchema s -> JsonIntegerSchema.builder().description(text(s.description(), f)).build();
            case JsonNumberSchema s -> JsonNumberSchema.builder().description(text(s.description(), f)).build();
            case JsonBooleanSchema s -> JsonBooleanSchema.builder().description(text(s.description(), f)).build();
            case JsonEnumSchema s -> JsonEnumSchema.builder().description(text(s.description(), f))
                    .enumValues(s.enumValues().stream().map(f).toList()).build();
            case JsonArraySchema s -> JsonArraySchema.builder().description(text(s.description(), f))
                    .items(s.items() == null ? null : element(s.items(), f)).build();
            case JsonAnyOfSchema s -> JsonAnyOfSchema.builder().description(text(s.description(), f))
                    .anyOf(s.anyOf().stream().map(x -> element(x, f)).toList()).build();
            case JsonRawSchema s -> JsonRawSchema.from(raw(s.schema(), f));
            default -> e; // null and reference schemas carry no prose
        };
    }

    /** A raw JSON schema with every string value that is prose (not a keyword's structure) passed through {@code f}. */
    private static String raw(String schema, UnaryOperator<String> f) {
        try {
            JsonNode root = JSON.readTree(schema);
            return JSON.writeValueAsString(walk(root, null, f));
        } catch (java.io.IOException ex) {
            return f.apply(schema); // not JSON after all: the whole text is prose
        }
    }

    private static JsonNode walk(JsonNode n, String key, UnaryOperator<String> f) {
        if (n.isTextual()) return key != null && STRUCTURAL.contains(key) ? n : TextNode.valueOf(f.apply(n.asText()));
        if (n.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode x : n) out.add(walk(x, key, f));
            return out;
        }
        if (n.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            boolean names = "properties".equals(key) || "$defs".equals(key) || "definitions".equals(key);
            n.properties().forEach(e -> out.set(e.getKey(), walk(e.getValue(), names ? null : e.getKey(), f)));
            return out;
        }
        return n;
    }

    private static String text(String s, UnaryOperator<String> f) {
        return s == null ? null : f.apply(s);
    }

    /** A name that must stay an identifier: its redacted form without the placeholder's brackets. */
    private static String identifier(String name, UnaryOperator<String> f) {
        if (name == null) return null;
        String r = f.apply(name);
        return r.equals(name) ? name : r.replaceAll("[^A-Za-z0-9_-]", "");
    }
}
