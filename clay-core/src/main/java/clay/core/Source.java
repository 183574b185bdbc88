package clay.core;

import java.util.Locale;

/** Where an utterance or intent came from. */
public enum Source {
    TEXT,
    VOICE,
    GESTURE;

    /** The lower-case wire name used in the intent schema. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, throwing {@link InvalidInputException} for anything else. */
    public static Source fromWire(String name) {
        for (Source s : values()) {
            if (s.wireName().equals(name)) return s;
        }
        throw new InvalidInputException("unknown source '" + name + "'", "use one of text, voice, gesture");
    }
}
