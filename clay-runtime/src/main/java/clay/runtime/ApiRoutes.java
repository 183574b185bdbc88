package clay.runtime;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import clay.core.ClayException;

/**
 * Where modules add endpoints. Every path passes the API's token, Host and Origin checks first; handlers throw
 * {@link clay.core.ClayException}s, which become JSON error bodies in one place ({@code ApiServer}).
 */
public final class ApiRoutes {
    private final RoutesConfig routes;
    private final String module;
    private final CompletableFuture<Void> ready;

    public ApiRoutes(RoutesConfig routes) {
        this(routes, "runtime", CompletableFuture.completedFuture(null));
    }

    /** Routes of {@code module}, whose handlers first wait until {@code ready} completes. */
    public ApiRoutes(RoutesConfig routes, String module, CompletableFuture<Void> ready) {
        this.routes = routes;
        this.module = module;
        this.ready = ready;
    }

    public ApiRoutes get(String path, Handler h) { routes.get(path, gated(h)); return this; }

    public ApiRoutes post(String path, Handler h) { routes.post(path, gated(h)); return this; }

    public ApiRoutes put(String path, Handler h) { routes.put(path, gated(h)); return this; }

    public ApiRoutes delete(String path, Handler h) { routes.delete(path, gated(h)); return this; }

    /** A GET endpoint streaming server-sent events. */
    public ApiRoutes sse(String path, Consumer<SseClient> client) {
        routes.sse(path, c -> {
            awaitReady(module, ready);
            client.accept(c);
        });
        return this;
    }

    private Handler gated(Handler h) {
        if (ready.isDone() && !ready.isCompletedExceptionally()) return h;
        return c -> {
            awaitReady(module, ready);
            h.handle(c);
        };
    }

    /** Waits up to two minutes for a module that starts in the background; then fails with a clear, retriable error. */
    public static void awaitReady(String module, CompletableFuture<Void> ready) {
        try {
            ready.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ModuleStartingException(module);
        } catch (ExecutionException e) {
            throw new ClayException("the " + module + " module failed to start: " + e.getCause().getMessage(),
                    "see the runtime log ($CLAY_HOME/runtime/clay.log)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleStartingException(module);
        }
    }

    /** A module is still starting; retry shortly. */
    public static final class ModuleStartingException extends ClayException {
        ModuleStartingException(String module) {
            super("the " + module + " module is still starting", "try again in a moment");
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    public ApiRoutes ws(String path, Consumer<WsConfig> ws) { routes.ws(path, ws); return this; }

    /** The underlying Javalin routing API, for what this class does not cover. */
    public RoutesConfig raw() { return routes; }
}
