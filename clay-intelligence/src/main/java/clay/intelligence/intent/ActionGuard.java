package clay.intelligence.intent;

import clay.core.Intent;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a reading of a sentence may be acted on, from the intent's {@link SafetyClass}, how sure the reading
 * is and how the sentence is worded. A question is never an action; a {@code destroys} reading needs a calibrated
 * confidence of at least {@link #DESTROYS_FLOOR}, a destructive verb said as a whole word, and the user's yes after a
 * preview; a {@code creates} reading below {@link #CREATES_FLOOR} is offered back as "did you mean". Gestures (a button
 * the user pressed) carry their intent explicitly and are judged by their class alone.
 *
 * <pre>{@code
 * ActionGuard.Verdict v = ActionGuard.judge(intent, SafetyClass.DESTROYS);
 * }</pre>
 */
public final class ActionGuard {
    /**
     * The classifier's confidence is a temperature-calibrated probability (see {@code docs/benchmarks.md}): at 0.8 a
     * reading is right about four times in five, and the preview plus yes catch the rest.
     */
    public static final double DESTROYS_FLOOR = 0.8;
    /** Below this a reading that would add or change something is only suggested. */
    public static final double CREATES_FLOOR = 0.5;

    private static final Pattern QUESTION_START = Pattern.compile(
            "^(what|what's|whats|who|whom|whose|when|where|which|why|how|do|does|did|is|are|was|were|have|has|had|"
                    + "am|shall|should|may|might|tell me what|remind me what)\\b.*");
    private static final Pattern POLITE_REQUEST = Pattern.compile("^(can|could|would|will) you (please )?(forget|delete|remove|erase|wipe|clear|remember|note|save|store|make|create|write|run|tag|set|remind)\\b.*");
    private static final Set<String> DESTRUCTIVE_VERBS = Set.of("forget", "delete", "remove", "erase", "wipe", "clear",
            "purge", "drop", "trash", "discard", "unlearn", "scrub", "destroy");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private ActionGuard() {}

    /** What the runtime may do with a reading. */
    public sealed interface Verdict {
        /** Act on it now. */
        record Act() implements Verdict {}

        /** Show what would change and act only on the user's yes. */
        record Confirm() implements Verdict {}

        /** Do nothing; suggest the reading ("did you mean …?"). */
        record Suggest(String why) implements Verdict {}

        /** Do nothing at all: the sentence does not ask for this action. */
        record Refuse(String why) implements Verdict {}
    }

    /** Judges {@code intent} (of safety class {@code safety}) as read from its utterance. */
    public static Verdict judge(Intent intent, SafetyClass safety) {
        if (safety == SafetyClass.READ_ONLY) return new Verdict.Act();
        boolean gesture = intent.source() == clay.core.Source.GESTURE;
        String text = String.valueOf(intent.context().getOrDefault("text", ""));
        if (!gesture && isQuestion(text)) return new Verdict.Refuse("a question is not a request to change anything");
        return switch (safety) {
            case READ_ONLY -> new Verdict.Act();
            case CREATES -> gesture || intent.confidence() >= CREATES_FLOOR ? new Verdict.Act()
                    : new Verdict.Suggest(String.format(Locale.ROOT, "not sure enough (%.2f < %.2f)", intent.confidence(), CREATES_FLOOR));
            case DESTROYS -> {
                if (gesture) yield new Verdict.Confirm();
                if (intent.confidence() < DESTROYS_FLOOR) {
                    yield new Verdict.Refuse(String.format(Locale.ROOT, "not sure enough to remove anything (%.2f < %.2f)",
                            intent.confidence(), DESTROYS_FLOOR));
                }
                if (!saysToDestroy(text)) yield new Verdict.Refuse("the sentence has no word like forget, delete or erase");
                yield new Verdict.Confirm();
            }
        };
    }

    /** Whether {@code text} is worded as a question ("what do you remember about me", "do you know…", "…?"). */
    public static boolean isQuestion(String text) {
        String t = normalize(text);
        if (t.isEmpty()) return false;
        if (POLITE_REQUEST.matcher(t).matches()) return false;
        return t.endsWith("?") || QUESTION_START.matcher(t).matches();
    }

    /** Whether {@code text} holds a destructive verb as a whole word ("forget", not "forgetful"; "clear", not "nuclear"). */
    public static boolean saysToDestroy(String text) {
        var m = WORD.matcher(normalize(text));
        while (m.find()) {
            if (DESTRUCTIVE_VERBS.contains(m.group())) return true;
        }
        return false;
    }

    private static String normalize(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
