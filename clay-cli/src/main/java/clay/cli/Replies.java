package clay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * How {@code clay ask} and the REPL show a reply: its text (never an empty line; what a surface showed when a skill
 * wrote no text), and, for a destructive action waiting for a yes, the question - asked on a terminal, and without
 * one, nothing done and the explicit command printed.
 */
final class Replies {
    private Replies() {}

    /** Answers a waiting confirmation by id; returns the action's reply. */
    @FunctionalInterface
    interface Confirmer {
        JsonNode answer(String id, boolean yes);
    }

    static Confirmer through(ApiClient api) {
        return (id, yes) -> api.post("/api/actions/" + id, Map.of("answer", yes ? "yes" : "no"));
    }

    /** The reply's text, or a line saying what it showed; never blank. */
    static String visible(JsonNode reply) {
        String text = reply.path("text").asText("");
        if (!text.isBlank()) return text;
        JsonNode surfaces = reply.path("surfaces");
        if (surfaces.isArray() && !surfaces.isEmpty()) {
            StringBuilder sb = new StringBuilder("Shown on the canvas (clay canvas --open):");
            surfaces.forEach(s -> sb.append(' ').append(s.path("title").asText("a surface")).append(';'));
            return sb.substring(0, sb.length() - 1);
        }
        return "Done (" + reply.path("reason").asText(reply.path("route").asText("no details")) + ").";
    }

    /**
     * When the reply waits for a yes: asks on a terminal ({@code readLine} gives the answer; only "y"/"yes" counts) and
     * prints the action's reply; without a terminal, drops the action and prints how to do it explicitly.
     */
    static void confirm(JsonNode reply, Confirmer confirmer, boolean interactive, Consumer<String> println,
            UnaryOperator<String> ask) {
        JsonNode c = reply.path("data").path("confirm");
        if (!c.isObject()) return;
        String id = c.path("id").asText();
        if (!interactive) {
            confirmer.answer(id, false);
            println.accept("Nothing was removed: there is no terminal to ask for your yes. To do it explicitly, run:\n  "
                    + c.path("command").asText("clay memory forget --help"));
            return;
        }
        String line = ask.apply("Remove " + c.path("count").asInt() + " " + c.path("what").asText() + "? [y/N] ");
        boolean yes = line != null && (line.strip().toLowerCase(Locale.ROOT).equals("y") || line.strip().toLowerCase(Locale.ROOT).equals("yes"));
        println.accept(visible(confirmer.answer(id, yes)));
    }
}
