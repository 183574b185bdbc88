package clay.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import clay.core.Capability;
import clay.runtime.Models;
import clay.sandbox.broker.Broker;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program granted {@code notify} floods the broker with huge and with many notifications: the daemon stays bounded. */
class BrokerNotifyFloodTest {

    @Test
    void aNotifyFloodIsRefusedAndLeavesTheLogAndTheListBounded(@TempDir Path dir) throws Exception {
        RuntimeBrokerHost host = new RuntimeBrokerHost(new Models(), Map.of());
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        int ok = 0, tooBig = 0, tooMany = 0;
        try (Broker broker = Broker.start(dir.resolve("broker.sock"), "flooder", Set.of(Capability.parse("notify")), host, (c, w) -> {})) {
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            String huge = "x".repeat(512 * 1024); // under the broker's 1 MiB request cap, far over a notification's
            for (int i = 0; i < 20; i++) {
                String status = post(broker.socket(), "{\"title\":\"-h " + i + "\",\"body\":\"" + huge + "\"}");
                if (status.contains(" 400 ")) tooBig++;
            }
            for (int i = 0; i < 300; i++) {
                String status = post(broker.socket(), "{\"title\":\"--help\",\"body\":\"ping " + i + "\"}");
                if (status.contains(" 200 ")) ok++;
                else if (status.contains(" 400 ")) tooMany++;
            }
        } finally {
            System.setErr(err);
        }
        assertThat(tooBig).isEqualTo(20);
        assertThat(ok).isBetween(RuntimeBrokerHost.BURST, RuntimeBrokerHost.BURST + 30); // one a second refills during the loop
        assertThat(tooMany).isEqualTo(300 - ok);
        assertThat(host.recent()).hasSizeLessThanOrEqualTo(100).allSatisfy(n -> assertThat(n.body().length()).isLessThanOrEqualTo(4096));
        assertThat(logged.size()).as("bytes logged for %d notifications", ok).isLessThan(200 * (ok + 1));
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("xxxxxxxx").doesNotContain("ping");
    }

    /** One HTTP request to the broker's socket, as a program would send it; returns the status line. */
    private static String post(Path socket, String json) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = Channels.newOutputStream(ch);
            out.write(("POST /notify HTTP/1.1\r\nHost: clay\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = Channels.newInputStream(ch);
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.lines().findFirst().orElse("");
        }
    }
}
