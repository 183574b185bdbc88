package clay.intelligence.proxy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data by placeholders: runs every detector (rules, and the local model when one is configured),
 * applies the user's allow and deny lists, catches later mentions of values already seen in the conversation (a
 * surname alone after the full name), resolves overlaps (deny-list entries first, then the longest span) and
 * rewrites the text through the conversation's {@link PlaceholderMap}.
 *
 * <pre>{@code
 * Redactor r = Redactor.rules(Set.of("Clay"), Map.of("Project Falcon", DataClass.PRIVATE));
 * Redaction out = r.redact("Mail maria@example.org about Project Falcon", new PlaceholderMap());
 * }</pre>
 */
public final class Redactor {
    private final List<Detector> detectors;
    private final Set<String> allow;
    private final Map<String, DataClass> deny;

    public Redactor(List<Detector> detectors, Set<String> allow, Map<String, DataClass> deny) {
        this.detectors = List.copyOf(detectors);
        this.allow = allow.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        this.deny = Map.copyOf(deny);
    }

    /** The rule-based detectors only. */
    public static Redactor rules(Set<String> allow, Map<String, DataClass> deny) {
        return new Redactor(ruleDetectors(), allow, deny);
    }

    public static List<Detector> ruleDetectors() {
        return List.of(new PatternDetector(), new AddressDetector(), new NameDetector());
    }

    /** Finds the personal data in {@code text} without replacing it. */
    public List<Span> find(String text, PlaceholderMap conversation) {
        List<Span> spans = new ArrayList<>();
        for (Detector d : detectors) {
            for (Span s : d.detect(text)) {
                if (s.end() <= text.length()) spans.add(s);
            }
        }
        spans.removeIf(this::allowed);
        List<Span> denied = new ArrayList<>();
        deny.forEach((term, type) -> occurrences(text, term, type, denied, true));
        Map<String, DataClass> known = conversation.values();
        for (Span s : List.copyOf(spans)) {
            if (s.type() == DataClass.PERSON) known.putIfAbsent(s.value(), DataClass.PERSON);
        }
        List<Span> later = new ArrayList<>();
        known.forEach((value, type) -> {
            occurrences(text, value, type, later, false);
            if (type == DataClass.PERSON) {
                for (String part : value.split("[\\s-]+")) {
                    if (part.length() >= 3 && Character.isUpperCase(part.charAt(0)) && !Lexicon.common(part.toLowerCase(Locale.ROOT))
                            && !part.equals(value)) {
                        occurrences(text, part, DataClass.PERSON, later, false);
                    }
                }
            }
        });
        spans.addAll(later);
        spans.removeIf(s -> allowed(s) || insidePlaceholder(text, s));
        List<Span> chosen = new ArrayList<>(denied);
        spans.sort(Comparator.comparingInt(Span::length).reversed().thenComparingInt(Span::start));
        for (Span s : spans) {
            if (chosen.stream().noneMatch(c -> c.overlaps(s))) chosen.add(s);
        }
        chosen.sort(Comparator.comparingInt(Span::start));
        return chosen;
    }

    /** Redacts {@code text}, numbering placeholders in {@code conversation} so they stay stable across messages. */
    public Redaction redact(String text, PlaceholderMap conversation) {
        List<Span> spans = find(text, conversation);
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (Span s : spans) {
            out.append(text, pos, s.start()).append(conversation.placeholder(s.type(), s.value()));
            pos = s.end();
        }
        out.append(text.substring(pos));
        return new Redaction(out.toString(), spans);
    }

    /** On the allow list: the value itself, or a name made only of words of allowed values ("Maria" of "Maria Gonzalez"). */
    private boolean allowed(Span s) {
        String v = s.value().strip().toLowerCase(Locale.ROOT);
        if (allow.contains(v)) return true;
        if (s.type() != DataClass.PERSON || allow.isEmpty()) return false;
        Set<String> words = new java.util.HashSet<>();
        for (String a : allow) words.addAll(List.of(a.split("[\\s-]+")));
        return words.containsAll(List.of(v.split("[\\s-]+")));
    }

    private static void occurrences(String text, String term, DataClass type, List<Span> out, boolean ignoreCase) {
        if (term.isBlank()) return;
        Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])",
                ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        Matcher m = p.matcher(text);
        while (m.find()) out.add(Span.of(text, m.start(), m.end(), type));
    }

    private static boolean insidePlaceholder(String text, Span s) {
        Matcher m = PlaceholderMap.PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.start() < s.end() && s.start() < m.end()) return true;
        }
        return false;
    }
}
