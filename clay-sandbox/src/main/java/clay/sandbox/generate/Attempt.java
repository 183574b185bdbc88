package clay.sandbox.generate;

import clay.sandbox.RunResult;
import java.util.Optional;

/**
 * One try at a program: the code the model wrote, and what happened.
 *
 * @param source the extracted program source (empty when the reply had no code)
 * @param problem why it was rejected before running (bad or missing header, no code), if it was
 * @param result the sandboxed run, if it ran
 * @param by who wrote it: {@code local}, or the escalation's name
 */
public record Attempt(String source, Optional<String> problem, Optional<RunResult> result, String by) {
    public boolean succeeded() {
        return problem.isEmpty() && result.map(RunResult::succeeded).orElse(false);
    }

    /** What to tell the model about this attempt. */
    public String feedback() {
        if (problem.isPresent()) return problem.get();
        return result.map(r -> "The program ran in the sandbox and ended " + r.summary()
                + (r.denials().isEmpty() ? "" : "\nRefused: " + String.join("; ", r.denials()))).orElse("");
    }
}
