package clay.memory.patterns;

import clay.memory.episodic.Episode;
import clay.memory.episodic.EpisodicMemory;
import clay.memory.episodic.Interaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Usage patterns over the last weeks of episodes: intents by part of day and weekday, and which intent tends to
 * follow which. Small and explainable on purpose: each suggestion says why it is made.
 */
public final class Patterns {
    static final Duration WINDOW = Duration.ofDays(28);
    private static final Set<String> NOT_WORK = Set.of("out_of_scope", "greeting", "help", "get_time", "smalltalk",
            "remember", "recall", "forget");

    private final EpisodicMemory episodes;
    private final Clock clock;
    private final ZoneId zone;

    public Patterns(EpisodicMemory episodes, Clock clock, ZoneId zone) {
        this.episodes = episodes;
        this.clock = clock;
        this.zone = zone;
    }

    /** The part of the day: {@code morning} 5-12, {@code afternoon} 12-17, {@code evening} 17-22, else {@code night}. */
    public static String partOfDay(ZonedDateTime t) {
        int h = t.getHour();
        return h >= 5 && h < 12 ? "morning" : h >= 12 && h < 17 ? "afternoon" : h >= 17 && h < 22 ? "evening" : "night";
    }

    /** How often each intent was started in each part of the day, over the last four weeks. */
    public Map<String, Map<String, Integer>> byPartOfDay() {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (Episode e : recent()) {
            out.computeIfAbsent(partOfDay(e.interaction().at().atZone(zone)), k -> new HashMap<>())
                    .merge(e.interaction().intent(), 1, Integer::sum);
        }
        return out;
    }

    /** How often intent B directly followed intent A (within two hours). */
    public Map<String, Map<String, Integer>> transitions() {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        Episode prev = null;
        for (Episode e : recent()) {
            if (prev != null && Duration.between(prev.interaction().at(), e.interaction().at()).compareTo(Duration.ofHours(2)) <= 0
                    && !prev.interaction().intent().equals(e.interaction().intent())) {
                out.computeIfAbsent(prev.interaction().intent(), k -> new HashMap<>()).merge(e.interaction().intent(), 1, Integer::sum);
            }
            prev = e;
        }
        return out;
    }

    /**
     * The boot greeting: the part of day's salutation and, when the user has a habit at this time on earlier days,
     * an offer to continue the latest piece of that work ("Good morning. Continue the HB302 letter?").
     */
    public Suggestion greeting() {
        ZonedDateTime now = clock.instant().atZone(zone);
        String part = partOfDay(now);
        String hello = switch (part) {
            case "morning" -> "Good morning.";
            case "afternoon" -> "Good afternoon.";
            case "evening" -> "Good evening.";
            default -> "Hello.";
        };
        LocalDate today = now.toLocalDate();
        Map<String, Integer> count = new HashMap<>();
        Map<String, Set<LocalDate>> days = new HashMap<>();
        Map<String, Interaction> latest = new HashMap<>();
        for (Episode e : recent()) {
            Interaction i = e.interaction();
            if (NOT_WORK.contains(i.intent())) continue;
            ZonedDateTime t = i.at().atZone(zone);
            latest.put(i.intent(), i);
            if (!partOfDay(t).equals(part) || t.toLocalDate().equals(today)) continue;
            count.merge(i.intent(), 1, Integer::sum);
            days.computeIfAbsent(i.intent(), k -> new java.util.HashSet<>()).add(t.toLocalDate());
        }
        Optional<String> habit = count.keySet().stream().filter(k -> days.get(k).size() >= 2)
                .max(Comparator.comparingInt((String k) -> days.get(k).size()).thenComparingInt(count::get));
        // without a habit, offer the most recent piece of work that has a subject
        Optional<Interaction> work = habit.map(latest::get).filter(i -> !i.subject().isEmpty())
                .or(() -> latestWithSubject());
        if (work.isEmpty()) return new Suggestion(hello, "", "", "no recent work to continue", 0);
        Interaction i = work.get();
        double confidence = habit.isPresent() ? Math.min(1.0, 0.4 + 0.1 * days.get(habit.get()).size()) : 0.3;
        String reason = habit.isPresent()
                ? "you worked on " + i.intent().replace('_', ' ') + " in the " + part + " on " + days.get(habit.get()).size() + " of the last days"
                : "it is the latest thing you worked on";
        return new Suggestion(hello + " Continue " + i.subject() + "?", i.intent(), i.subject(), reason, confidence);
    }

    /** What usually comes after {@code lastIntent}, if the user has done it at least twice. */
    public List<Suggestion> after(String lastIntent) {
        List<Suggestion> out = new ArrayList<>();
        Map<String, Integer> next = transitions().getOrDefault(lastIntent, Map.of());
        int total = next.values().stream().mapToInt(Integer::intValue).sum();
        next.entrySet().stream().filter(e -> e.getValue() >= 2 && !NOT_WORK.contains(e.getKey()))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(e -> out.add(new Suggestion("You often " + e.getKey().replace('_', ' ') + " next. Do that now?",
                        e.getKey(), "", "after " + lastIntent.replace('_', ' ') + " you did it " + e.getValue() + " times",
                        (double) e.getValue() / total)));
        return out;
    }

    private Optional<Interaction> latestWithSubject() {
        List<Episode> r = recent();
        for (int k = r.size() - 1; k >= 0; k--) {
            Interaction i = r.get(k).interaction();
            if (!i.subject().isEmpty() && !NOT_WORK.contains(i.intent())) return Optional.of(i);
        }
        return Optional.empty();
    }

    private List<Episode> recent() {
        Instant now = clock.instant();
        return episodes.between(now.minus(WINDOW), now.plusSeconds(1));
    }
}
