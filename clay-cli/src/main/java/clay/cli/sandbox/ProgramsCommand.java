package clay.cli.sandbox;

import clay.cli.TerminalText;
import clay.core.TrustLevel;
import clay.sandbox.Sandbox;
import clay.sandbox.approval.Decision;
import clay.sandbox.manifest.Program;
import clay.sandbox.program.RunRecord;
import clay.sandbox.program.StoredProgram;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clay programs list|show|approve|revoke|promote|run}: the programs Clay wrote. */
@Command(name = "programs", description = "Programs Clay wrote: list, show, approve, revoke, promote, run.",
        subcommands = {ProgramsCommand.ListCmd.class, ProgramsCommand.Show.class, ProgramsCommand.Approve.class,
            ProgramsCommand.Revoke.class, ProgramsCommand.Promote.class, ProgramsCommand.RunCmd.class})
public final class ProgramsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return new ListCmd().call();
    }

    @Command(name = "list", description = "List generated programs.")
    static final class ListCmd implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                var all = s.programs().list();
                if (all.isEmpty()) System.out.println("(no programs yet: clay generate \"...\")");
                for (StoredProgram p : all) {
                    System.out.printf("%-32s %-10s %-14s %s  %s%n", p.name(), p.language().wireName(),
                            p.trust().name().toLowerCase().replace('_', '-'), p.hash().substring(0, 12), String.join(" ", p.capabilities()));
                }
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Show a program: manifest, approval, recent runs, source.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                StoredProgram p = s.programs().require(name);
                System.out.println("name:         " + p.name());
                System.out.println("language:     " + p.language().wireName());
                System.out.println("sha256:       " + p.hash());
                System.out.println("trust:        " + p.trust().name().toLowerCase().replace('_', '-'));
                System.out.println("capabilities: " + (p.capabilities().isEmpty() ? "(none)" : String.join(" ", p.capabilities())));
                Program current = s.programs().load(p.name());
                if (!current.hash().equals(p.hash())) System.out.println("changed:      on disk since Clay saved it (sha256 now " + current.hash() + ")");
                System.out.println("approval:     " + s.gatekeeper().decisionFor(current).map(Decision::wireName).orElse("ask"));
                System.out.println("request:      " + TerminalText.safe(p.request()));
                System.out.println("file:         " + p.source());
                for (RunRecord r : s.programs().history(p.name(), 5)) {
                    System.out.println("run:          " + r.at() + " " + r.outcome() + " exit " + r.exitCode() + " " + r.millis() + " ms");
                }
                System.out.println("---");
                System.out.print(TerminalText.safe(current.source()));
                return 0;
            }
        }
    }

    @Command(name = "approve", description = "Approve a program's declared capabilities (always, for its current code).")
    static final class Approve implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Option(names = "--never", description = "Refuse it instead.") boolean never;

        @Option(names = "--hash", description = "Approve only if the code still has this sha256 (as `clay programs show` printed it).")
        String hash;

        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                Program p = s.programs().load(name);
                if (hash != null && (hash.strip().length() < 12 || !p.hash().startsWith(hash.strip().toLowerCase(java.util.Locale.ROOT)))) {
                    System.err.println("program " + name + " changed since you looked (sha256 now " + p.shortHash()
                            + "); nothing approved. Look again: clay programs show " + name);
                    return 1;
                }
                s.gatekeeper().approve(p, never ? Decision.NEVER : Decision.ALWAYS);
                System.out.println((never ? "refused " : "approved ") + p.name() + " (sha256 " + p.shortHash() + "): "
                        + String.join(" ", p.manifest().wireNames()));
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Withdraw kept approvals of a program (or a hash); it will ask again.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "NAME|HASH") String name;

        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                int n = s.gatekeeper().revoke(name);
                var sp = s.programs().find(name);
                if (sp.isPresent()) {
                    n += s.gatekeeper().revoke(sp.get().hash());
                    if (sp.get().trust() == TrustLevel.USER_APPROVED) s.programs().setTrust(name, TrustLevel.AI_GENERATED);
                }
                System.out.println("revoked " + n + " approval(s) of " + name);
                return 0;
            }
        }
    }

    @Command(name = "promote", description = "Mark a program user-approved: it keeps its grants for its current code.")
    static final class Promote implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                Program p = s.programs().load(name);
                s.gatekeeper().approve(p, Decision.ALWAYS);
                s.programs().setTrust(name, TrustLevel.USER_APPROVED);
                System.out.println("promoted " + name + " to user-approved (sha256 " + p.shortHash() + ")");
                return 0;
            }
        }
    }

    @Command(name = "run", description = "Run a kept program at its trust level.")
    static final class RunCmd implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            try (Sandbox s = SandboxCli.open()) {
                StoredProgram sp = s.programs().require(name);
                return SandboxCli.print(s.run(s.programs().load(name), sp.trust()));
            }
        }
    }
}
