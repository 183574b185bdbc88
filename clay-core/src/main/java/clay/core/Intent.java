package clay.core;

import java.util.Map;
import java.util.Objects;

/**
 * A structured reading of what the user wants: {@code {"intent":"create_document","parameters":{...},
 * "confidence":0.92,"source":"text","context":{...}}} on the wire (see {@code docs/intent-schema.json}).
 *
 * @param name the intent's catalog name, {@code snake_case}
 * @param parameters extracted slots (file names, people, time ranges...); values are JSON-like (String, Number,
 *     Boolean, List, Map)
 * @param confidence 0..1, how sure the parser is
 * @param source how the utterance arrived
 * @param context extra facts the parser attached (the original text, the path taken)
 */
public record Intent(String name, Map<String, Object> parameters, double confidence, Source source,
        Map<String, Object> context) {

    /** The name of the intent meaning "none of the known intents". */
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public Intent {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new InvalidIntentException(java.util.List.of("intent name '" + name + "' must be snake_case"));
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new InvalidIntentException(java.util.List.of("confidence " + confidence + " is not within 0..1"));
        }
        parameters = Map.copyOf(parameters);
        context = Map.copyOf(context);
        Objects.requireNonNull(source, "source");
    }

    public static Intent of(String name, Map<String, Object> parameters, double confidence) {
        return new Intent(name, parameters, confidence, Source.TEXT, Map.of());
    }

    public boolean outOfScope() {
        return OUT_OF_SCOPE.equals(name);
    }
}
