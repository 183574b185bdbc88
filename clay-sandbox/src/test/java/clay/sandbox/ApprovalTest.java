package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.CapabilityDeniedException;
import clay.core.TrustLevel;
import clay.sandbox.approval.ApprovalRequest;
import clay.sandbox.approval.ConsoleApprover;
import clay.sandbox.approval.Decision;
import clay.sandbox.approval.PendingApprovals;
import clay.sandbox.audit.AuditEvent;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approval once / always / never, hash changes, revocation, trust levels and the audit trail. */
class ApprovalTest {
    @TempDir Path dir;
    SandboxFixture f;
    Path docs;

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP);
        docs = Files.createDirectories(f.userHome.resolve("documents"));
        Files.writeString(docs.resolve("a.txt"), "A");
    }

    @AfterEach
    void close() {
        f.close();
    }

    String reader(String extra) {
        return requires("read:~/documents") + "import os\nprint(open(os.path.expanduser('~/documents/a.txt')).read())" + extra + "\n";
    }

    @Test
    void onceAsksEveryTime() {
        f.answer = Decision.ONCE;
        assertThat(f.python(reader("")).stdout()).isEqualTo("A\n");
        assertThat(f.python(reader("")).stdout()).isEqualTo("A\n");
        assertThat(f.asked.get()).isEqualTo(2);
    }

    @Test
    void alwaysIsKeptForTheSameCodeAndChangedCodeAsksAgain() {
        f.answer = Decision.ALWAYS;
        f.python(reader(""));
        f.python(reader(""));
        assertThat(f.asked.get()).isEqualTo(1);
        f.python(reader("  # changed"));
        assertThat(f.asked.get()).isEqualTo(2);
    }

    @Test
    void neverRefusesWithoutAskingAgainUntilRevoked() {
        f.answer = Decision.NEVER;
        assertThatThrownBy(() -> f.python(reader(""))).isInstanceOf(CapabilityDeniedException.class);
        assertThatThrownBy(() -> f.python(reader(""))).isInstanceOf(CapabilityDeniedException.class)
                .hasMessageContaining("refused earlier");
        assertThat(f.asked.get()).isEqualTo(1);
        Program p = Program.of("test.py", Language.PYTHON, reader(""));
        assertThat(f.sandbox.gatekeeper().revoke(p.hash())).isEqualTo(1);
        f.answer = Decision.ONCE;
        assertThat(f.python(reader("")).stdout()).isEqualTo("A\n");
        assertThat(f.asked.get()).isEqualTo(2);
        assertThat(f.sandbox.audit().recent(50, Optional.empty(), Optional.empty()))
                .extracting(AuditEvent::kind).contains(AuditEvent.Kind.DENY, AuditEvent.Kind.REVOKE, AuditEvent.Kind.GRANT,
                        AuditEvent.Kind.APPROVE, AuditEvent.Kind.RUN);
    }

    @Test
    void externalCodeGetsNothingEvenWhenItAsks() {
        Program p = Program.of("ext.py", Language.PYTHON, reader(""));
        RunResult r = f.sandbox.run(p, TrustLevel.EXTERNAL);
        assertThat(r.succeeded()).isFalse();
        assertThat(f.asked.get()).isZero();
        assertThat(f.sandbox.audit().recent(10, Optional.of("ext.py"), Optional.of(AuditEvent.Kind.DENY))).isNotEmpty();
    }

    @Test
    void pendingApprovalsAreAnsweredThroughTheirId() throws Exception {
        PendingApprovals pending = new PendingApprovals(Duration.ofSeconds(20));
        Program p = Program.of("canvas.py", Language.PYTHON, reader(""));
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> f.sandbox.run(p, TrustLevel.AI_GENERATED, pending));
        ApprovalRequest req = null;
        for (int i = 0; i < 200 && req == null; i++) {
            req = pending.pending().stream().findFirst().orElse(null);
            if (req == null) Thread.sleep(20);
        }
        assertThat(req).isNotNull();
        assertThat(req.program().hash()).isEqualTo(p.hash());
        assertThat(req.capabilities()).extracting(Object::toString).containsExactly("read:~/documents");
        pending.answer(req.id(), Decision.ONCE);
        assertThat(run.get(20, TimeUnit.SECONDS).stdout()).isEqualTo("A\n");
        assertThat(pending.pending()).isEmpty();
    }

    @Test
    void consolePromptReadsTheAnswer() {
        StringWriter out = new StringWriter();
        ConsoleApprover c = new ConsoleApprover(new BufferedReader(new StringReader("maybe\nalways\n")), new PrintWriter(out));
        Program p = Program.of("x.py", Language.PYTHON, reader(""));
        assertThat(c.decide(ApprovalRequest.of(p, TrustLevel.AI_GENERATED, p.manifest().capabilities()))).isEqualTo(Decision.ALWAYS);
        assertThat(out.toString()).contains("read:~/documents").contains(p.shortHash());
        ConsoleApprover eof = new ConsoleApprover(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()));
        assertThat(eof.decide(ApprovalRequest.of(p, TrustLevel.AI_GENERATED, p.manifest().capabilities()))).isEqualTo(Decision.NEVER);
    }
}
