package clay.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What the user said, typed or gestured, before it is understood.
 *
 * @param text the words (a transcription for voice, a mapped phrase for gestures); never blank
 * @param source how it arrived
 * @param at when it arrived
 */
public record Utterance(String text, Source source, Instant at) {
    public Utterance {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (text.isBlank()) throw new InvalidInputException("empty utterance", "say or type what you want");
    }

    public static Utterance text(String text) {
        return new Utterance(text, Source.TEXT, Instant.now());
    }
}
