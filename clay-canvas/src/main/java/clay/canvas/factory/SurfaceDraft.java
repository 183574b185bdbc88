package clay.canvas.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What the factory makes: a valid spec plus the data it presents ({@code {"kind":"rows",...}}, {@code weather},
 * {@code calendar}, {@code comparison}...), kept so the surface can later be transformed or merged.
 */
public record SurfaceDraft(ObjectNode spec, JsonNode data) {
    public SurfaceDraft {
        Objects.requireNonNull(spec, "spec");
        data = data == null ? NullNode.getInstance() : data;
    }

    public String dataKind() {
        return data.path("kind").asText("");
    }
}
