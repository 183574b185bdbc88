package clay.cli.sandbox;

import clay.cli.TerminalText;
import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.core.InvalidInputException;
import clay.sandbox.RunResult;
import clay.sandbox.Sandbox;
import clay.sandbox.SandboxPolicy;
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

    static Sandbox open() {
        PrintWriter out = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return Sandbox.create(SandboxPolicy.defaults(ClayHome.fromEnvironment().ensure()).withApprover(new ConsoleApprover(in, out)));
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
