package clay.cli;

import clay.cli.bench.BenchCommand;
import clay.cli.runtime.RuntimeCommand;
import clay.core.ClayException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command. With no subcommand it starts the runtime if needed and opens the REPL. Add a subcommand by listing
 * its class in {@code subcommands}.
 */
@Command(name = "clay", mixinStandardHelpOptions = true, versionProvider = ClayCommand.Version.class,
        description = "Clay: tell it what you want; it understands, thinks locally or in the cloud, and answers.",
        subcommands = {
            AskCommand.class,
            RuntimeCommand.class,
            ConfigCommand.class,
            clay.cli.models.ModelsCommand.class,
            clay.cli.fs.FsCommand.class,
            clay.cli.sandbox.RunCommand.class,
            clay.cli.sandbox.GenerateCommand.class,
            clay.cli.sandbox.ProgramsCommand.class,
            clay.cli.sandbox.AuditCommand.class,
            clay.cli.memory.MemoryCommand.class,
            clay.cli.proxy.ProxyCommand.class,
            BenchCommand.class,
            AutoComplete.GenerateCompletion.class,
        })
public final class ClayCommand implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces on errors.")
    static boolean debug;

    @Override
    public Integer call() throws Exception {
        return Repl.open();
    }

    /** The configured command line: error handling that prints a message and a fix, exit codes 0/1/2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ClayCommand());
        cl.setExecutionExceptionHandler(ClayCommand::handle);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cl;
    }

    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof ClayException ce) {
            err.println("error: " + ce.getMessage());
            ce.fix().ifPresent(f -> err.println("  fix: " + f));
        } else {
            err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (!debug) err.println("  (run again with --debug for details)");
        }
        if (debug) e.printStackTrace(err);
        err.flush();
        return 1;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"clay " + clay.runtime.ClayRuntime.version()};
        }
    }
}
