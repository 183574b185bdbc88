package clay.sandbox.approval;

/**
 * Asks the user whether a program may have the capabilities it declares. Implementations block until the user answers
 * and must answer {@link Decision#NEVER} (not throw) when no answer can be had (no terminal, a timeout).
 */
@FunctionalInterface
public interface Approver {
    Decision decide(ApprovalRequest request);

    /** Refuses everything that is not already approved: for non-interactive runs. */
    static Approver denyAll() {
        return r -> Decision.NEVER;
    }
}
