package clay.cli;

import clay.core.NativeResources;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code clay}: see {@link ClayCommand}. Native resources are released before the JVM exits (see {@link Signals}). */
public final class Main {
    /** Held so the level sticks: JUL keeps loggers weakly. Lucene's "vector module not readable" is not the user's concern. */
    private static final Logger LUCENE = Logger.getLogger("org.apache.lucene");

    private Main() {}

    public static void main(String[] args) {
        quietLibraries();
        Signals.install();
        int code = ClayCommand.commandLine().execute(args);
        NativeResources.closeAll();
        System.exit(code);
    }

    /**
     * The terminal carries answers and Clay's own errors; libraries' notices (DJL probing for CUDA, Lucene's vector
     * module) go only to the runtime's log. A setting given on the command line wins.
     */
    static void quietLibraries() {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.ai.djl", "error");
        System.getProperties().putIfAbsent("OPT_OUT_TRACKING", "true");
        LUCENE.setLevel(Level.SEVERE);
    }
}
