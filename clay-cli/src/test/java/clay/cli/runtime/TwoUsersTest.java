package clay.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import clay.cli.Main;
import clay.core.ClayHome;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two people on one machine, each with default settings: a second real OS user is created for the test (root only), and
 * each runs their own Clay at the same time. Written as the other user: they cannot reach or use this user's runtime.
 */
class TwoUsersTest {
    private final String other = "claytest" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    private Path dir;
    private boolean created;

    @BeforeEach
    void createSecondUser() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) System.err.println("TwoUsersTest SKIPPED: needs root to create a second OS user (useradd)");
        assumeThat(root).as("needs root to create a second OS user").isTrue();
        assertThat(run(List.of("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", other)).exit).isZero();
        created = true;
        dir = Files.createTempDirectory("clay-two-users");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void removeSecondUser() throws Exception {
        if (!created) return;
        stop(Identity.ME);
        stop(Identity.OTHER);
        for (Identity who : Identity.values()) { // a runtime that did not stop: its pid is in its home's lock file
            Path lock = dir.resolve(who + "-home/runtime/runtime.lock");
            if (Files.exists(lock)) {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(lock).strip()))
                            .filter(h -> h.info().commandLine().orElse("").contains(Main.class.getName()))
                            .ifPresent(ProcessHandle::destroyForcibly);
                } catch (NumberFormatException ignored) {
                    // never written
                }
            }
        }
        run(List.of("userdel", other));
        run(List.of("rm", "-rf", dir.toString()));
    }

    @Test
    void twoUsersEachRunTheirOwnClayAndCannotReachTheOther() throws Exception {
        Files.createDirectories(dir.resolve("cp"));
        String classpath = readableClasspath();
        for (Identity who : Identity.values()) {
            Path xdg = dir.resolve(who + "-xdg");
            Files.createDirectories(xdg);
            Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwx------"));
            if (who == Identity.OTHER) run(List.of("chown", other, xdg.toString()));
        }
        for (Identity who : Identity.values()) {
            Path h = dir.resolve(who + "-home");
            Files.createDirectories(h);
            if (who == Identity.OTHER) run(List.of("chown", other, h.toString()));
        }

        // both start with default settings (no port configured) at the same time
        Result a = clay(Identity.ME, classpath, "runtime", "start");
        Result b = clay(Identity.OTHER, classpath, "runtime", "start");
        assertThat(a.exit).as(a.all()).isZero();
        assertThat(b.exit).as(b.all()).isZero();

        assertThat(clay(Identity.ME, classpath, "memory", "remember", "my cat is called Miso").exit).isZero();
        assertThat(clay(Identity.OTHER, classpath, "memory", "remember", "my dog is called Rex").exit).isZero();
        Result askA = clay(Identity.ME, classpath, "ask", "what time is it");
        Result askB = clay(Identity.OTHER, classpath, "ask", "what time is it");
        assertThat(askA.out).as(askA.all()).contains("It is");
        assertThat(askB.out).as(askB.all()).contains("It is");
        Result factsA = clay(Identity.ME, classpath, "memory", "show", "--facts");
        Result factsB = clay(Identity.OTHER, classpath, "memory", "show", "--facts");
        assertThat(factsA.out).contains("Miso").doesNotContain("Rex");
        assertThat(factsB.out).contains("Rex").doesNotContain("Miso");

        Path mySocket = new ClayHome(dir.resolve(Identity.ME + "-home")).socket(dir.resolve(Identity.ME + "-xdg").toString());
        Path theirSocket = new ClayHome(dir.resolve(Identity.OTHER + "-home")).socket(dir.resolve(Identity.OTHER + "-xdg").toString());
        assertThat(mySocket).exists();
        assertThat(theirSocket).exists();

        // the other user cannot even open this user's socket (owner-only directory)
        Result probe = run(List.of("runuser", "-u", other, "--", "python3", "-c",
                "import socket,sys\ns=socket.socket(socket.AF_UNIX)\n"
                        + "try:\n s.connect(sys.argv[1]); print('CONNECTED')\nexcept OSError as e: print('REFUSED', e)",
                mySocket.toString()));
        assertThat(probe.out).as(probe.all()).contains("REFUSED").doesNotContain("CONNECTED");

        // root passes any directory permission; the runtime still hangs up on a peer that is not its user
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(theirSocket));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n;
            try {
                // the hang-up can come before the request is written (broken pipe) or after (end of stream, reset)
                ch.write(ByteBuffer.wrap("GET /api/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                n = ch.read(buf);
            } catch (IOException hungUp) {
                n = -1;
            }
            assertThat(n).as("bytes the other user's runtime sent to a foreign peer").isLessThanOrEqualTo(0);
        }
    }

    private enum Identity { ME, OTHER }

    private Result clay(Identity who, String classpath, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (who == Identity.OTHER) cmd.addAll(List.of("runuser", "-u", other, "--"));
        cmd.addAll(List.of("env", "CLAY_HOME=" + dir.resolve(who + "-home"), "CLAY_CONFIG=" + dir.resolve(who + "-none.toml"),
                "XDG_RUNTIME_DIR=" + dir.resolve(who + "-xdg"), "HOME=" + dir.resolve(who + "-home")));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of("-cp", classpath, Main.class.getName()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private void stop(Identity who) {
        try {
            if (Files.exists(dir.resolve("cp"))) clay(who, readableClasspath(), "runtime", "stop");
        } catch (Exception ignored) {
            // best effort; the user's processes are killed next
        }
    }

    /** The test class path, with the jars from the (root-only) Maven repository hard-linked where the other user can read them. */
    private String readableClasspath() throws IOException {
        List<String> out = new ArrayList<>();
        Path jars = dir.resolve("cp");
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && p.startsWith(System.getProperty("user.home"))) {
                Path link = jars.resolve((i++) + "-" + p.getFileName());
                if (!Files.exists(link)) {
                    try {
                        Files.createLink(link, p);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(p, link);
                    }
                }
                out.add(link.toString());
            } else {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private record Result(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }
    }

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
