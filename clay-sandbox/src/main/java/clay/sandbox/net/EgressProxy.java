package clay.sandbox.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An HTTP proxy on a unix domain socket that lets a sandboxed program reach exactly its granted hosts. It understands
 * {@code CONNECT host:port} (HTTPS, tunnelled without looking inside) and absolute-form plain HTTP requests
 * ({@code GET http://host/path}). A host is allowed when a grant names it and, if the grant names a port, that port;
 * a grant without a port allows 80 and 443. A name is refused when any address it resolves to is not a public address
 * of another machine ({@link Destinations}: this host's own interfaces, loopback, private, CGNAT, ULA, link-local,
 * special-purpose, in any IPv6 spelling), so a granted name never becomes a door into the host or the LAN; the proxy
 * connects to the address it checked. Explicit resolver overrides (tests, local mirrors) are trusted as given. A
 * request whose {@code Host:} header names another host than its target is refused (no domain fronting). Every
 * refusal goes to the denial callback; one proxy serves one run.
 *
 * <pre>{@code
 * try (EgressProxy p = EgressProxy.start(dir.resolve("proxy.sock"), Set.of("api.example.com"), Map.of(), denied)) { ... }
 * }</pre>
 */
public final class EgressProxy implements AutoCloseable {

    private UnixSocketServer listener;
    private final Set<String> grants;
    private final Map<String, InetSocketAddress> overrides;
    private final BiConsumer<String, String> onDenied;

    private EgressProxy(Set<String> grants, Map<String, InetSocketAddress> overrides, BiConsumer<String, String> onDenied) {
        this.grants = grants.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
        this.overrides = Map.copyOf(overrides);
        this.onDenied = onDenied;
    }

    /**
     * @param socket where to listen (created; must not exist)
     * @param grants {@code host} or {@code host:port} strings from {@code network:} grants
     * @param overrides host name to address, used instead of DNS (tests, local mirrors); the port there wins
     * @param onDenied called with (target, reason) for every refused request
     */
    public static EgressProxy start(Path socket, Set<String> grants, Map<String, InetSocketAddress> overrides,
            BiConsumer<String, String> onDenied) throws IOException {
        EgressProxy proxy = new EgressProxy(grants, overrides, onDenied);
        proxy.listener = UnixSocketServer.listen(socket, "clay-egress", proxy::serve);
        return proxy;
    }

    public Path socket() {
        return listener.socket();
    }

    private void serve(SocketChannel ch) {
        try (ch; InputStream in = Channels.newInputStream(ch); OutputStream out = Channels.newOutputStream(ch)) {
            String head = HttpHeads.readHead(in);
            if (head == null) return;
            String[] first = head.substring(0, head.indexOf("\r\n")).split(" ");
            if (first.length != 3) {
                reply(out, 400, "bad request line");
                return;
            }
            boolean connect = first[0].equalsIgnoreCase("CONNECT");
            String host;
            int port;
            String rest;
            if (connect) {
                int colon = first[1].lastIndexOf(':');
                if (colon < 0) {
                    reply(out, 400, "CONNECT needs host:port");
                    return;
                }
                host = first[1].substring(0, colon);
                port = Integer.parseInt(first[1].substring(colon + 1));
                rest = null;
            } else {
                java.net.URI uri = java.net.URI.create(first[1]);
                if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
                    reply(out, 400, "use an absolute http:// URL or CONNECT");
                    return;
                }
                host = uri.getHost();
                port = uri.getPort() < 0 ? 80 : uri.getPort();
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
                rest = first[0] + " " + path + " " + first[2] + "\r\n" + oneShotHeaders(head, host.toLowerCase(Locale.ROOT), port);
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            String target = host + ":" + port;
            Optional<String> why = refusal(host, port);
            if (why.isEmpty()) why = hostHeaderMismatch(head, host, port);
            InetSocketAddress addr = null;
            if (why.isEmpty()) {
                addr = overrides.get(host);
                if (addr == null) {
                    InetAddress[] all = InetAddress.getAllByName(host);
                    Set<InetAddress> own = Destinations.ownAddresses();
                    for (InetAddress ip : all) {
                        Optional<String> bad = Destinations.refusal(ip, own);
                        if (bad.isPresent()) {
                            why = Optional.of(host + " resolves to " + ip.getHostAddress() + ", " + bad.get());
                            break;
                        }
                    }
                    // connect to the address that was checked, never to a fresh lookup of the name
                    addr = new InetSocketAddress(all[0], port);
                }
            }
            if (why.isPresent()) {
                onDenied.accept(target, why.get());
                reply(out, 403, "clay: " + why.get());
                return;
            }
            try (Socket upstream = new Socket()) {
                upstream.connect(addr, 10_000);
                if (connect) {
                    out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else {
                    upstream.getOutputStream().write(rest.getBytes(StandardCharsets.ISO_8859_1));
                }
                Thread up;
                long length = connect ? -1 : HttpHeads.contentLength(head);
                if (connect || length < 0) {
                    up = Thread.ofVirtual().start(() -> copy(in, upstreamOut(upstream)));
                } else {
                    // exactly this request's body: bytes of a next request on this connection must not follow it
                    upstream.getOutputStream().write(in.readNBytes((int) Math.min(length, Integer.MAX_VALUE)));
                    up = null;
                }
                copy(upstream.getInputStream(), out);
                if (up != null) up.join(1000);
            } catch (IOException e) {
                reply(out, 502, "cannot reach " + target);
            }
        } catch (IOException | RuntimeException e) {
            // client went away or sent garbage
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The request's headers for one request per connection: hop-by-hop connection headers dropped and
     * {@code Connection: close} added, so a client cannot send a request for another host down a tunnel the proxy
     * already opened to a granted one; its next request comes on a new connection and is checked again. A request
     * without {@code Host:} gets the target's (one that names another host was refused before).
     */
    private static String oneShotHeaders(String head, String host, int port) {
        StringBuilder b = new StringBuilder();
        String[] lines = head.split("\r\n");
        boolean hasHost = false;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].toLowerCase(Locale.ROOT);
            if (l.isEmpty() || l.startsWith("connection:") || l.startsWith("proxy-connection:") || l.startsWith("keep-alive:")) continue;
            hasHost |= l.startsWith("host:");
            b.append(lines[i]).append("\r\n");
        }
        if (!hasHost) b.append("Host: ").append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(port == 80 ? "" : ":" + port).append("\r\n");
        return b.append("Connection: close\r\n\r\n").toString();
    }

    /**
     * A request's {@code Host:} must name the host (and port) it is sent to: a granted front host must not carry a
     * request for another virtual host behind the same address. One {@code Host:} at most; none is fine (HTTP/1.0).
     */
    static Optional<String> hostHeaderMismatch(String head, String host, int port) {
        String[] lines = head.split("\r\n");
        String seen = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !lines[i].substring(0, colon).strip().equalsIgnoreCase("host")) continue;
            if (seen != null) return Optional.of("the request has more than one Host header");
            seen = lines[i].substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        }
        if (seen == null) return Optional.empty();
        String h = seen;
        int p = port == 443 ? 443 : 80;
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']')) {
            try {
                p = Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.of("the Host header '" + seen + "' is malformed");
            }
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        boolean portOk = p == port || (colon <= seen.lastIndexOf(']') && (port == 80 || port == 443));
        if (!h.equals(host) || !portOk) {
            return Optional.of("the Host header names " + seen + ", not " + host + ":" + port);
        }
        return Optional.empty();
    }

    private Optional<String> refusal(String host, int port) {
        if (grants.contains(host + ":" + port)) return Optional.empty();
        if (grants.contains(host) && (port == 80 || port == 443)) return Optional.empty();
        if (grants.contains(host)) return Optional.of("port " + port + " of " + host + " is not granted");
        return Optional.of(host + " is not granted");
    }

    private static OutputStream upstreamOut(Socket s) {
        try {
            return s.getOutputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[16384];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void reply(OutputStream out, int status, String text) throws IOException {
        HttpHeads.reply(out, status, "text/plain", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        listener.close();
    }
}
