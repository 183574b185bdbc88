package clay.runtime;

import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One place where everything that waits for the user's yes or no is listed and answered - programs asking for
 * capabilities, cloud requests the proxy's policy says to ask about - so the canvas and the CLI need one API:
 * {@code GET /api/approvals} (each item carries its {@code kind}) and {@code POST /api/approvals/{id}}.
 * Modules add a {@link Source}; the runtime provides the desk as a service.
 */
public final class ApprovalDesk {

    /** A module's waiting requests. */
    public interface Source {
        /** The {@code kind} of its items, e.g. {@code program} or {@code cloud}. */
        String kind();

        /** Waiting items as JSON-able maps, each with a unique {@code id}. */
        List<Map<String, Object>> pending();

        /** Answers {@code id} with the request body; false when this source has no such waiting item. */
        boolean answer(String id, JsonNode body);
    }

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    public void add(Source source) {
        sources.add(source);
    }

    public List<Map<String, Object>> pending() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Source s : sources) {
            for (Map<String, Object> item : s.pending()) {
                var m = new java.util.LinkedHashMap<String, Object>();
                m.put("kind", s.kind());
                m.putAll(item);
                all.add(m);
            }
        }
        return all;
    }

    /** Answers a waiting item of any kind; throws {@link InvalidInputException} when none has that id. */
    public void answer(String id, JsonNode body) {
        for (Source s : sources) {
            if (s.answer(id, body)) return;
        }
        throw new InvalidInputException("nothing with id " + id + " is waiting (answered, timed out or unknown)",
                "GET /api/approvals lists what is waiting");
    }
}
