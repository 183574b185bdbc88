package clay.intelligence.proxy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A text with its personal data replaced by placeholders.
 *
 * @param text the redacted text, safe to send
 * @param spans what was replaced, in the original text's coordinates
 */
public record Redaction(String text, List<Span> spans) {
    public Redaction {
        spans = List.copyOf(spans);
    }

    /** How many values of each class were replaced (what the audit log keeps: classes and counts, never values). */
    public Map<DataClass, Integer> counts() {
        Map<DataClass, Integer> counts = new EnumMap<>(DataClass.class);
        for (Span s : spans) counts.merge(s.type(), 1, Integer::sum);
        return counts;
    }
}
