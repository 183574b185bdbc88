package clay.sandbox.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited fact.
 *
 * @param at when
 * @param program program name
 * @param hash program hash (may be empty for events about a program name)
 * @param kind what happened
 * @param detail the capability, target or outcome
 */
public record AuditEvent(Instant at, String program, String hash, Kind kind, String detail) {
    /** What an event records. */
    public enum Kind {
        /** A run finished; detail is the outcome and exit code. */
        RUN,
        /** A capability was granted for a run. */
        GRANT,
        /** Clay refused an attempt itself: a capability, a network target, a broker call, a copy-back entry. */
        DENY,
        /**
         * A refused file access the program's own error output mentions ({@code [Errno 2] ...: '/x'}). The program
         * writes its stderr, so this is what it says happened, not proof: it could invent any line.
         */
        REPORTED,
        /** The user answered an approval request; detail is the decision. */
        APPROVE,
        /** An approval was withdrawn. */
        REVOKE,
        /** A resource limit stopped a run. */
        LIMIT
    }

    public AuditEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(program);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(detail);
    }
}
