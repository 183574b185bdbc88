package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.core.CapabilityDeniedException;
import clay.core.TrustLevel;
import clay.sandbox.enforce.SandboxUser;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part of the escape suite written as a hostile program against the host itself: it must not run as host root,
 * must not change a kernel tunable, and must not reach a unix socket (a tmux server, an agent) through a grant.
 */
abstract class HostBoundaryProbes {
    @TempDir Path dir;
    SandboxFixture f;

    abstract BackendKind backend();

    /** Whether programs talk to the host kernel (bubblewrap) rather than to a user-space kernel (gVisor). */
    boolean hostKernel() {
        return backend() == BackendKind.BUBBLEWRAP;
    }

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, backend());
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void runsAsAnUnprivilegedHostUser() {
        List<int[]> seen = new CopyOnWriteArrayList<>();
        Program p = Program.of("uid.py", Language.PYTHON, "import time\nprint('ready', flush=True)\ntime.sleep(2)\n");
        try (Started s = f.sandbox.start(p, TrustLevel.AI_GENERATED, f.sandbox.policy().approver(), line -> {
            if (line.equals("ready")) seen.addAll(hostIdsOfSandboxProcesses());
        })) {
            assertThat(s.await().outcome()).isEqualTo(Outcome.SUCCEEDED);
        }
        assertThat(seen).as("sandbox processes seen from the host").isNotEmpty();
        int expected = SandboxUser.get().uid();
        for (int[] ids : seen) {
            assertThat(ids).as("real, effective, saved and fs uid of a sandbox process").containsOnly(expected);
        }
        assertThat(expected).isNotZero();
    }

    @Test
    void cannotWriteHostKernelTunables() throws IOException {
        Map<Path, String> before = hostValues();
        try {
            RunResult r = f.python("""
                    import errno
                    probes = [('/proc/sys/kernel/core_pattern', 'core.clay-escaped'),
                              ('/proc/sys/kernel/modprobe', '/tmp/clay-escaped'),
                              ('/proc/sys/vm/drop_caches', '1'),
                              ('/proc/sysrq-trigger', 'h'),
                              ('/sys/kernel/mm/transparent_hugepage/enabled', 'never'),
                              ('/sys/fs/cgroup/cgroup.procs', '1')]
                    for path, value in probes:
                        try:
                            with open(path, 'w') as fh:
                                fh.write(value)
                            print('ESCAPED', path)
                        except OSError as e:
                            print('refused', path, errno.errorcode.get(e.errno, e.errno))
                    """);
            if (hostKernel()) {
                assertThat(r.stdout()).doesNotContain("ESCAPED")
                        .contains("refused /proc/sys/kernel/core_pattern EROFS") // read-only whatever the uid
                        .contains("refused /proc/sys/vm/drop_caches EROFS");
            }
            assertThat(hostValues()).as("host kernel tunables after the run").isEqualTo(before);
        } finally {
            restore(before);
        }
    }

    @Test
    void rootsFilesAreReadAsAnyOtherUserWouldWhenClayRunsAsRoot() throws IOException {
        assumeTrue(SandboxUser.get().dropped(), "SKIPPED LOUDLY: Clay is not root here; programs run as the user's own uid");
        Path vault = Files.createDirectories(dir.resolve("vault")); // like /root: 0700, root's
        Files.setPosixFilePermissions(vault, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path docs = Files.createDirectories(vault.resolve("docs"));
        Files.writeString(docs.resolve("notes.txt"), "PUBLIC-NOTES");
        Files.writeString(docs.resolve("secret.txt"), "ROOT-ONLY");
        Files.setPosixFilePermissions(docs.resolve("secret.txt"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path locked = Files.createDirectories(vault.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try {
            RunResult r = f.python(requires("read:" + docs) + """
                    for name in ['notes.txt', 'secret.txt']:
                        try:
                            print('read', open('%s/' + name).read())
                        except OSError as e:
                            print('refused', name, e.errno)
                    """.formatted(docs));
            assertThat(r.stdout()).contains("read PUBLIC-NOTES").contains("refused secret.txt 13").doesNotContain("ROOT-ONLY");
            assertThatThrownBy(() -> f.python(requires("read:" + locked) + "print('ran')\n"))
                    .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining(SandboxUser.NAME)
                    .hasMessageContaining("cannot be read by other users");
        } finally {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void refusesGrantsHoldingUnixSocketsOrNamedPipes() throws IOException {
        Path sockets = shared("sockets");
        try (ServerSocketChannel echo = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            echo.bind(UnixDomainSocketAddress.of(sockets.resolve("agent.sock")));
            assertThatThrownBy(() -> f.python(requires("read:" + sockets) + "print('ran')\n"))
                    .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("unix socket");
            assertThatThrownBy(() -> f.python(requires("read:" + sockets.resolve("*")) + "print('ran')\n"))
                    .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("unix socket");
        }
        Path pipes = shared("pipes");
        Process mkfifo = new ProcessBuilder("mkfifo", pipes.resolve("commands").toString()).start();
        assertThat(waitFor(mkfifo)).isZero();
        assertThatThrownBy(() -> f.python(requires("read:" + pipes) + "print('ran')\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("named pipe");
        assertThat(f.sandbox.audit().recent(20, java.util.Optional.empty(),
                java.util.Optional.of(clay.sandbox.audit.AuditEvent.Kind.DENY))).anyMatch(e -> e.detail().contains("named pipe"));
    }

    @Test
    void cannotDriveARealTmuxServerThroughAReadGrant() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "SKIPPED LOUDLY: tmux is not installed");
        Path tmuxDir = shared("tmux");
        Path socket = tmuxDir.resolve("default");
        Path marker = dir.resolve("typed-by-the-program");
        assertThat(waitFor(new ProcessBuilder("tmux", "-S", socket.toString(), "new-session", "-d", "-s", "victim",
                "sh").start())).isZero();
        try {
            assertThatThrownBy(() -> f.python(requires("read:" + tmuxDir, "exec:tmux") + """
                    import subprocess
                    subprocess.run(['tmux', '-S', '%s', 'send-keys', '-t', 'victim', 'touch %s', 'Enter'])
                    print('ESCAPED')
                    """.formatted(socket, marker))).isInstanceOf(CapabilityDeniedException.class)
                    .hasMessageContaining("unix socket");
            assertThat(marker).doesNotExist();
        } finally {
            waitFor(new ProcessBuilder("tmux", "-S", socket.toString(), "kill-server").start());
        }
    }

    @Test
    void aUnixSocketAppearingAfterTheCheckIsStillUnreachable() throws Exception {
        Path late = shared("late");
        Path sock = late.resolve("echo.sock");
        AtomicInteger accepted = new AtomicInteger();
        ServerSocketChannel[] server = {null};
        Program p = Program.of("late.py", Language.PYTHON, requires("read:" + late) + """
                import os, socket, time, errno
                print('checked', flush=True)
                for i in range(500):
                    if os.path.exists('%s'): break
                    time.sleep(0.01)
                try:
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    s.connect('%s')
                    s.sendall(b'hello')
                    print('ESCAPED', s.recv(5))
                except OSError as e:
                    print('refused', errno.errorcode.get(e.errno, e.errno))
                """.formatted(sock, sock));
        try (Started s = f.sandbox.start(p, TrustLevel.AI_GENERATED, f.sandbox.policy().approver(), line -> {
            if (!line.equals("checked")) return;
            try {
                server[0] = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server[0].bind(UnixDomainSocketAddress.of(sock));
                Thread.ofVirtual().start(() -> echo(server[0], accepted));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            RunResult r = s.await();
            System.out.println(r);
            assertThat(r.stdout()).doesNotContain("ESCAPED");
            // bubblewrap: the seccomp filter refuses AF_UNIX; gVisor's own kernel never reaches a host socket (it may
            // also not see the new file through its cached view of the grant, and wait until the wall time)
            if (hostKernel()) assertThat(r.stdout()).contains("refused EPERM");
        } finally {
            if (server[0] != null) server[0].close();
        }
        assertThat(accepted).hasValue(0);
    }

    private Path shared(String name) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return d;
    }

    private static void echo(ServerSocketChannel server, AtomicInteger accepted) {
        try (SocketChannel c = server.accept()) {
            accepted.incrementAndGet();
            ByteBuffer b = ByteBuffer.allocate(64);
            c.read(b);
            c.write(b.flip());
        } catch (IOException e) {
            // closed
        }
    }

    /** Real, effective, saved and fs uids of every process the test JVM started (the sandbox's host side). */
    private static List<int[]> hostIdsOfSandboxProcesses() {
        List<int[]> out = new java.util.ArrayList<>();
        ProcessHandle.current().descendants().forEach(ph -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + ph.pid() + "/status"))) {
                    if (!line.startsWith("Uid:")) continue;
                    String[] f = line.split("\\s+");
                    out.add(new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])});
                }
            } catch (IOException e) {
                // exited meanwhile
            }
        });
        return out;
    }

    private static Map<Path, String> hostValues() throws IOException {
        Map<Path, String> m = new LinkedHashMap<>();
        for (String p : List.of("/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe",
                "/sys/kernel/mm/transparent_hugepage/enabled")) {
            Path path = Path.of(p);
            if (Files.isReadable(path)) m.put(path, Files.readString(path));
        }
        return m;
    }

    /** Puts back a tunable an escaped program changed (on a machine where the test itself may write it). */
    private static void restore(Map<Path, String> before) {
        before.forEach((p, v) -> {
            try {
                if (!Files.readString(p).equals(v)) {
                    String value = v.strip();
                    if (p.toString().endsWith("enabled")) value = value.substring(value.indexOf('[') + 1, value.indexOf(']'));
                    Files.writeString(p, value);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("could not restore " + p + ": " + e);
            }
        });
    }

    private static int waitFor(Process p) {
        try {
            p.getOutputStream().close();
            p.getInputStream().transferTo(System.out);
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
