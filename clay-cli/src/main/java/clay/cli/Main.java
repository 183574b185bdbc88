package clay.cli;

import clay.core.NativeResources;

/** {@code clay}: see {@link ClayCommand}. Native resources are released before the JVM exits (see {@link Signals}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Signals.install();
        int code = ClayCommand.commandLine().execute(args);
        NativeResources.closeAll();
        System.exit(code);
    }
}
