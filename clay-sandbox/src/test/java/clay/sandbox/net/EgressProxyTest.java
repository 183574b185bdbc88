package clay.sandbox.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONNECT tunnelling to granted hosts only; refusals are reported. */
class EgressProxyTest {
    @TempDir Path dir;

    @Test
    void tunnelsConnectToGrantedHostAndRefusesOthers() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = echo.accept()) {
                    s.getOutputStream().write(s.getInputStream().readNBytes(5));
                } catch (Exception ignored) {
                    // test ends
                }
            });
            List<String> denied = new CopyOnWriteArrayList<>();
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort());
            try (EgressProxy p = EgressProxy.start(dir.resolve("p.sock"), Set.of("secure.test:443"),
                    Map.of("secure.test", target), (t, why) -> denied.add(t))) {
                assertThat(exchange(p, "CONNECT secure.test:443 HTTP/1.1\r\nHost: secure.test\r\n\r\n", "hello"))
                        .startsWith("HTTP/1.1 200").endsWith("hello");
                assertThat(exchange(p, "CONNECT secure.test:8443 HTTP/1.1\r\n\r\n", "")).startsWith("HTTP/1.1 403");
                assertThat(exchange(p, "CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n", "")).startsWith("HTTP/1.1 403");
                assertThat(exchange(p, "GET http://other.test/ HTTP/1.1\r\nHost: other.test\r\n\r\n", "")).startsWith("HTTP/1.1 403");
                assertThat(denied).containsExactly("secure.test:8443", "127.0.0.1:" + echo.getLocalPort(), "other.test:80");
            }
        }
    }

    static String exchange(EgressProxy p, String head, String payload) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(p.socket()));
            OutputStream out = Channels.newOutputStream(ch);
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.ISO_8859_1));
            StringBuilder b = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) b.append(line).append('\n');
            if (b.toString().startsWith("HTTP/1.1 200") && !payload.isEmpty()) {
                out.write(payload.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                char[] buf = new char[payload.length()];
                int n = 0;
                while (n < buf.length) n += in.read(buf, n, buf.length - n);
                b.append(new String(buf));
            }
            return b.toString().strip();
        }
    }
}
