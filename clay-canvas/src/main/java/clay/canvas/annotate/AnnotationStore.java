package clay.canvas.annotate;

import java.util.List;

/**
 * Where notes on files live. Implementations must make {@link #add} durable before returning (a note the user saw
 * saved survives a crash) and must return notes in the order they were added.
 */
public interface AnnotationStore {

    List<Annotation> list(FileKey file);

    /** Stores a note and returns it with its id assigned. */
    Annotation add(FileKey file, int start, int end, String quote, String note);

    /** Removes a note; returns false when there was none with that id. */
    boolean remove(FileKey file, String annotationId);
}
