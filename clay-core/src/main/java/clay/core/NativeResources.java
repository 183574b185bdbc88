package clay.core;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's owners of native resources (ONNX Runtime sessions, llama.cpp models) that must be released before the
 * JVM exits: native libraries register their own shutdown hooks, which the JVM runs concurrently with everything else,
 * and freeing a native environment under a thread still inside it crashes the JVM. So the process's entry point calls
 * {@link #closeAll()} <em>before</em> {@code System.exit}: each owner waits for its in-flight native calls, refuses new
 * ones, and frees, in reverse order of registration. Idempotent.
 *
 * <pre>{@code
 * NativeResources.register("onnx sessions", gate);   // by the owner, once
 * NativeResources.closeAll();                         // by main, before exit
 * }</pre>
 */
public final class NativeResources {
    private static final Logger LOG = LoggerFactory.getLogger(NativeResources.class);
    private static final List<Entry> OWNERS = new ArrayList<>();

    private record Entry(String name, AutoCloseable owner) {}

    private NativeResources() {}

    /** Registers an owner to close at exit (once per owner; it must tolerate being closed more than once). */
    public static synchronized void register(String name, AutoCloseable owner) {
        OWNERS.add(new Entry(name, owner));
    }

    /** Whether any native resource was opened in this process. */
    public static synchronized boolean any() {
        return !OWNERS.isEmpty();
    }

    /** Closes every registered owner, newest first, and forgets them. Errors are logged, not thrown. */
    public static void closeAll() {
        List<Entry> owners;
        synchronized (NativeResources.class) {
            owners = new ArrayList<>(OWNERS);
            OWNERS.clear();
        }
        for (int i = owners.size() - 1; i >= 0; i--) {
            try {
                owners.get(i).owner().close();
            } catch (Exception e) {
                LOG.warn("releasing {} failed: {}", owners.get(i).name(), e.toString());
            }
        }
    }
}
