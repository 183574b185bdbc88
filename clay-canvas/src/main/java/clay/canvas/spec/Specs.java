package clay.canvas.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Small builders for surface specs, so templates read as the surface they make.
 *
 * <pre>{@code
 * ObjectNode spec = Specs.surface("Hello").add(Specs.component("t", "text").put("text", "hi")).build();
 * }</pre>
 */
public final class Specs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Specs() {}

    /** The one shared Jackson mapper of the canvas module. */
    public static ObjectMapper json() {
        return JSON;
    }

    public static Builder surface(String title) {
        return new Builder(title);
    }

    public static ObjectNode component(String id, String type) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id);
        c.put("type", type);
        return c;
    }

    public static ObjectNode container(String id, String type, List<String> children) {
        ObjectNode c = component(id, type);
        ArrayNode arr = c.putArray("children");
        children.forEach(arr::add);
        return c;
    }

    /** An {@code html} surface: rendered only inside a sandboxed iframe. */
    public static ObjectNode html(String title, String html) {
        ObjectNode s = JSON.createObjectNode();
        s.put("version", SurfaceValidator.VERSION).put("kind", "html").put("title", title).put("trust", "ai-generated");
        s.put("html", html);
        return s;
    }

    /** A surface that says something could not be shown, and why; always valid. */
    public static ObjectNode error(String title, List<String> problems) {
        Builder b = surface(title.isBlank() ? "Could not show this" : truncate(title, 200)).related("error");
        b.add(component("root", "stack").set("children", JSON.createArrayNode().add("h").add("why")));
        b.add(component("h", "heading").put("level", 2).put("text", "Could not show this surface"));
        ObjectNode list = component("why", "list");
        ArrayNode items = list.putArray("items");
        problems.stream().limit(50).forEach(p -> items.add(truncate(p, 10000)));
        if (problems.isEmpty()) items.add("unknown error");
        return b.add(list).build();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** Collects components in order; the first one added is the root unless {@link #root} says otherwise. */
    public static final class Builder {
        private final ObjectNode spec = JSON.createObjectNode();
        private final ArrayNode components;

        private Builder(String title) {
            spec.put("version", SurfaceValidator.VERSION).put("kind", "components").put("title", title);
            components = JSON.createArrayNode();
        }

        public Builder related(String... topics) {
            ArrayNode arr = spec.withArray("related");
            for (String t : topics) arr.add(t);
            return this;
        }

        public Builder trust(String trust) {
            spec.put("trust", trust);
            return this;
        }

        public Builder root(String id) {
            spec.put("root", id);
            return this;
        }

        public Builder add(ObjectNode component) {
            components.add(component);
            return this;
        }

        public ObjectNode build() {
            spec.set("components", components);
            return spec;
        }
    }
}
