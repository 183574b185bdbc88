package clay.intelligence.intent;

import clay.core.InvalidInputException;
import java.util.Locale;

/**
 * What carrying out an intent can do to the user's data. Every catalog entry declares one; the runtime decides from it
 * how sure it must be before acting on a sentence and whether the user has to say yes first.
 */
public enum SafetyClass {
    /** Only reads or answers (time, find, recall, translate): acts on any reading. */
    READ_ONLY("read-only"),
    /** Adds or changes something that can be undone (a fact, a file, a tag): below the threshold Clay asks "did you mean". */
    CREATES("creates"),
    /** Removes something for good (forget, delete a file): needs a confident reading, a preview and the user's yes. */
    DESTROYS("destroys");

    private final String wire;

    SafetyClass(String wire) {
        this.wire = wire;
    }

    public String wireName() {
        return wire;
    }

    public static SafetyClass fromWire(String s) {
        for (SafetyClass c : values()) if (c.wire.equals(s.toLowerCase(Locale.ROOT))) return c;
        throw new InvalidInputException("unknown safety class '" + s + "'", "use one of read-only, creates, destroys");
    }
}
