package clay.sandbox.approval;

import clay.core.Capability;
import clay.core.TrustLevel;
import clay.sandbox.manifest.Program;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the user is asked to approve: a program (its name, language, source and hash) and the capabilities it declares.
 *
 * @param id unique id, used by the canvas to answer
 * @param program the program asking
 * @param trust the trust level it would run at
 * @param capabilities the declared capabilities that need approval
 * @param asked when the question was put
 * @param imports code files under its grants that the approval covers too ({@link clay.sandbox.manifest.ImportedCode})
 */
public record ApprovalRequest(String id, Program program, TrustLevel trust, List<Capability> capabilities, Instant asked,
        List<String> imports) {
    public ApprovalRequest {
        capabilities = List.copyOf(capabilities);
        imports = List.copyOf(imports);
    }

    public static ApprovalRequest of(Program program, TrustLevel trust, List<Capability> capabilities) {
        return of(program, trust, capabilities, List.of());
    }

    public static ApprovalRequest of(Program program, TrustLevel trust, List<Capability> capabilities, List<String> imports) {
        return new ApprovalRequest(UUID.randomUUID().toString(), program, trust, capabilities, Instant.now(), imports);
    }
}
