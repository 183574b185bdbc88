package clay.runtime.skill;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A skill's answer: text for the user, surface specs for the canvas, and structured data for API clients.
 *
 * @param route the route's name ({@code NONE} for offline skills) and {@code reason} why
 */
public record Reply(String text, List<JsonNode> surfaces, Map<String, Object> data, String route, String reason) {
    public Reply {
        text = text == null ? "" : text;
        surfaces = List.copyOf(surfaces);
        data = Map.copyOf(data);
    }

    public static Reply offline(String text, String reason) {
        return new Reply(text, List.of(), Map.of(), "NONE", reason);
    }

    public Reply withData(Map<String, Object> more) {
        var merged = new java.util.LinkedHashMap<String, Object>(data);
        merged.putAll(more);
        return new Reply(text, surfaces, merged, route, reason);
    }
}
