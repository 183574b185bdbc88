package clay.runtime;

/**
 * A part of Clay that the runtime boots: opens its stores in {@link #start}, offers services and skills through the
 * {@link RuntimeContext}, adds HTTP endpoints in {@link #routes}, and releases everything in {@link #close}. Modules start
 * in the order {@link ClayRuntime} lists them and close in reverse; a module that fails to start stops the boot with its
 * error unless it is {@link #optional()}.
 */
public interface RuntimeModule extends AutoCloseable {

    /** The boot step's name, shown by {@code --trace-boot}. */
    String name();

    void start(RuntimeContext ctx) throws Exception;

    /** Adds endpoints under {@code /api/<name>/}; called after every module has started. */
    default void routes(ApiRoutes api) {}

    /**
     * When true, {@link #start} runs in the background so boot (and the greeting) does not wait for it; its endpoints
     * answer once it has started (they wait, then say it is still starting). For modules that load indexes or models.
     */
    default boolean background() {
        return false;
    }

    /** When true, a failed start is reported and the runtime boots without this module. */
    default boolean optional() {
        return false;
    }

    @Override
    default void close() throws Exception {}
}
