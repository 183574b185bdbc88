package clay.runtime;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsConfig;
import java.util.function.Consumer;

/**
 * Where modules add endpoints. Every path passes the API's token, Host and Origin checks first; handlers throw
 * {@link clay.core.ClayException}s, which become JSON error bodies in one place ({@code ApiServer}).
 */
public final class ApiRoutes {
    private final RoutesConfig routes;

    public ApiRoutes(RoutesConfig routes) {
        this.routes = routes;
    }

    public ApiRoutes get(String path, Handler h) { routes.get(path, h); return this; }

    public ApiRoutes post(String path, Handler h) { routes.post(path, h); return this; }

    public ApiRoutes put(String path, Handler h) { routes.put(path, h); return this; }

    public ApiRoutes delete(String path, Handler h) { routes.delete(path, h); return this; }

    /** A GET endpoint streaming server-sent events. */
    public ApiRoutes sse(String path, Consumer<SseClient> client) { routes.sse(path, client); return this; }

    public ApiRoutes ws(String path, Consumer<WsConfig> ws) { routes.ws(path, ws); return this; }

    /** The underlying Javalin routing API, for what this class does not cover. */
    public RoutesConfig raw() { return routes; }
}
