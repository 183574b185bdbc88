package clay.runtime.canvas;

import clay.canvas.spec.Specs;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The canvas's question before a destructive action: what would go (count and first items) and two buttons. Only
 * "Yes, remove" runs the action (through the {@code confirm_action} skill with the confirmation's one-time id).
 */
final class ConfirmationSurface {
    private ConfirmationSurface() {}

    static ObjectNode of(String text, Map<?, ?> confirm) {
        String id = String.valueOf(confirm.get("id"));
        Specs.Builder b = Specs.surface("Remove " + confirm.get("count") + " " + confirm.get("what") + "?").related("confirm");
        b.add(Specs.component("root", "stack").set("children", Specs.json().createArrayNode().add("what").add("items").add("buttons")));
        b.add(Specs.component("what", "text").put("style", "emphasis").put("text", text.lines().findFirst().orElse(text)));
        ObjectNode list = Specs.component("items", "list");
        ArrayNode items = list.putArray("items");
        if (confirm.get("items") instanceof List<?> l) l.forEach(i -> items.add(String.valueOf(i)));
        if (items.isEmpty()) items.add("(nothing listed)");
        b.add(list);
        b.add(Specs.component("buttons", "row").set("children", Specs.json().createArrayNode().add("yes").add("no")));
        b.add(button("yes", "Yes, remove", "danger", id, "yes"));
        b.add(button("no", "No, keep it", "secondary", id, "no"));
        return b.build();
    }

    private static ObjectNode button(String cid, String label, String style, String id, String answer) {
        ObjectNode btn = Specs.component(cid, "button").put("label", label).put("style", style);
        btn.putObject("action").put("intent", "confirm_action").putObject("parameters").put("id", id).put("answer", answer);
        return btn;
    }
}
