package clay.sandbox.generate;

import clay.sandbox.manifest.Program;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link CodeGenerator#generate}: every attempt in order and, when one worked, the program (saved in
 * {@code clay/generated/}).
 *
 * @param attempts all attempts, local first, then the escalation's
 * @param program the program that ran successfully, if any
 * @param escalated whether the escalation was used
 */
public record Generation(List<Attempt> attempts, Optional<Program> program, boolean escalated) {
    public Generation {
        attempts = List.copyOf(attempts);
    }

    public boolean succeeded() {
        return program.isPresent();
    }

    public Optional<Attempt> last() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
    }
}
