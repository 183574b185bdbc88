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
 * Replaces personal data by placeholders: runs every detector (rules, and the local model when one is configured) over
 * the text as {@link Normalized} folds it (full-width, look-alike, invisible and odd-space characters) and maps what
 * they find back onto the original characters, applies the user's allow and deny lists, catches later mentions of values already seen in the conversation (a
 * surname alone after the full name), resolves overlaps (deny-list entries first, then the longest span) and
 * rewrites the text through the conversation's {@link PlaceholderMap}. {@link #redactAll} does this for all the texts
 * of one request at once, so a value split between two of them is caught.
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
        return List.of(new PatternDetector(), new AddressDetector(), new NameDetector(), new SpecialCategoryDetector());
    }

    /** Finds the personal data in {@code text} without replacing it. */
    public List<Span> find(String text, PlaceholderMap conversation) {
        return choose(candidates(text, conversation, null));
    }

    /** Redacts {@code text}, numbering placeholders in {@code conversation} so they stay stable across messages. */
    public Redaction redact(String text, PlaceholderMap conversation) {
        return replace(text, find(text, conversation), conversation);
    }

    /**
     * Redacts the texts of one request together, so that a value split across two of them ({@code "4111 1111"} then
     * {@code "1111 1111"}, {@code "tom.becker@"} then {@code "example.org"}) is found as one: each text is read alone,
     * and the texts are also read joined (directly, for e-mail addresses, numbers and keys; with a space, for names and
     * addresses), keeping from the joined reading the values that cross from one text into the next. Each piece of a
     * split value is replaced in its own text by its own placeholder.
     */
    public List<Redaction> redactAll(List<String> texts, PlaceholderMap conversation) {
        int n = texts.size();
        int[] base = new int[n + 1];
        for (int i = 0; i < n; i++) base[i + 1] = base[i] + texts.get(i).length();
        String direct = String.join("", texts);
        List<Candidate> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Candidate c : candidates(texts.get(i), conversation, null)) all.add(c.shift(base[i], direct));
        }
        if (n > 1) {
            for (Candidate c : candidates(direct, conversation, STRUCTURED)) {
                if (crosses(c.span(), base)) all.add(c);
            }
            String spaced = String.join(" ", texts);
            for (Candidate c : candidates(spaced, conversation, null)) {
                Candidate mapped = c.fromSpaced(base, direct);
                if (mapped != null && crosses(mapped.span(), base)) all.add(mapped);
            }
        }
        List<Span> chosen = choose(all);
        List<Redaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String text = texts.get(i);
            List<Span> pieces = new ArrayList<>();
            for (Span s : chosen) {
                int from = Math.max(s.start(), base[i]) - base[i], to = Math.min(s.end(), base[i + 1]) - base[i];
                if (from < to && text.substring(from, to).codePoints().anyMatch(Character::isLetterOrDigit)) {
                    pieces.add(Span.of(text, from, to, s.type()));
                }
            }
            out.add(replace(text, pieces, conversation));
        }
        return out;
    }

    /** The classes whose values are read across texts joined without a space (names and addresses need one). */
    private static final Set<DataClass> STRUCTURED = java.util.EnumSet.complementOf(
            java.util.EnumSet.of(DataClass.PERSON, DataClass.ADDRESS, DataClass.SPECIAL));

    private static boolean crosses(Span s, int[] base) {
        for (int i = 1; i < base.length - 1; i++) {
            if (s.start() < base[i] && base[i] < s.end()) return true;
        }
        return false;
    }

    private static Redaction replace(String text, List<Span> spans, PlaceholderMap conversation) {
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (Span s : spans) {
            out.append(text, pos, s.start()).append(conversation.placeholder(s.type(), s.value()));
            pos = s.end();
        }
        out.append(text.substring(pos));
        return new Redaction(out.toString(), spans);
    }

    /** A span found, and whether the deny list named it (those win every overlap). */
    private record Candidate(Span span, boolean denied) {
        Candidate shift(int by, String into) {
            return new Candidate(Span.of(into, span.start() + by, span.end() + by, span.type()), denied);
        }

        /** From the texts joined with one space to the texts joined directly; null when it is only a separator. */
        Candidate fromSpaced(int[] base, String direct) {
            int start = -1, end = -1;
            for (int i = 0; i < base.length - 1; i++) {
                int sFrom = base[i] + i, sTo = base[i + 1] + i; // text i in the spaced join
                if (start < 0 && span.start() < sTo + 1) start = base[i] + Math.max(0, Math.min(span.start(), sTo) - sFrom);
                if (span.end() <= sTo + 1) {
                    end = base[i] + Math.max(0, Math.min(span.end(), sTo) - sFrom);
                    break;
                }
            }
            if (start < 0 || end <= start) return null;
            return new Candidate(Span.of(direct, start, end, span.type()), denied);
        }
    }

    /**
     * Every detector's findings in {@code text} (optionally only of some classes), read through {@link Normalized} and
     * mapped back onto the original characters, with the allow list applied and later mentions of known values added.
     */
    private List<Candidate> candidates(String text, PlaceholderMap conversation, Set<DataClass> only) {
        Normalized norm = Normalized.of(text);
        String view = norm.text();
        List<Span> spans = new ArrayList<>();
        for (Detector d : detectors) {
            for (Span s : d.detect(view)) {
                if (s.end() <= view.length() && (only == null || only.contains(s.type()))) spans.add(s);
            }
        }
        spans.removeIf(this::allowed);
        List<Span> denied = new ArrayList<>();
        deny.forEach((term, type) -> occurrences(view, Normalized.of(term).text(), type, denied, true));
        Map<String, DataClass> known = conversation.values();
        for (Span s : List.copyOf(spans)) {
            if (s.type() == DataClass.PERSON) known.putIfAbsent(s.value(), DataClass.PERSON);
        }
        List<Span> later = new ArrayList<>();
        known.forEach((value, type) -> {
            String v = Normalized.of(value).text();
            occurrences(view, v, type, later, false);
            if (type == DataClass.PERSON) {
                for (String part : v.split("[\\s-]+")) {
                    if (part.length() >= 3 && Character.isUpperCase(part.charAt(0)) && !Lexicon.common(part.toLowerCase(Locale.ROOT))
                            && !part.equals(v)) {
                        occurrences(view, part, DataClass.PERSON, later, false);
                    }
                }
            }
        });
        spans.addAll(later);
        spans.removeIf(this::allowed);
        List<Candidate> out = new ArrayList<>();
        for (Span s : denied) out.add(new Candidate(back(text, norm, s), true));
        for (Span s : spans) {
            Span b = back(text, norm, s);
            if (!insidePlaceholder(text, b)) out.add(new Candidate(b, false));
        }
        return out;
    }

    private static Span back(String original, Normalized norm, Span s) {
        return Span.of(original, norm.originalStart(s.start()), norm.originalEnd(s.end()), s.type());
    }

    /** Deny-list spans first, then the longest span wins each overlap. */
    private static List<Span> choose(List<Candidate> candidates) {
        List<Span> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.denied() && chosen.stream().noneMatch(x -> x.overlaps(c.span()))) chosen.add(c.span());
        }
        List<Span> rest = new ArrayList<>(candidates.stream().filter(c -> !c.denied()).map(Candidate::span).toList());
        rest.sort(Comparator.comparingInt(Span::length).reversed().thenComparingInt(Span::start));
        for (Span s : rest) {
            if (chosen.stream().noneMatch(c -> c.overlaps(s))) chosen.add(s);
        }
        chosen.sort(Comparator.comparingInt(Span::start));
        return chosen;
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

    /**
     * A span that lies wholly inside a placeholder already in the text ({@code <PERSON_1>}) is the placeholder, not
     * data. A span that only touches one is data wearing a placeholder as a prefix ({@code PERSON_1.tom@example.org},
     * {@code CARD_4111 1111 ...}) and is replaced whole.
     */
    private static boolean insidePlaceholder(String text, Span s) {
        Matcher m = PlaceholderMap.PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.start() <= s.start() && s.end() <= m.end()) return true;
        }
        return false;
    }
}
