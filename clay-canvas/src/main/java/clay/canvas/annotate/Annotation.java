package clay.canvas.annotate;

import clay.core.InvalidInputException;
import java.time.Instant;
import java.util.Objects;

/**
 * A note on the span {@code [start, end)} (character offsets) of one version of a file.
 *
 * @param id unique within the file
 * @param quote the annotated text, so the note can be re-anchored or shown without the file
 */
public record Annotation(String id, int start, int end, String quote, String note, Instant created) {
    public Annotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(created, "created");
        if (start < 0 || end < start) throw new InvalidInputException("annotation span [" + start + ", " + end + ") is not a range", "Select some text, then add the note.");
        if (note == null || note.isBlank()) throw new InvalidInputException("an annotation needs a note", "Type the note before saving.");
        if (note.length() > 10_000) throw new InvalidInputException("note is longer than 10000 characters", "Shorten the note.");
    }
}
