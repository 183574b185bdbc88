package clay.sandbox.approval;

import clay.core.InvalidInputException;
import java.util.Locale;

/** A user's answer to an approval request. */
public enum Decision {
    /** Run this time only; ask again next time. */
    ONCE,
    /** Run now and whenever this exact code (same hash) runs again. */
    ALWAYS,
    /** Refuse now and whenever this exact code asks again. */
    NEVER;

    public boolean allows() {
        return this != NEVER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Decision parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "once", "o", "yes", "y" -> ONCE;
            case "always", "a" -> ALWAYS;
            case "never", "n", "no", "deny" -> NEVER;
            default -> throw new InvalidInputException("unknown decision '" + text + "'", "answer once, always or never");
        };
    }
}
