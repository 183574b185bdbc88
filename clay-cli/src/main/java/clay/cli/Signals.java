package clay.cli;

import clay.core.NativeResources;
import sun.misc.Signal;

/**
 * What SIGTERM and SIGINT do in a {@code clay} process. The JVM's default would start its exit at once and run every
 * library's shutdown hook at the same time as Clay's threads, which frees native memory under them. Instead: a runtime
 * in this process is asked to stop and {@link Main} closes it in order; with none, native resources are released
 * first and then the process exits.
 */
public final class Signals {
    private static volatile Runnable stop;
    private static volatile boolean requested;

    private Signals() {}

    static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), Signals::received);
            } catch (IllegalArgumentException e) {
                // the signal is reserved here (e.g. -Xrs); keep the JVM's behaviour
            }
        }
    }

    private static void received(Signal s) {
        boolean first = !requested;
        requested = true;
        Runnable r = stop;
        if (r != null) {
            r.run();
        } else if (first) {
            Thread.ofPlatform().name("clay-exit").start(() -> {
                NativeResources.closeAll();
                System.exit(128 + s.getNumber());
            });
        }
    }

    /**
     * From now on a signal runs {@code onStop} (at once if one already came) instead of exiting; the caller then
     * returns from its command normally and {@link Main} exits.
     */
    public static void onStop(Runnable onStop) {
        stop = onStop;
        if (requested) onStop.run();
    }

    /** Whether a stop signal has arrived. */
    public static boolean stopRequested() {
        return requested;
    }
}
