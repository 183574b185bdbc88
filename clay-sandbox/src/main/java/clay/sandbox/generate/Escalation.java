package clay.sandbox.generate;

import clay.sandbox.manifest.Language;
import java.util.List;
import java.util.Optional;

/**
 * The hook for the router's verified escalation: when the local model keeps failing, a stronger (usually cloud) model
 * gets the request and the failed attempts and proposes a program, which is then checked and run like any other.
 * Implementations return empty when they cannot or may not escalate (offline, not approved).
 */
@FunctionalInterface
public interface Escalation {
    Optional<String> propose(String request, Language language, List<Attempt> failures);

    /** Never escalates. */
    static Escalation none() {
        return (r, l, f) -> Optional.empty();
    }

    /** A name for the audit trail of attempts. */
    default String name() {
        return "escalation";
    }
}
