package clay.core;

import java.util.Locale;
import java.util.Objects;

/**
 * A permission a program or skill may hold, written {@code kind:argument} ({@code read:~/documents},
 * {@code network:api.weather.com:443}, {@code notify}). Kinds without an argument must have an empty one.
 *
 * @param kind what sort of access
 * @param argument the path, host, program or variable it applies to; empty for argument-less kinds
 */
public record Capability(Kind kind, String argument) {

    /** The closed set of capability kinds. */
    public enum Kind {
        READ(true), WRITE(true), NETWORK(true), EXEC(true), ENV(true),
        UI(true), LLM(true), NOTIFY(false), CLIPBOARD(false);

        private final boolean takesArgument;

        Kind(boolean takesArgument) {
            this.takesArgument = takesArgument;
        }

        public boolean takesArgument() {
            return takesArgument;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Capability {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(argument, "argument");
        if (kind.takesArgument() && argument.isBlank()) {
            throw new InvalidInputException("capability '" + kind.wireName() + "' needs an argument",
                    "write it as " + kind.wireName() + ":VALUE");
        }
        if (!kind.takesArgument() && !argument.isEmpty()) {
            throw new InvalidInputException("capability '" + kind.wireName() + "' takes no argument", null);
        }
        if (kind == Kind.LLM && !argument.equals("local") && !argument.equals("cloud")) {
            throw new InvalidInputException("capability 'llm:" + argument + "' is unknown", "use llm:local or llm:cloud");
        }
        if (kind == Kind.UI && !argument.equals("surface")) {
            throw new InvalidInputException("capability 'ui:" + argument + "' is unknown", "use ui:surface");
        }
    }

    /** Parses {@code kind[:argument]}, throwing {@link InvalidInputException} with the reason on bad text. */
    public static Capability parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int colon = t.indexOf(':');
        String kindName = colon < 0 ? t : t.substring(0, colon);
        String arg = colon < 0 ? "" : t.substring(colon + 1);
        for (Kind k : Kind.values()) {
            if (k.wireName().equals(kindName)) return new Capability(k, arg);
        }
        throw new InvalidInputException("unknown capability '" + text + "'",
                "use one of read:, write:, network:, exec:, env:, ui:surface, llm:local, llm:cloud, notify, clipboard");
    }

    @Override
    public String toString() {
        return argument.isEmpty() ? kind.wireName() : kind.wireName() + ":" + argument;
    }
}
