package clay.sandbox.approval;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import clay.core.TrustLevel;
import clay.sandbox.audit.AuditEvent;
import clay.sandbox.audit.AuditLog;
import clay.core.InvalidInputException;
import clay.sandbox.manifest.ImportedCode;
import clay.sandbox.manifest.PathResolver;
import clay.sandbox.manifest.Program;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides which of a program's declared capabilities it gets for one run, and audits the decision. Nothing declared:
 * nothing granted, nobody asked. External code: nothing, ever. Core trust is Clay's own and never given to a program
 * it runs: asking for it is refused. Otherwise a kept decision answers, or the approver is asked (and ALWAYS/NEVER
 * kept). Decisions are kept under the program's hash, or, when its grants hold code it could import, under a digest
 * of its source and that code ({@link ImportedCode}): changing either asks again. A refusal throws
 * {@link CapabilityDeniedException}; the program does not run at all rather than run with half its grants.
 */
public final class Gatekeeper {
    private final ApprovalStore store;
    private final AuditLog audit;
    private final PathResolver paths;

    /** @param paths how grants are expanded, to find the code under them */
    public Gatekeeper(ApprovalStore store, AuditLog audit, PathResolver paths) {
        this.store = store;
        this.audit = audit;
        this.paths = paths;
    }

    public List<Capability> authorize(Program p, TrustLevel trust, Approver approver) {
        if (trust == TrustLevel.CORE) {
            throw new InvalidInputException("core trust is Clay's own; programs run as user-approved, ai-generated or external",
                    "run it as ai-generated (the default)");
        }
        List<Capability> declared = p.manifest().capabilities();
        if (declared.isEmpty()) return List.of();
        if (trust == TrustLevel.EXTERNAL) {
            for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.DENY, c + " (external code gets no capabilities)");
            return List.of();
        }
        ImportedCode code = ImportedCode.scan(p, paths);
        String key = code.approvalKey();
        Optional<ApprovalStore.Stored> kept = store.find(key);
        Decision d;
        if (kept.isPresent()) {
            d = kept.get().decision();
        } else {
            d = approver.decide(ApprovalRequest.of(p, trust, declared, code.paths().stream().map(Path::toString).toList()));
            audit.record(p.name(), p.hash(), AuditEvent.Kind.APPROVE, d.wireName() + " " + String.join(" ", p.manifest().wireNames())
                    + imports(code));
            store.keep(key, p.name(), d, String.join(" ", p.manifest().wireNames()));
        }
        if (!d.allows()) {
            for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.DENY, c + " (not approved)");
            throw new CapabilityDeniedException(declared.get(0), kept.isPresent()
                    ? "refused earlier for this code (sha256 " + p.shortHash() + "); revoke to be asked again"
                    : "the user did not approve it");
        }
        for (Capability c : declared) audit.record(p.name(), p.hash(), AuditEvent.Kind.GRANT, c.toString());
        return declared;
    }

    /** The kept decision for this exact code (its source and the code its grants hold), if any. */
    public Optional<Decision> decisionFor(Program p) {
        return store.find(ImportedCode.scan(p, paths).approvalKey()).map(ApprovalStore.Stored::decision);
    }

    /** Records the user's decision from outside a run (clay programs approve), for the program's current code. */
    public void approve(Program p, Decision d) {
        ImportedCode code = ImportedCode.scan(p, paths);
        store.keep(code.approvalKey(), p.name(), d, String.join(" ", p.manifest().wireNames()));
        audit.record(p.name(), p.hash(), AuditEvent.Kind.APPROVE, d.wireName() + " " + String.join(" ", p.manifest().wireNames())
                + imports(code));
    }

    private static String imports(ImportedCode code) {
        return code.files().isEmpty() ? "" : " (with " + code.files().size() + " code file(s) under its grants)";
    }

    /** Forgets kept decisions for a hash or program name; returns how many. */
    public int revoke(String hashOrProgram) {
        int n = store.revoke(hashOrProgram);
        audit.record(hashOrProgram, "", AuditEvent.Kind.REVOKE, n + " decision(s) withdrawn");
        return n;
    }
}
