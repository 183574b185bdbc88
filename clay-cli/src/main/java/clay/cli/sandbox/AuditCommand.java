package clay.cli.sandbox;

import clay.cli.TerminalText;
import clay.sandbox.Sandbox;
import clay.sandbox.audit.AuditEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clay audit}: the newest sandbox audit events (runs, grants, denials, approvals, revocations, limits). */
@Command(name = "audit", description = "Show the sandbox audit log: runs, grants, denied attempts.")
public final class AuditCommand implements Callable<Integer> {
    @Option(names = {"-n", "--limit"}, defaultValue = "50") int limit;

    @Option(names = "--program") String program;

    @Option(names = "--denied", description = "Only denied attempts.") boolean denied;

    @Override
    public Integer call() {
        try (Sandbox s = SandboxCli.open()) {
            List<AuditEvent> events = s.audit().recent(limit, Optional.ofNullable(program),
                    denied ? Optional.of(AuditEvent.Kind.DENY) : Optional.empty());
            if (events.isEmpty()) System.out.println("(no audit events)");
            for (AuditEvent e : events.reversed()) {
                System.out.printf("%s  %-7s %-24s %s  %s%n", e.at().toString().substring(0, 19).replace('T', ' '),
                        e.kind().name().toLowerCase(Locale.ROOT), e.program(),
                        e.hash().isEmpty() ? "            " : e.hash().substring(0, 12), TerminalText.safe(e.detail()));
            }
            return 0;
        }
    }
}
