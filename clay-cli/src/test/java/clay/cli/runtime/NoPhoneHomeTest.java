package clay.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import clay.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing leaves the machine except through the proxy" holds for the libraries inside Clay too (DJL's tokenizer would
 * ask the cloud metadata service and send telemetry). The runtime boots all its modules inside a network namespace this
 * test creates, whose only way out is a virtual ethernet link that counts what is sent through it (an address lookup counts too): it must count nothing.
 */
class NoPhoneHomeTest {

    @Test
    void aFullBootSendsNoPacketOffTheMachine(@TempDir Path dir) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tools = Files.isExecutable(Path.of("/usr/bin/unshare")) && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")));
        if (!root || !tools) System.err.println("NoPhoneHomeTest SKIPPED: needs root, unshare and ip to create a network namespace");
        assumeThat(root && tools).isTrue();
        Path home = dir.resolve("home");
        Files.writeString(dir.resolve("none.toml"), "");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip link add out0 type veth peer name far0",
                "sysctl -qw net.ipv6.conf.out0.disable_ipv6=1 net.ipv6.conf.far0.disable_ipv6=1",
                "ip addr add 10.77.0.2/24 dev out0",
                "ip link set far0 up",
                "ip link set out0 up",
                "ip route add default via 10.77.0.1 dev out0 onlink",
                "sent() { sed 's/:/ /' /proc/net/dev | awk '$1 == \"out0\" {print $11}'; }", // this namespace's counters
                "before=$(sent)",
                "\"$JAVA\" --enable-native-access=ALL-UNNAMED -cp \"$CP\" " + Main.class.getName() + " runtime run --port 0 --exit-after-boot > \"$DIR/run.log\" 2>&1",
                "echo \"rc=$? sent=$(( $(sent) - before ))\"");
        ProcessBuilder pb = new ProcessBuilder(List.of("unshare", "--net", "bash", "-c", script)).redirectErrorStream(true);
        pb.environment().put("JAVA", java);
        pb.environment().put("CP", System.getProperty("java.class.path"));
        pb.environment().put("DIR", dir.toString());
        pb.environment().put("CLAY_HOME", home.toString());
        pb.environment().put("CLAY_CONFIG", dir.resolve("none.toml").toString());
        pb.environment().remove("OPT_OUT_TRACKING"); // the opt-out must come from Clay, not from this environment
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String log = Files.exists(dir.resolve("run.log")) ? Files.readString(dir.resolve("run.log")) : "";
        assertThat(out).as(out + "\n" + log).contains("rc=0").contains("sent=0");
    }
}
