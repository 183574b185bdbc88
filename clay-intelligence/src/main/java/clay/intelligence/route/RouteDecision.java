package clay.intelligence.route;

import clay.core.Route;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One routing decision, as the decision log keeps it and {@code clay ask --explain} prints it.
 *
 * @param id sequence number in the log
 * @param at when it was decided
 * @param intent the intent routed
 * @param route where it goes, with the main reason
 * @param factors every rule that fired, in order, in words
 * @param model the model chosen, if any
 * @param needsApproval the user's policy asks before this goes to the cloud
 * @param decideMicros how long deciding took
 * @param outcome what happened, once known ("answered locally", "escalated: tests failed: ...")
 * @param latencyMs time to the final answer, once known
 */
public record RouteDecision(long id, Instant at, String intent, Route route, List<String> factors, Optional<String> model,
        boolean needsApproval, long decideMicros, Optional<String> outcome, Optional<Double> latencyMs) {
    public RouteDecision {
        factors = List.copyOf(factors);
    }

    public RouteDecision withOutcome(String outcome, double latencyMs) {
        return new RouteDecision(id, at, intent, route, factors, model, needsApproval, decideMicros, Optional.of(outcome),
                Optional.of(latencyMs));
    }

    /** A JSON-friendly map (API, logs). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("intent", intent);
        m.put("route", route.name());
        m.put("reason", route.reason());
        m.put("factors", factors);
        model.ifPresent(v -> m.put("model", v));
        m.put("needs_approval", needsApproval);
        m.put("decide_us", decideMicros);
        outcome.ifPresent(v -> m.put("outcome", v));
        latencyMs.ifPresent(v -> m.put("latency_ms", v));
        return m;
    }

    /** The few lines {@code --explain} prints. */
    public String explain() {
        StringBuilder b = new StringBuilder();
        b.append("route: ").append(route.name()).append(" - ").append(route.reason()).append('\n');
        model.ifPresent(v -> b.append("model: ").append(v).append('\n'));
        if (needsApproval) b.append("approval: your policy asks before using the cloud\n");
        for (String f : factors) b.append("  because: ").append(f).append('\n');
        outcome.ifPresent(v -> b.append("outcome: ").append(v).append('\n'));
        latencyMs.ifPresent(v -> b.append(String.format(java.util.Locale.ROOT, "latency: %.1f ms%n", v)));
        return b.toString();
    }
}
