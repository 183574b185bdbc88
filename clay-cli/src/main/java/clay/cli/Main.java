package clay.cli;

import picocli.CommandLine;

/** {@code clay}: see {@link ClayCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(ClayCommand.commandLine().execute(args));
    }
}
