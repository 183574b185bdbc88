package clay.canvas.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canvas web app as HTTP answers, read from the classpath: the page at {@code /}, its modules under
 * {@code /app/}, Lit from its WebJars under {@code /vendor/} (version-free paths, so the page's import map never
 * changes), and sandboxed frames for html surfaces. The runtime maps routes to {@link #asset} and {@link #frame};
 * nothing here knows about HTTP servers.
 *
 * <p>The page runs under a strict policy: scripts only from this origin (plus the hash of its inline import map),
 * no inline styles or event handlers, no plugins, Trusted Types required for DOM sinks, frames only from this origin.
 * Html surfaces get a policy of their own: scripts may run, but there is no network and no same-origin access.
 */
public final class CanvasWeb {
    private static final String WEB = "/clay/canvas/web/";
    private static final Map<String, String> VENDORS = Map.of(
            "lit", "lit", "lit-html", "lit-html", "lit-element", "lit-element", "@lit/reactive-element", "lit__reactive-element");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_@./-]+");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8", "json", "application/json", "svg", "image/svg+xml", "png", "image/png");

    /** An answer: body, content type, and headers to set (policy, caching, sniffing). */
    public record Asset(byte[] body, String contentType, Map<String, String> headers) {}

    private static final CanvasWeb SHARED = new CanvasWeb();

    private final byte[] index;
    private final String pageCsp;

    private CanvasWeb() {
        index = read(WEB + "index.html").orElseThrow(() -> new IllegalStateException("canvas index.html missing from the classpath"));
        Matcher m = IMPORT_MAP.matcher(new String(index, StandardCharsets.UTF_8));
        if (!m.find()) throw new IllegalStateException("canvas index.html has no import map");
        pageCsp = "default-src 'none'; script-src 'self' '" + sha256(m.group(1)) + "'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; frame-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
                + "object-src 'none'; require-trusted-types-for 'script'; trusted-types lit-html";
    }

    public static CanvasWeb shared() {
        return SHARED;
    }

    /** The Content-Security-Policy of the canvas page. */
    public String pageCsp() {
        return pageCsp;
    }

    /** The answer for a GET of {@code path}, if there is one. */
    public Optional<Asset> asset(String path) {
        if (path.equals("/") || path.equals("/index.html")) return Optional.of(page(index, "html"));
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) return Optional.empty();
        if (path.startsWith("/app/")) return read(WEB + path.substring("/app/".length())).map(b -> page(b, ext(path)));
        if (path.startsWith("/vendor/")) return vendor(path.substring("/vendor/".length()));
        return Optional.empty();
    }

    /** An html surface's markup as a frame: scripts run, nothing loads, no same-origin, no forms, no navigation out. */
    public Asset frame(String html) {
        String csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
                + "media-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-scripts";
        return new Asset(html.getBytes(StandardCharsets.UTF_8), TYPES.get("html"), Map.of("Content-Security-Policy", csp,
                "X-Content-Type-Options", "nosniff", "Cache-Control", "no-store", "Referrer-Policy", "no-referrer",
                "Cross-Origin-Resource-Policy", "same-origin"));
    }

    private Asset page(byte[] body, String ext) {
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        Map<String, String> headers = ext.equals("html")
                ? Map.of("Content-Security-Policy", pageCsp, "X-Content-Type-Options", "nosniff", "Cache-Control", "no-store",
                        "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY")
                : Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
        return new Asset(body, type, headers);
    }

    private Optional<Asset> vendor(String rest) {
        for (var e : VENDORS.entrySet()) {
            String pkg = e.getKey();
            if (rest.startsWith(pkg + "/")) {
                String artifact = e.getValue();
                return version(artifact).flatMap(v -> read("/META-INF/resources/webjars/" + artifact + "/" + v + "/" + rest.substring(pkg.length() + 1)))
                        .map(b -> new Asset(b, TYPES.getOrDefault(ext(rest), "application/octet-stream"),
                                Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "max-age=86400")));
            }
        }
        return Optional.empty();
    }

    private static final Map<String, Optional<String>> VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Optional<String> version(String artifact) {
        return VERSIONS.computeIfAbsent(artifact, CanvasWeb::readVersion);
    }

    private static Optional<String> readVersion(String artifact) {
        try (InputStream in = CanvasWeb.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            if (in == null) return Optional.empty();
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = CanvasWeb.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ext(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1);
    }

    private static String sha256(String s) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
