package clay.memory.recall;

import java.util.List;
import java.util.Optional;

/**
 * The memories chosen for a request, best first.
 *
 * @param items the memories, within the budget
 * @param tokens the tokens they take
 * @param window the time span the request named ("last week"), if any
 */
public record RecallResult(List<Recalled> items, int tokens, Optional<clay.intelligence.time.TimeRange> window) {
    public RecallResult {
        items = List.copyOf(items);
    }

    /** The memories as prompt lines with their sources. */
    public String asPrompt() {
        StringBuilder b = new StringBuilder();
        for (Recalled r : items) b.append("- ").append(r.text()).append(" [").append(r.source()).append("]\n");
        return b.toString();
    }
}
