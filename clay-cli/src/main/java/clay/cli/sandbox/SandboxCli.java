package clay.cli.sandbox;

import clay.cli.TerminalText;
import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.core.InvalidInputException;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxPolicy;
import clay.core.CapabilityDeniedException;
import clay.sandbox.approval.Approver;
import clay.sandbox.approval.ConsoleApprover;
import clay.sandbox.enforce.DenialScanner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Shared pieces of the sandbox commands: opening the sandbox with the terminal prompt, printing results. */
final class SandboxCli {
    private SandboxCli() {}

    /**
     * The sandbox with the terminal prompt; with no terminal, a program that needs a new approval is refused this time
     * only (nothing is stored) and the message says how to approve it explicitly.
     */
    static Sandbox open() {
        PrintWriter out = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Approver approver = clay.cli.Terminals.interactive() ? new ConsoleApprover(in, out) : r -> {
            throw new CapabilityDeniedException(r.capabilities().get(0), "no terminal to ask for approval, so nothing was "
                    + "decided or stored; run it in a terminal to approve it, or for a program Clay wrote: clay programs approve "
                    + r.program().name());
        };
        return Sandbox.create(SandboxPolicy.defaults(ClayHome.fromEnvironment().ensure()).withApprover(approver));
    }

    /** user-approved, ai-generated or external; core is Clay's own and never given to a program from the command line. */
    static TrustLevel trust(String text) {
        TrustLevel t;
        try {
            t = TrustLevel.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            t = null;
        }
        if (t == null || t == TrustLevel.CORE) {
            throw new InvalidInputException("unknown trust level '" + text + "'", "use user-approved, ai-generated or external");
        }
        return t;
    }

    static int print(RunResult r) {
        System.out.print(TerminalText.safe(r.stdout()));
        if (!r.stdout().isEmpty() && !r.stdout().endsWith("\n")) System.out.println();
        System.err.print(TerminalText.safe(r.stderr()));
        for (String s : r.surfaces()) System.err.println("[surface] " + TerminalText.safe(s));
        for (String d : r.denials()) {
            if (d.startsWith(DenialScanner.PREFIX)) System.err.println("[reported] " + TerminalText.safe(d.substring(DenialScanner.PREFIX.length())));
            else System.err.println("[denied] " + TerminalText.safe(d));
        }
        if (!r.succeeded()) {
            System.err.println("[" + r.outcome().name().toLowerCase(Locale.ROOT) + "] exit " + r.exitCode() + " after "
                    + r.elapsed().toMillis() + " ms (" + r.backend().name().toLowerCase(Locale.ROOT) + ")");
        }
        return r.succeeded() ? 0 : 1;
    }
}
