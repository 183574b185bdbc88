package clay.intelligence.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code clay bench redaction}: runs the rule redactor over a labelled set (one sentence a line, personal values
 * marked {@code {{CLASS|value}}}) and measures what leaves. A labelled value counts as protected when every one of its
 * words (except common words such as "Street") was replaced; precision is the share of replaced characters that
 * were personal; other-words-changed is the share of unlabelled words touched; restoration checks that the
 * restored answer (whole, and streamed in random chunks, with placeholders echoed bare or bracketed) equals the
 * original.
 *
 * <pre>{@code
 * RedactionBench.Result r = RedactionBench.run(Optional.empty(), 42);
 * }</pre>
 */
public final class RedactionBench {
    private static final Pattern MARK = Pattern.compile("\\{\\{([A-Z_]+)\\|(.+?)}}");
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’@._/:+#&!-]*");

    /** The numbers of one run. */
    public record Result(int sentences, int labelledValues, int protectedValues, double recall, double charRecall,
            double precision, int otherWords, int otherWordsChanged, double otherWordsChangedRate, int placeholders,
            int restoredSentences, double restoration, Map<DataClass, int[]> perClass, List<String> leaks,
            List<String> falsePositives) {

        public String markdown() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "| metric | value |%n|---|---|%n"));
            b.append(String.format(Locale.ROOT, "| sentences | %d |%n| labelled personal values | %d |%n", sentences, labelledValues));
            b.append(String.format(Locale.ROOT, "| values that never left (recall) | %.1f%% (%d/%d) |%n", 100 * recall, protectedValues, labelledValues));
            b.append(String.format(Locale.ROOT, "| personal characters replaced | %.1f%% |%n", 100 * charRecall));
            b.append(String.format(Locale.ROOT, "| precision (replaced characters that were personal) | %.1f%% |%n", 100 * precision));
            b.append(String.format(Locale.ROOT, "| other words changed | %.2f%% (%d/%d) |%n", 100 * otherWordsChangedRate, otherWordsChanged, otherWords));
            b.append(String.format(Locale.ROOT, "| restoration (whole + streamed, exact) | %.1f%% (%d/%d) |%n%n", 100 * restoration, restoredSentences, sentences));
            b.append(String.format(Locale.ROOT, "| class | protected / labelled |%n|---|---|%n"));
            perClass.forEach((c, v) -> b.append(String.format(Locale.ROOT, "| %s | %d / %d |%n", c.wireName(), v[0], v[1])));
            return b.toString();
        }
    }

    private RedactionBench() {}

    /** The labelled sets that ship with Clay: the tuning set and two held-out sets. */
    public static final List<String> BUILT_IN = List.of("redaction-set", "redaction-holdout", "redaction-holdout2");

    /** Runs over {@code set} (or the built-in tuning set when empty), streaming with chunk sizes drawn from {@code seed}. */
    public static Result run(java.util.Optional<Path> set, long seed) {
        return run(set.map(RedactionBench::read).orElseGet(() -> builtIn(BUILT_IN.get(0))), seed);
    }

    /** Runs over one of the {@link #BUILT_IN} sets. */
    public static Result runBuiltIn(String name, long seed) {
        if (!BUILT_IN.contains(name)) {
            throw new clay.core.InvalidInputException("no built-in redaction set '" + name + "'", "use one of " + BUILT_IN + " or a file");
        }
        return run(builtIn(name), seed);
    }

    /**
     * Runs over one of the {@link #BUILT_IN} sets with its labelled values disguised ({@link Disguises}: no-break
     * spaces, full-width digits, zero-width spaces, look-alike letters), drawn from {@code disguiseSeed}.
     */
    public static Result runBuiltInDisguised(String name, long seed, long disguiseSeed) {
        runBuiltIn(name, seed); // validates the name
        return run(Disguises.apply(builtIn(name), disguiseSeed), seed);
    }

    private static Result run(List<String> lines, long seed) {
        Redactor redactor = Redactor.rules(java.util.Set.of(), Map.of());
        Random random = new Random(seed);
        int values = 0, protectedCount = 0, otherWords = 0, otherChanged = 0, placeholders = 0, restored = 0, sentences = 0;
        long labelledChars = 0, labelledCovered = 0, replacedChars = 0, replacedPersonal = 0;
        Map<DataClass, int[]> perClass = new EnumMap<>(DataClass.class);
        List<String> leaks = new ArrayList<>(), falsePositives = new ArrayList<>();
        for (String raw : lines) {
            if (raw.isBlank() || raw.startsWith("#")) continue;
            sentences++;
            StringBuilder text = new StringBuilder();
            List<Span> labels = new ArrayList<>();
            Matcher m = MARK.matcher(raw);
            int pos = 0;
            while (m.find()) {
                text.append(raw, pos, m.start());
                int start = text.length();
                text.append(m.group(2));
                labels.add(new Span(start, text.length(), DataClass.fromWire(m.group(1)), m.group(2)));
                pos = m.end();
            }
            text.append(raw.substring(pos));
            String sentence = text.toString();
            PlaceholderMap map = new PlaceholderMap();
            Redaction r = redactor.redact(sentence, map);
            boolean[] covered = new boolean[sentence.length()];
            for (Span s : r.spans()) for (int i = s.start(); i < s.end(); i++) covered[i] = true;
            boolean[] personal = new boolean[sentence.length()];
            for (Span l : labels) {
                for (int i = l.start(); i < l.end(); i++) personal[i] = true;
                values++;
                int[] pc = perClass.computeIfAbsent(l.type(), k -> new int[2]);
                pc[1]++;
                boolean ok = true;
                Matcher w = WORDS.matcher(l.value());
                while (w.find()) {
                    String word = w.group().toLowerCase(Locale.ROOT);
                    boolean needed = (!Lexicon.common(word) && !NameDetector.TITLES.contains(word.replace(".", "")))
                            || word.chars().anyMatch(Character::isDigit);
                    for (int i = l.start() + w.start(); i < l.start() + w.end(); i++) {
                        if (Character.isLetterOrDigit(sentence.charAt(i))) {
                            labelledChars++;
                            if (covered[i]) labelledCovered++;
                            else if (needed) ok = false;
                        }
                    }
                }
                if (ok) {
                    protectedCount++;
                    pc[0]++;
                } else {
                    leaks.add(l.type().wireName() + " '" + l.value() + "' in: " + r.text());
                }
            }
            for (int i = 0; i < sentence.length(); i++) {
                if (covered[i] && !Character.isWhitespace(sentence.charAt(i))) {
                    replacedChars++;
                    if (personal[i]) replacedPersonal++;
                }
            }
            Matcher w = WORDS.matcher(sentence);
            while (w.find()) {
                boolean inLabel = false, touched = false;
                for (int i = w.start(); i < w.end(); i++) {
                    inLabel |= personal[i];
                    touched |= covered[i];
                }
                if (inLabel) continue;
                otherWords++;
                if (touched) {
                    otherChanged++;
                    falsePositives.add("'" + w.group() + "' in: " + sentence);
                }
            }
            placeholders += r.spans().size();
            if (restores(r.text(), sentence, map, random)) restored++;
            else leaks.add("not restored: " + r.text());
        }
        double recall = values == 0 ? 1 : (double) protectedCount / values;
        return new Result(sentences, values, protectedCount, recall,
                labelledChars == 0 ? 1 : (double) labelledCovered / labelledChars,
                replacedChars == 0 ? 1 : (double) replacedPersonal / replacedChars, otherWords, otherChanged,
                otherWords == 0 ? 0 : (double) otherChanged / otherWords, placeholders, restored,
                sentences == 0 ? 1 : (double) restored / sentences, perClass, leaks, falsePositives);
    }

    /** The answer a model might give: the redacted text with some placeholders bare or in square brackets. */
    private static boolean restores(String redacted, String original, PlaceholderMap map, Random random) {
        Matcher p = PlaceholderMap.PLACEHOLDER.matcher(redacted);
        StringBuilder echoed = new StringBuilder();
        while (p.find()) {
            String core = p.group(1) + "_" + p.group(2);
            String form = switch (random.nextInt(3)) {
                case 0 -> "<" + core + ">";
                case 1 -> core;
                default -> "[" + core + "]";
            };
            p.appendReplacement(echoed, Matcher.quoteReplacement(form));
        }
        p.appendTail(echoed);
        String answer = echoed.toString();
        if (!map.restore(answer).equals(original)) return false;
        PlaceholderMap.StreamRestorer s = map.streamRestorer();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < answer.length()) {
            int n = 1 + random.nextInt(6);
            out.append(s.feed(answer.substring(i, Math.min(answer.length(), i + n))));
            i += n;
        }
        out.append(s.flush());
        return out.toString().equals(original);
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new clay.core.InvalidInputException("cannot read the redaction set " + p + ": " + e.getMessage(),
                    "give a UTF-8 file with one sentence a line and values marked {{CLASS|value}}");
        }
    }

    private static List<String> builtIn(String name) {
        try (InputStream in = RedactionBench.class.getResourceAsStream("bench/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the numbers; {@code args[0]} may name a labelled set. */
    public static void main(String[] args) {
        Result r = run(args.length > 0 ? java.util.Optional.of(Path.of(args[0])) : java.util.Optional.empty(), 42);
        System.out.println(r.markdown());
        System.out.println("leaks:");
        r.leaks().forEach(l -> System.out.println("  " + l));
        System.out.println("false positives:");
        r.falsePositives().forEach(l -> System.out.println("  " + l));
    }
}
