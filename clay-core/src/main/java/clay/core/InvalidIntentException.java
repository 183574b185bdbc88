package clay.core;

import java.util.List;

/** An intent (from the parser, a model, the API or a gesture) that does not satisfy the intent schema. */
public class InvalidIntentException extends InvalidInputException {
    private final List<String> problems;

    public InvalidIntentException(List<String> problems) {
        super("invalid intent: " + String.join("; ", problems), "see docs/intent-schema.json for the expected shape");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public String kind() {
        return "invalid_intent";
    }
}
