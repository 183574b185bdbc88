package clay.intelligence.proxy;

import clay.intelligence.model.ModelProvider;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A request as it would leave: every text it carries ({@link RequestTexts}: messages, tools, response schema) redacted
 * together through the conversation's placeholders, the policy's
 * decision, and (for "ask", after {@link #askUser}) the user's answer. {@code rendered} is exactly the text that leaves, message by message;
 * it is what the approval shows and what the cache key is computed from.
 */
record Outgoing(ChatRequest request, String rendered, PlaceholderMap map, Map<DataClass, Integer> counts,
        Decision decision, String approvedBy, String model, String refusal) {

    boolean allowed() {
        return refusal == null;
    }

    static Outgoing prepare(CloudProxy proxy, ModelProvider cloud, Call call, ChatRequest request) {
        PlaceholderMap map = proxy.placeholders(call);
        Redactor redactor = proxy.redactor();
        Map<DataClass, Integer> counts = new EnumMap<>(DataClass.class);
        List<String> redacted = new ArrayList<>();
        for (Redaction r : redactor.redactAll(RequestTexts.collect(request), map)) {
            redacted.add(r.text());
            r.counts().forEach((c, n) -> counts.merge(c, n, Integer::sum));
        }
        Decision decision = proxy.policy().decide(call.intent(), counts.keySet());
        ChatRequest outgoing = decision == Decision.SEND ? request : RequestTexts.replace(request, redacted);
        Map<DataClass, Integer> sentCounts = decision == Decision.SEND ? Map.of() : counts;
        String model = request.modelName() != null ? request.modelName() : cloud.name();
        String rendered = render(outgoing);
        String refusal = decision == Decision.NEVER
                ? "policy says never for intent '" + call.intent() + "' or data " + counts.keySet() : null;
        return new Outgoing(outgoing, rendered, map, sentCounts, decision, "policy", model, refusal);
    }

    /** For "ask": shows the user what would leave and waits; the outcome says who decided and whether it may leave. */
    Outgoing askUser(CloudProxy proxy, ModelProvider cloud, Call call) {
        if (decision != Decision.ASK) return this;
        Map<String, Integer> shown = new java.util.TreeMap<>();
        counts.forEach((c, n) -> shown.put(c.wireName(), n));
        boolean yes = proxy.ask(cloud, call, rendered, shown);
        return new Outgoing(request, rendered, map, counts, decision, "user", model, yes ? null : "the user did not approve it in time");
    }

    /** The request as text: one block per message, with its role; tool specifications and format included. */
    static String render(ChatRequest r) {
        StringBuilder b = new StringBuilder();
        for (ChatMessage m : r.messages()) {
            b.append('[').append(m.type().name().toLowerCase(java.util.Locale.ROOT)).append("] ");
            switch (m) {
                case SystemMessage s -> b.append(s.text());
                case UserMessage u -> {
                    for (Content c : u.contents()) {
                        if (c instanceof TextContent t) b.append(t.text());
                        else b.append("<").append(c.type()).append(">");
                    }
                }
                case AiMessage a -> {
                    if (a.text() != null) b.append(a.text());
                    if (a.hasToolExecutionRequests()) {
                        for (ToolExecutionRequest t : a.toolExecutionRequests()) b.append(" tool ").append(t.name()).append(t.arguments());
                    }
                }
                case ToolExecutionResultMessage t -> b.append(t.toolName()).append(": ").append(t.text());
                default -> b.append(m);
            }
            b.append('\n');
        }
        if (r.parameters() != null) {
            if (r.temperature() != null) b.append("temperature=").append(r.temperature()).append('\n');
            if (r.maxOutputTokens() != null) b.append("maxOutputTokens=").append(r.maxOutputTokens()).append('\n');
            if (r.responseFormat() != null) b.append("format=").append(r.responseFormat()).append('\n');
            if (r.toolSpecifications() != null && !r.toolSpecifications().isEmpty()) b.append("tools=").append(r.toolSpecifications()).append('\n');
        }
        return b.toString();
    }

    /** The answer with real values back in its text and in any tool-call arguments. */
    static AiMessage restore(AiMessage a, PlaceholderMap map) {
        String text = map.restore(a.text());
        if (!a.hasToolExecutionRequests()) return AiMessage.from(text == null ? "" : text);
        List<ToolExecutionRequest> tools = a.toolExecutionRequests().stream()
                .map(t -> t.toBuilder().name(map.restore(t.name())).arguments(map.restore(t.arguments())).build()).toList();
        return text == null ? AiMessage.from(tools) : AiMessage.from(text, tools);
    }
}
