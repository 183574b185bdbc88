package clay.intelligence.intent;

import clay.core.InvalidInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the intent catalog.
 *
 * @param name snake_case intent name
 * @param description one sentence a model reads to choose it
 * @param kind what kind of work it is (drives the router's default table)
 * @param safety what acting on it can do to the user's data; required for every entry, built-in or added
 * @param parameters a JSON Schema (type object) for the intent's parameters
 * @param examples example utterances; the fast classifier learns from them
 * @param origin who added it: {@code builtin}, {@code user} or {@code skill:NAME}
 */
public record IntentDefinition(String name, String description, IntentKind kind, SafetyClass safety, ObjectNode parameters,
        List<String> examples, String origin) {
    public IntentDefinition {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*") || name.length() > 64) {
            throw new InvalidInputException("intent name '" + name + "' is not snake_case",
                    "use lower-case letters, digits and underscores, e.g. book_flight");
        }
        if (description == null || description.isBlank()) {
            throw new InvalidInputException("intent '" + name + "' has no description", "add a one-sentence description");
        }
        Objects.requireNonNull(kind, "kind");
        if (safety == null) {
            throw new InvalidInputException("intent '" + name + "' declares no safety class",
                    "add \"safety\": \"read-only\", \"creates\" or \"destroys\"");
        }
        parameters = parameters == null ? IntentSchema.JSON.createObjectNode().put("type", "object") : parameters.deepCopy();
        examples = List.copyOf(examples);
        origin = origin == null ? "builtin" : origin;
    }
}
