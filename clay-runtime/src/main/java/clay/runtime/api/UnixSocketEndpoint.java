package clay.runtime.api;

import clay.core.ClayException;
import clay.core.ClayHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's door to the runtime: a Unix socket in an owner-only directory ({@link ClayHome#socket()}) that accepts a
 * connection only from a process of the same OS user (checked with {@code SO_PEERCRED}, so not even a process that got
 * past the directory's permissions is served) and relays it to the loopback API, where the usual token and Host checks
 * still apply. Another user's process cannot enter the directory, and if it could, it would be hung up on.
 *
 * <pre>{@code
 * try (UnixSocketEndpoint cli = UnixSocketEndpoint.open(home.socket(), api.port())) { ... }
 * }</pre>
 */
public final class UnixSocketEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnixSocketEndpoint.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final int apiPort;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private UnixSocketEndpoint(Path path, ServerSocketChannel server, UserPrincipal owner, int apiPort) {
        this.path = path;
        this.server = server;
        this.owner = owner;
        this.apiPort = apiPort;
        this.acceptor = Thread.ofPlatform().name("cli-socket").daemon().unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code path} (its directory is created owner-only, a stale socket file left by a killed runtime is
     * replaced: the caller holds the home's runtime lock) and relays each accepted connection to 127.0.0.1:{@code apiPort}.
     */
    public static UnixSocketEndpoint open(Path path, int apiPort) {
        Path dir = path.getParent();
        try {
            ClayHome.ensureDir(dir);
            if (!Files.getPosixFilePermissions(dir).equals(PosixFilePermissions.fromString("rwx------"))) {
                throw new ClayException("the runtime's socket directory " + dir + " is open to other users",
                        "make it owner-only: chmod 700 " + dir);
            }
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            UnixSocketEndpoint e = new UnixSocketEndpoint(path, server, Files.getOwner(path), apiPort);
            e.acceptor.start();
            log.info("CLI socket listening on {}", path);
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the runtime's socket " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) log.warn("the CLI socket stopped accepting: {}", e.toString());
                return;
            }
            if (!samePeer(client)) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            Thread.ofPlatform().name("cli-socket-relay").daemon().start(() -> relay(client));
        }
    }

    private boolean samePeer(SocketChannel client) {
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer.user().equals(owner)) return true;
            log.warn("refused a connection to the CLI socket from user {} (this runtime belongs to {})", peer.user().getName(), owner.getName());
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("refused a connection to the CLI socket whose user cannot be told: {}", e.toString());
            return false;
        }
    }

    private void relay(SocketChannel client) {
        SocketChannel api = null;
        try {
            api = SocketChannel.open(new InetSocketAddress("127.0.0.1", apiPort));
            open.add(api);
            SocketChannel toApi = api;
            Thread back = Thread.ofPlatform().name("cli-socket-relay-back").daemon().start(() -> pump(toApi, client));
            pump(client, api);
            back.join();
        } catch (IOException e) {
            if (!closed) log.debug("CLI connection ended: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            open.remove(client);
            if (api != null) {
                closeQuietly(api);
                open.remove(api);
            }
        }
    }

    /** Copies {@code from} to {@code to} until {@code from} ends, then half-closes {@code to} so the other side sees the end. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) to.write(buf);
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Stops accepting, hangs up open connections and removes the socket file. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
        open.forEach(UnixSocketEndpoint::closeQuietly);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", path, e.toString());
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
