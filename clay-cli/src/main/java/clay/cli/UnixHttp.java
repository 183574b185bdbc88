package clay.cli;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.0 over the runtime's Unix socket: one request per connection, the answer read until the runtime closes it, so
 * a streamed (server-sent events) answer arrives as it is written. The JDK's HTTP client speaks only TCP.
 */
final class UnixHttp {
    private UnixHttp() {}

    /** A response whose body is read from the open connection; closing the body closes the connection. */
    record Response(int status, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    static Response exchange(Path socket, String method, String path, Map<String, String> headers, byte[] body,
            Duration timeout) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        Thread timer = timeout == null ? null : Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
                ch.close();
            } catch (InterruptedException | IOException ignored) {
                // answered in time, or already closed
            }
        });
        try {
            OutputStream out = Channels.newOutputStream(ch);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            int status = status(line(in));
            long length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("content-length")) {
                    length = Long.parseLong(h.substring(colon + 1).strip());
                }
            }
            if (timer != null) timer.interrupt();
            return new Response(status, new Body(in, length, ch));
        } catch (IOException | RuntimeException e) {
            if (timer != null) timer.interrupt();
            ch.close();
            throw e instanceof IOException io ? io : new IOException("the runtime answered with a malformed response", e);
        }
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) throw new IOException("not an HTTP response: " + line);
        return Integer.parseInt(parts[1]);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new IOException("the runtime closed the connection mid-answer");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body: up to Content-Length when given, else until the runtime closes the connection. */
    private static final class Body extends FilterInputStream {
        private long left;
        private final SocketChannel ch;

        Body(InputStream in, long length, SocketChannel ch) {
            super(in);
            this.left = length;
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            int c = super.read();
            if (c >= 0 && left > 0) left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            int n = super.read(b, off, left > 0 ? (int) Math.min(len, left) : len);
            if (n > 0 && left > 0) left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
