package clay.canvas.hub;

import clay.canvas.factory.SurfaceDraft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A surface on the canvas: its id, what it shows, how prominent it is, when it was last touched (a logical clock the
 * layout uses for recency), and what the user selected in it.
 */
public record Surface(String id, SurfaceDraft draft, Presence presence, long touched, JsonNode selection) {
    public Surface {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(presence, "presence");
        selection = selection == null ? NullNode.getInstance() : selection;
    }

    Surface with(Presence p, long clock) {
        return new Surface(id, draft, p, clock, selection);
    }

    Surface with(SurfaceDraft d, long clock) {
        return new Surface(id, d, presence, clock, selection);
    }

    Surface withSelection(JsonNode s) {
        return new Surface(id, draft, presence, touched, s);
    }
}
