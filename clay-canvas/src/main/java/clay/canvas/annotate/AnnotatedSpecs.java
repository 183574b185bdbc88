package clay.canvas.annotate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Copies the stored notes of each file shown in a spec into the spec's annotatable components. */
public final class AnnotatedSpecs {
    private AnnotatedSpecs() {}

    /** Sets {@code annotations} on every component that shows a {@code document}; returns {@code spec}. */
    public static ObjectNode attach(ObjectNode spec, AnnotationStore store) {
        for (JsonNode c : spec.path("components")) {
            documentOf(c).ifPresent(key -> {
                ArrayNode arr = ((ObjectNode) c).putArray("annotations");
                for (Annotation a : store.list(key)) {
                    arr.addObject().put("id", a.id()).put("start", a.start()).put("end", a.end()).put("quote", a.quote())
                            .put("note", a.note()).put("created", a.created().toString());
                }
            });
        }
        return spec;
    }

    public static Optional<FileKey> documentOf(JsonNode component) {
        JsonNode d = component.path("document");
        if (!d.isObject()) return Optional.empty();
        return Optional.of(new FileKey(d.path("path").asText(), d.path("hash").asText()));
    }
}
