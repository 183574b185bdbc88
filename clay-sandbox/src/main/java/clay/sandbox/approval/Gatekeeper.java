package clay.sandbox.approval;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import clay.core.TrustLevel;
import clay.sandbox.audit.AuditEvent;
import clay.sandbox.audit.AuditLog;
import clay.sandbox.manifest.Program;
import java.util.List;
import java.util.Optional;

/**
 * Decides which of a program's declared capabilities it gets for one run, and audits the decision. Nothing declared:
 * nothing granted, nobody asked. External code: nothing, ever. Core code: what it declares. Otherwise a kept decision
 * for this exact hash answers, or the approver is asked (and ALWAYS/NEVER kept). A refusal throws
 * {@link CapabilityDeniedException}; the program does not run at all rather than run with half its grants.
 */
public final class Gatekeeper {
    private final ApprovalStore store;
    private final AuditLog audit;

    public Gatekeeper(ApprovalStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    public List<Capability> authorize(Program p, TrustLevel trust, Approver approver) {
        List<Capability> declared = p.manifest().capabilities();
        if (declared.isEmpty()) return List.of();
        if (trust == TrustLevel.EXTERNAL) {
            for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.DENY, c + " (external code gets no capabilities)");
            return List.of();
        }
        if (trust != TrustLevel.CORE) {
            Optional<ApprovalStore.Stored> kept = store.find(p.hash());
            Decision d;
            if (kept.isPresent()) {
                d = kept.get().decision();
            } else {
                d = approver.decide(ApprovalRequest.of(p, trust, declared));
                audit.record(p.name(), p.hash(), AuditEvent.Kind.APPROVE, d.wireName() + " " + String.join(" ", p.manifest().wireNames()));
                store.keep(p.hash(), p.name(), d, String.join(" ", p.manifest().wireNames()));
            }
            if (!d.allows()) {
                for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.DENY, c + " (not approved)");
                throw new CapabilityDeniedException(declared.get(0), kept.isPresent()
                        ? "refused earlier for this code (sha256 " + p.shortHash() + "); revoke to be asked again"
                        : "the user did not approve it");
            }
        }
        for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.GRANT, c.toString());
        return declared;
    }

    /** Records the user's decision from outside a run (clay programs approve). */
    public void approve(Program p, Decision d) {
        store.keep(p.hash(), p.name(), d, String.join(" ", p.manifest().wireNames()));
        audit.record(p.name(), p.hash(), AuditEvent.Kind.APPROVE, d.wireName() + " " + String.join(" ", p.manifest().wireNames()));
    }

    /** Forgets kept decisions for a hash or program name; returns how many. */
    public int revoke(String hashOrProgram) {
        int n = store.revoke(hashOrProgram);
        audit.record(hashOrProgram, "", AuditEvent.Kind.REVOKE, n + " decision(s) withdrawn");
        return n;
    }
}
