package clay.runtime.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The API's gate: the request must name this loopback host and port (DNS rebinding), come from no browser origin or from
 * the canvas's own origin, and carry the per-user token (bearer header, {@code clay_token} cookie, or {@code token}
 * query parameter for the canvas's first load and WebSocket).
 */
public final class ApiSecurity {
    public static final String COOKIE = "clay_token";
    private static final Set<String> OPEN_PATHS = Set.of("/api/health");

    private final String token;
    private volatile int port;

    public ApiSecurity(String token) {
        this.token = token;
    }

    void port(int port) {
        this.port = port;
    }

    /** Why this request must be refused, or empty when it may pass. */
    public Optional<Refusal> check(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !allowedHost(host)) {
            return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "forbidden_host",
                    "the Host header '" + host + "' is not this machine's loopback address"));
        }
        String origin = ctx.header("Origin");
        if (origin != null && !allowedOrigin(origin)) {
            return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "forbidden_origin",
                    "requests from the origin '" + origin + "' are not allowed"));
        }
        if (OPEN_PATHS.contains(ctx.path())) return Optional.empty();
        if (!tokenMatches(presented(ctx))) {
            return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "a valid token is required (Authorization: Bearer TOKEN; the token is in $CLAY_HOME/runtime/token)"));
        }
        return Optional.empty();
    }

    /** A reason to refuse a request. */
    public record Refusal(HttpStatus status, String type, String message) {}

    static String presented(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).strip();
        String cookie = ctx.cookie(COOKIE);
        if (cookie != null) return cookie;
        String q = ctx.queryParam("token");
        return q == null ? "" : q;
    }

    boolean tokenMatches(String presented) {
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    boolean allowedHost(String host) {
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port) || host.equals("[::1]:" + port);
    }

    boolean allowedOrigin(String origin) {
        try {
            URI u = URI.create(origin);
            return "http".equals(u.getScheme()) && u.getPort() == port
                    && Set.of("127.0.0.1", "localhost", "[::1]").contains(u.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
