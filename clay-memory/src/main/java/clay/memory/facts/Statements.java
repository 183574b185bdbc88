package clay.memory.facts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads facts out of what the user says: "remember that ...", and the subject a fact is about. */
public final class Statements {
    private static final Pattern REMEMBER = Pattern.compile(
            "(?is)^\\s*(?:hey clay,?\\s*|clay,?\\s*|please\\s+|pls\\s+)*(?:remember|note|keep in mind|don't forget|do not forget|"
                    + "make a note|bear in mind)\\b(?:\\s+(?:that|this))?\\s*[:,-]?\\s*(.{3,})$");
    private static final Pattern VERB = Pattern.compile(
            "\\b(is|are|was|were|has|have|had|lives|live|works|work|prefers|prefer|likes|like|loves|love|hates|hate|"
                    + "moved|moves|starts|start|ends|end|costs|meets|meet|uses|use|wants|want|needs|need|decided|decide|"
                    + "will|should|must|always|never|usually|'s birthday|goes|go|drinks|drink|eats|eat|speaks|speak)\\b");
    private static final Pattern PREFERENCE = Pattern.compile("(?i)\\b(prefer|prefers|like|likes|love|loves|hate|hates|"
            + "always|never|usually|want|wants)\\b");
    private static final Pattern DECISION = Pattern.compile("(?i)\\b(decided|decide|we will|we'll|i will|i'll|agreed|"
            + "chose|chosen|going with|go with|settled on|plan is)\\b");

    private Statements() {}

    /** The fact in "remember that my constituents are in district 12", if the utterance asks to remember one. */
    public static Optional<String> explicitFact(String utterance) {
        Matcher m = REMEMBER.matcher(utterance);
        if (!m.matches()) return Optional.empty();
        String fact = m.group(1).strip().replaceAll("[.!]+$", "");
        if (fact.isBlank()) return Optional.empty();
        return Optional.of(Character.toUpperCase(fact.charAt(0)) + fact.substring(1));
    }

    /** {@code preference}, {@code decision} or {@code fact}. */
    public static String kind(String text) {
        if (DECISION.matcher(text).find()) return "decision";
        if (PREFERENCE.matcher(text).find()) return "preference";
        return "fact";
    }

    /**
     * The words before the main verb ("my constituents" of "my constituents are in district 12"); for "I prefer formal
     * letters" the pronoun, the verb and the last word ("i prefer letters"), so changed preferences about the same
     * thing find each other.
     */
    public static String subject(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").replaceAll("\\s+", " ").strip();
        Matcher m = VERB.matcher(t);
        if (!m.find() || m.start() == 0 && !t.startsWith("i ")) return "";
        String before = t.substring(0, m.start()).strip();
        if (before.isEmpty() || before.matches("i|we|you|he|she|they|my|our")) {
            String[] rest = t.substring(m.end()).strip().split(" ");
            String last = rest.length == 0 ? "" : rest[rest.length - 1];
            return ((before.isEmpty() ? "i" : before) + " " + m.group(1) + " " + last).strip();
        }
        return before.replaceFirst("^(the|a|an) ", "");
    }
}
