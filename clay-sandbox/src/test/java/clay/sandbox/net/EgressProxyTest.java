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

    @Test
    void aSecondRequestOnTheSameConnectionNeverReachesTheFirstHost() throws Exception {
        var hits = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] body = "ok".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (EgressProxy p = EgressProxy.start(dir.resolve("k.sock"), Set.of("good.test"),
                Map.of("good.test", new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort())), (t, w) -> {})) {
            String two = "GET http://good.test/a HTTP/1.1\r\nHost: good.test\r\nProxy-Connection: keep-alive\r\n\r\n"
                    + "GET http://evil.test/b HTTP/1.1\r\nHost: evil.test\r\n\r\n";
            String answer = exchange(p, two, "");
            assertThat(answer).startsWith("HTTP/1.1 200");
            Thread.sleep(200);
            assertThat(hits.get()).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aForgedHostHeaderIsRefusedAndAMissingOneIsFilledIn() throws Exception {
        List<String> hostsSeen = new CopyOnWriteArrayList<>();
        var server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            hostsSeen.add(ex.getRequestHeaders().getFirst("Host"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        List<String> denied = new CopyOnWriteArrayList<>();
        try (EgressProxy p = EgressProxy.start(dir.resolve("h.sock"), Set.of("front.test"),
                Map.of("front.test", new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort())),
                (t, why) -> denied.add(why))) {
            assertThat(exchange(p, "GET http://front.test/ HTTP/1.1\r\nHost: evil-other-tenant.example\r\n\r\n", ""))
                    .startsWith("HTTP/1.1 403");
            assertThat(exchange(p, "GET http://front.test/ HTTP/1.1\r\nHost: front.test\r\nhOsT: evil.example\r\n\r\n", ""))
                    .as("a second Host header").startsWith("HTTP/1.1 403");
            assertThat(exchange(p, "GET http://front.test/ HTTP/1.1\r\nHost: front.test:8080\r\n\r\n", ""))
                    .as("another port").startsWith("HTTP/1.1 403");
            assertThat(exchange(p, "CONNECT front.test:443 HTTP/1.1\r\nHost: other.example:443\r\n\r\n", ""))
                    .startsWith("HTTP/1.1 403");
            assertThat(hostsSeen).as("no forged request reached the server").isEmpty();
            assertThat(denied).hasSize(4).allMatch(w -> w.contains("Host header"));

            assertThat(exchange(p, "GET http://front.test/ok HTTP/1.1\r\nHost: FRONT.test\r\n\r\n", "")).startsWith("HTTP/1.1 200");
            assertThat(exchange(p, "GET http://front.test/ok HTTP/1.0\r\n\r\n", "")).startsWith("HTTP/1.1 200");
            assertThat(hostsSeen).containsExactly("FRONT.test", "front.test");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aGrantedNameOrLiteralThatIsThisHostIsRefusedBeforeAnyConnection() throws Exception {
        List<String> denied = new CopyOnWriteArrayList<>();
        List<String> grants = new java.util.ArrayList<>(List.of("localhost:8799"));
        List<String> targets = new java.util.ArrayList<>(List.of("localhost:8799"));
        for (InetAddress own : Destinations.ownAddresses()) {
            String literal = own.getHostAddress().replaceAll("%.*", "");
            String host = literal.contains(":") ? "[" + literal + "]" : literal;
            grants.add(literal + ":8799");
            targets.add(host + ":8799");
        }
        try (EgressProxy p = EgressProxy.start(dir.resolve("o.sock"), Set.copyOf(grants), Map.of(), (t, why) -> denied.add(why))) {
            for (String t : targets) {
                assertThat(exchange(p, "CONNECT " + t + " HTTP/1.1\r\n\r\n", "")).as(t).startsWith("HTTP/1.1 403");
            }
        }
        assertThat(denied).hasSize(targets.size()).noneMatch(w -> w.contains("not granted"));
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
