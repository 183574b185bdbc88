package clay.memory.recall;

import clay.intelligence.time.TimeExpressions;
import clay.intelligence.time.TimeRange;
import clay.memory.episodic.Episode;
import clay.memory.episodic.EpisodicMemory;
import clay.memory.episodic.Interaction;
import clay.memory.facts.Fact;
import clay.memory.facts.SemanticMemory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Chooses memories for a request: facts and episodes ranked by meaning, restricted to the time the request names
 * ("last week", "yesterday"), with decisions preferred when the request asks about one, packed best-first into a
 * token budget. {@link #answer} turns the best of them into a cited answer without any model.
 *
 * <pre>{@code
 * RecallResult r = memory.recall().recall("the HB302 letter", 400);
 * String prompt = r.asPrompt();
 * }</pre>
 */
public final class Recall {
    /** Below this similarity a memory is not considered related at all. */
    static final double MIN_SCORE = 0.25;
    private static final Pattern DECISION_QUESTION = Pattern.compile("(?i)\\b(decide|decided|decision|agree|agreed|choose|chose|settle|plan)\\b");
    private static final Pattern DECISION_TEXT = Pattern.compile("(?i)\\b(decided|decide|decision|we will|we'll|i will|i'll|agreed|"
            + "chose|chosen|going with|go with|settled|let's|lets|final answer|plan is)\\b");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final EpisodicMemory episodes;
    private final SemanticMemory facts;
    private final Clock clock;
    private final ZoneId zone;
    private final ToIntFunction<String> tokens;

    public Recall(EpisodicMemory episodes, SemanticMemory facts, Clock clock, ZoneId zone, ToIntFunction<String> tokens) {
        this.episodes = episodes;
        this.facts = facts;
        this.clock = clock;
        this.zone = zone;
        this.tokens = tokens;
    }

    /** Memories relevant to {@code request}, best first, whose lines together fit in {@code tokenBudget} tokens. */
    public RecallResult recall(String request, int tokenBudget) {
        if (request == null || request.isBlank() || tokenBudget <= 0) return new RecallResult(List.of(), 0, Optional.empty());
        TimeExpressions time = new TimeExpressions(clock, zone);
        Optional<TimeRange> window = Optional.empty();
        String topic = request;
        List<TimeExpressions.Found> found = time.find(request);
        if (!found.isEmpty()) {
            TimeExpressions.Found f = found.get(0);
            window = Optional.of(f.range());
            topic = (request.substring(0, f.start()) + " " + request.substring(f.end())).strip();
        }
        boolean decisionAsked = DECISION_QUESTION.matcher(request).find();
        List<Recalled> candidates = new ArrayList<>();
        Instant from = window.map(w -> w.start().toInstant()).orElse(Instant.EPOCH);
        Instant to = window.map(w -> w.end().toInstant()).orElse(Instant.parse("9999-01-01T00:00:00Z"));
        for (EpisodicMemory.Hit h : episodes.search(topic, window.map(w -> w.start().toInstant()),
                window.map(w -> w.end().toInstant()), 50)) {
            Interaction i = h.episode().interaction();
            double score = h.score() + recency(i.at());
            if (decisionAsked && DECISION_TEXT.matcher(i.utterance() + " " + i.result()).find()) score += 0.15;
            if (h.score() >= MIN_SCORE) candidates.add(line(h.episode(), score));
        }
        for (SemanticMemory.Hit h : facts.search(topic, 30)) {
            Fact f = h.fact();
            boolean inWindow = window.isEmpty() || !f.updated().isBefore(from) && f.updated().isBefore(to);
            double score = h.score() + 0.05 + (decisionAsked && f.kind().equals("decision") ? 0.15 : 0);
            if (h.score() >= MIN_SCORE && inWindow) candidates.add(line(f, score));
        }
        candidates.sort(Comparator.comparingDouble(Recalled::score).reversed());
        List<Recalled> chosen = new ArrayList<>();
        int used = 0;
        for (Recalled r : candidates) {
            if (used + r.tokens() > tokenBudget) continue;
            chosen.add(r);
            used += r.tokens();
        }
        return new RecallResult(chosen, used, window);
    }

    /**
     * Answers a question about the past ("what did I decide about the venue last week?") from memory, citing
     * sources; says so plainly when nothing is remembered.
     */
    public Answer answer(String question) {
        RecallResult r = recall(question, 600);
        if (r.items().isEmpty()) {
            String when = r.window().map(w -> " " + w.expression()).orElse("");
            return new Answer("I don't remember anything about that" + when + ".", List.of());
        }
        List<Recalled> top = r.items().subList(0, Math.min(3, r.items().size()));
        StringBuilder b = new StringBuilder();
        Recalled best = top.get(0);
        b.append(best.text()).append(" (").append(best.source()).append(")");
        for (Recalled other : top.subList(1, top.size())) {
            b.append("\nAlso: ").append(other.text()).append(" (").append(other.source()).append(")");
        }
        return new Answer(b.toString(), top);
    }

    /** An answer from memory and the memories it rests on. */
    public record Answer(String text, List<Recalled> sources) {}

    private double recency(Instant at) {
        double days = Math.max(0, (clock.instant().toEpochMilli() - at.toEpochMilli()) / 86_400_000.0);
        return 0.05 / (1 + days / 7);
    }

    private Recalled line(Episode e, double score) {
        Interaction i = e.interaction();
        String day = DAY.format(i.at().atZone(zone));
        String result = i.result().length() > 240 ? i.result().substring(0, 240) + "…" : i.result();
        String text = "On " + day + " you said \"" + i.utterance() + "\"" + (result.isEmpty() ? "" : "; Clay answered \"" + result + "\"");
        return new Recalled("episode", e.id(), text, "episode #" + e.id() + ", " + day, i.at(), score, tokens.applyAsInt(text) + 8);
    }

    private Recalled line(Fact f, double score) {
        String text = f.text();
        String source = "fact #" + f.id() + ", " + f.source();
        return new Recalled("fact", f.id(), text, source, f.updated(), score, tokens.applyAsInt(text) + 8);
    }
}
