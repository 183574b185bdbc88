package clay.sandbox.net;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A unix-domain socket that hands each connection to {@code serve} on its own virtual thread: what the egress proxy and
 * the broker listen on before the socket is bound into a sandbox. Closing it stops accepting and removes the socket.
 */
public final class UnixSocketServer implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private UnixSocketServer(Path socket, ServerSocketChannel server, String name, Consumer<SocketChannel> serve) {
        this.socket = socket;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name(name).start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread.ofVirtual().start(() -> serve.accept(ch));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Binds {@code socket} (which must not exist) and starts accepting. */
    public static UnixSocketServer listen(Path socket, String name, Consumer<SocketChannel> serve) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return new UnixSocketServer(socket, server, name, serve);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        acceptor.interrupt();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // left for the run directory cleanup
        }
    }
}
