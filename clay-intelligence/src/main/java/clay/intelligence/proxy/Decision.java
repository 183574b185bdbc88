package clay.intelligence.proxy;

import clay.core.InvalidInputException;
import java.util.Locale;

/** What the proxy does with a cloud request, from the most to the least permissive. */
public enum Decision {
    /** Send as written. */
    SEND,
    /** Send with personal data replaced by placeholders (the default). */
    SEND_REDACTED,
    /** Show the user exactly what would leave and wait for an answer; no answer in time means no. */
    ASK,
    /** Never send; the local model answers instead. */
    NEVER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stricter of the two. */
    public Decision strictest(Decision other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public static Decision fromWire(String s) {
        String n = s.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Decision d : values()) {
            if (d.name().equals(n)) return d;
        }
        throw new InvalidInputException("unknown proxy decision '" + s + "'", "use send, send_redacted, ask or never");
    }
}
