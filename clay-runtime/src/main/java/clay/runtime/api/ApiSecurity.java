package clay.runtime.api;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The API's gate, for HTTP requests and WebSocket upgrades alike: the request must name this loopback host and port
 * (DNS rebinding), come from no browser origin or from the canvas's own origin, and carry a token.
 *
 * <p>Two tokens, two scopes. The user's token (the CLI and the canvas) reaches everything. The client token, for other
 * programs on this machine, reaches only the OpenAI-compatible {@code /v1/} endpoints: it can chat, never approve,
 * change policy, read or wipe the audit log or export memory. A token is presented as {@code Authorization: Bearer}
 * or as the {@code clay_token} cookie; in the URL ({@code ?token=}) only on the canvas's first page load, which trades
 * it for the cookie. {@code /api/health} needs no token, and then says only that Clay is up and its version.
 */
public final class ApiSecurity {
    public static final String COOKIE = "clay_token";
    private static final String HEALTH = "/api/health";
    private static final Set<String> PAGES = Set.of("/", "/index.html");

    /** Who a token speaks for. */
    public enum Scope {
        /** The user's own CLI and canvas: everything. */
        USER,
        /** Another program on this machine: {@code /v1/} chat only. */
        CLIENT
    }

    private final String userToken;
    private final String clientToken;
    private volatile int port;

    public ApiSecurity(String userToken, String clientToken) {
        if (userToken.equals(clientToken)) throw new IllegalArgumentException("the user and client tokens must differ");
        this.userToken = userToken;
        this.clientToken = clientToken;
    }

    void port(int port) {
        this.port = port;
    }

    /** Why this request (or WebSocket upgrade) must be refused, or empty when it may pass. */
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
        if (ctx.path().equals(HEALTH)) return Optional.empty();
        Optional<Scope> scope = scope(ctx);
        if (scope.isEmpty()) {
            return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "a valid token is required (Authorization: Bearer TOKEN; the token is in $CLAY_HOME/runtime/token)"));
        }
        if (scope.get() == Scope.CLIENT && !ctx.path().startsWith("/v1/")) {
            return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "forbidden_scope",
                    "the client token reaches only /v1/ (chat); this needs the user's own CLI or canvas"));
        }
        return Optional.empty();
    }

    /** Whether this request carries the user's own token (for the parts of open endpoints only the user may see). */
    public boolean isUser(Context ctx) {
        return scope(ctx).filter(s -> s == Scope.USER).isPresent();
    }

    /** A reason to refuse a request. */
    public record Refusal(HttpStatus status, String type, String message) {}

    /**
     * The scope of the token this request presents, if any. The query parameter counts only on a GET of the canvas page
     * and only as the user's token: anywhere else a token in a URL would leak through history, logs and Referer.
     */
    Optional<Scope> scope(Context ctx) {
        if (pageLoad(ctx) && ctx.queryParam("token") != null) {
            return Optional.of(ctx.queryParam("token")).filter(this::isUserToken).map(t -> Scope.USER);
        }
        String auth = ctx.header("Authorization");
        String presented = null;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) presented = auth.substring(7).strip();
        else if (ctx.cookie(COOKIE) != null) presented = ctx.cookie(COOKIE);
        if (presented == null) return Optional.empty();
        if (isUserToken(presented)) return Optional.of(Scope.USER);
        if (same(clientToken, presented)) return Optional.of(Scope.CLIENT);
        return Optional.empty();
    }

    /** A browser's first load of the canvas page: the one place a token may come in the URL. */
    static boolean pageLoad(Context ctx) {
        return "GET".equals(ctx.method().name()) && PAGES.contains(ctx.path()) && !isUpgrade(ctx);
    }

    static boolean isUpgrade(Context ctx) {
        String upgrade = ctx.header("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    boolean isUserToken(String presented) {
        return same(userToken, presented);
    }

    private static boolean same(String token, String presented) {
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
