package clay.intelligence.intent;

import clay.core.InvalidInputException;
import java.util.Locale;

/** What kind of work an intent asks for; the router's default policy is a table over these. */
public enum IntentKind {
    /** Answered by an offline skill with no model (time, date, status, settings, help). */
    OFFLINE,
    /** Easy for a small local model (translate a sentence, summarize a short text, show a chart). */
    SIMPLE,
    /** Touches personal data or private files: stays local unless the user says otherwise. */
    PERSONAL,
    /** Needs deep reasoning or broad knowledge. */
    REASONING,
    /** Produces a draft a user reads: local draft, cloud polish. */
    DRAFT,
    /** Writes, runs or debugs code: local first, verified, escalated only when the check fails. */
    CODE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IntentKind fromWire(String s) {
        for (IntentKind k : values()) if (k.wireName().equals(s)) return k;
        throw new InvalidInputException("unknown intent kind '" + s + "'",
                "use one of offline, simple, personal, reasoning, draft, code");
    }
}
