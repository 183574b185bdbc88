package clay.memory.context;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as it stands: what the user is working on, which surfaces are open, and its turns (oldest first).
 *
 * @param id stable session id
 * @param task the current task in a few words, or empty
 * @param openSurfaces ids or titles of the surfaces on the canvas
 * @param turns the conversation, oldest first
 * @param updated last change
 */
public record Session(String id, String task, List<String> openSurfaces, List<Turn> turns, Instant updated) {
    public Session {
        task = task == null ? "" : task;
        openSurfaces = List.copyOf(openSurfaces);
        turns = List.copyOf(turns);
    }
}
