package clay.sandbox;

import static clay.sandbox.SandboxFixture.SECRET;
import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.CapabilityDeniedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Escape attempts every backend must contain: zero escapes. Each subclass names its backend; the programs are Python
 * (the host's python3) and print ESCAPED only if an attempt got through. The probes against the host kernel, its
 * uids and its unix sockets are in {@link HostBoundaryProbes}.
 */
abstract class EscapeSuite extends HostBoundaryProbes {

    @Test
    void cannotReadSshKeyWithoutGrant() {
        RunResult r = f.python("import os\np=os.path.expanduser('~/.ssh/id_rsa')\nprint(open(p).read())\n");
        assertThat(r.stdout()).doesNotContain(SECRET);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.denials()).anyMatch(d -> d.contains(".ssh/id_rsa"));
        // found in the program's own stderr: kept as what the program reported, not as a refusal Clay enforced
        assertThat(f.sandbox.audit().recent(20, java.util.Optional.empty(),
                java.util.Optional.of(clay.sandbox.audit.AuditEvent.Kind.REPORTED)))
                .anyMatch(e -> e.detail().contains(".ssh/id_rsa"));
    }

    @Test
    void aProgramCannotForgeEnforcedDenialsThroughItsStderr() {
        RunResult r = f.python("""
                import sys
                for i in range(60):
                    print(f"PermissionError: [Errno 13] Permission denied: '/home/victim/forged{i}'", file=sys.stderr)
                """);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(f.sandbox.audit().recent(200, java.util.Optional.empty(),
                java.util.Optional.of(clay.sandbox.audit.AuditEvent.Kind.DENY))).noneMatch(e -> e.detail().contains("forged"));
        assertThat(r.denials()).filteredOn(d -> d.contains("forged")).isNotEmpty()
                .allMatch(d -> d.startsWith(clay.sandbox.enforce.DenialScanner.PREFIX));
    }

    @Test
    void cannotReadSshKeyThroughSymlinkInGrantedDirectory() throws IOException {
        Path docs = Files.createDirectories(f.userHome.resolve("docs"));
        Files.createSymbolicLink(docs.resolve("key"), f.userHome.resolve(".ssh/id_rsa"));
        Files.createSymbolicLink(docs.resolve("up"), Path.of(".."));
        RunResult r = f.python(requires("read:~/docs") + """
                import os
                for p in ['~/docs/key', '~/docs/up/.ssh/id_rsa', '~/docs/../.ssh/id_rsa']:
                    try:
                        print('ESCAPED', open(os.path.expanduser(p)).read())
                    except OSError as e:
                        print('refused', p, e.errno)
                """);
        assertThat(r.stdout()).doesNotContain(SECRET).doesNotContain("ESCAPED").contains("refused");
    }

    @Test
    void refusesGrantsThatAreSymlinksOrClimbIntoProtectedPlaces() throws IOException {
        Files.createSymbolicLink(f.userHome.resolve("innocent"), f.userHome.resolve(".ssh"));
        assertThatThrownBy(() -> f.python(requires("read:~/innocent") + "print(1)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("symlink");
        assertThatThrownBy(() -> f.python(requires("read:~/docs/../.ssh") + "print(2)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining(".ssh");
        assertThatThrownBy(() -> f.python(requires("read:~") + "print(3)\n"))
                .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("narrower");
        assertThatThrownBy(() -> f.python(requires("write:" + f.home.root()) + "print(4)\n"))
                .isInstanceOf(CapabilityDeniedException.class);
        assertThatThrownBy(() -> f.python(requires("read:/etc/shadow") + "print(5)\n"))
                .isInstanceOf(CapabilityDeniedException.class);
    }

    @Test
    void cannotReadOtherUsersFilesEvenInAGrantedDirectory() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path bob = shared.resolve("bob.txt");
        Files.writeString(bob, "BOB-PRIVATE");
        try {
            Files.setAttribute(bob, "unix:uid", 4242);
        } catch (java.nio.file.FileSystemException e) {
            org.junit.jupiter.api.Assumptions.abort("SKIPPED LOUDLY: only root can give a file to another user: " + e);
        }
        Files.setPosixFilePermissions(bob, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        RunResult r = f.python(requires("read:" + shared) + "print(open('" + bob + "').read())\n");
        assertThat(r.stdout()).doesNotContain("BOB-PRIVATE");
    }

    @Test
    void cannotWriteOutsideGrants() throws IOException {
        Path ro = Files.createDirectories(dir.resolve("readonly"));
        RunResult r = f.python(requires("read:" + ro) + """
                import os
                for p in ['%s/x', os.path.expanduser('~/x'), '/usr/x', '/etc/x', '/x', '/clay/x', '/proc/x']:
                    try:
                        open(p, 'w').write('ESCAPED')
                        print('ESCAPED', p)
                    except OSError as e:
                        print('refused', p, e.errno)
                """.formatted(ro));
        assertThat(r.stdout()).doesNotContain("ESCAPED");
        assertThat(ro.resolve("x")).doesNotExist();
        assertThat(f.userHome.resolve("x")).doesNotExist();
        assertThat(Path.of("/usr/x")).doesNotExist();
    }

    @Test
    void cannotReachHostLoopbackServices() throws IOException {
        try (ServerSocket host = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RunResult r = f.python("""
                    import socket
                    for addr in [('127.0.0.1', %d), ('::1', %d), ('localhost', %d)]:
                        try:
                            socket.create_connection(addr, timeout=2)
                            print('ESCAPED', addr)
                        except OSError as e:
                            print('refused', addr, e)
                    """.formatted(host.getLocalPort(), host.getLocalPort(), host.getLocalPort()));
            assertThat(r.stdout()).doesNotContain("ESCAPED").contains("refused");
        }
    }

    @Test
    void hasNoDnsAndNoRawSockets() {
        RunResult r = f.python("""
                import socket
                tries = {
                  'dns': lambda: socket.getaddrinfo('example.com', 80),
                  'udp53': lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('1.1.1.1', 53)),
                  'tcp': lambda: socket.create_connection(('1.1.1.1', 80), timeout=2),
                  'raw': lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
                  'packet': lambda: socket.socket(17, socket.SOCK_RAW, 0),
                  'netlink': lambda: socket.socket(16, socket.SOCK_RAW, 0),
                }
                for name, t in tries.items():
                    try:
                        t()
                        print('ESCAPED', name)
                    except OSError as e:
                        print('refused', name, e.errno)
                """);
        assertThat(r.stdout()).contains("refused dns").contains("refused raw").doesNotContain("ESCAPED tcp")
                .doesNotContain("ESCAPED udp53").doesNotContain("ESCAPED packet");
        if (hostKernel()) assertThat(r.stdout()).doesNotContain("ESCAPED"); // gVisor's netlink is its own, not the host's
    }

    @Test
    void forkBombIsContained() {
        RunResult r = f.python("""
                import os, time
                n = 0
                try:
                    while True:
                        if os.fork() == 0:
                            time.sleep(30)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print('stopped after', n, e.errno)
                """);
        assertThat(r.outcome()).isIn(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.TIMED_OUT, Outcome.MEMORY_LIMIT);
        if (hostKernel()) {
            assertThat(r.stdout()).contains("stopped after");
            int n = Integer.parseInt(r.stdout().split(" ")[2]);
            assertThat(n).isLessThan(SandboxFixture.small().processes());
        } // under gVisor the bomb's tasks live in the sentry; the run's cgroup memory stops it
    }

    @Test
    void memoryBombIsStopped() {
        RunResult r = f.python("x = bytearray(2 * 1024 * 1024 * 1024)\nprint('ESCAPED', len(x))\n");
        assertThat(r.stdout()).doesNotContain("ESCAPED");
        assertThat(r.outcome()).isIn(Outcome.FAILED, Outcome.MEMORY_LIMIT);
    }

    @Test
    void processesEachAllocatingCannotExceedTheSummedMemory() {
        org.junit.jupiter.api.Assumptions.assumeTrue(clay.sandbox.enforce.HostSupport.get().cgroups()
                != clay.sandbox.enforce.Cgroup.Mode.NONE, "SKIPPED LOUDLY: no writable cgroups here, so memory is"
                + " limited per process (RLIMIT_AS), not for the whole tree");
        RunResult r = f.python("""
                import os, time
                kids = []
                for i in range(6):
                    pid = os.fork()
                    if pid == 0:
                        b = bytearray(100 * 1024 * 1024)
                        for j in range(0, len(b), 4096): b[j] = 1
                        time.sleep(3)
                        os._exit(0)
                    kids.append(pid)
                ok = sum(1 for k in kids if os.waitpid(k, 0)[1] == 0)
                print('held', ok * 100, 'MiB together')
                if ok * 100 > 256: print('ESCAPED')
                """);
        assertThat(r.stdout()).doesNotContain("ESCAPED");
    }

    @Test
    void fillingTmpEndsAtItsCap() {
        RunResult r = f.python("""
                n = 0
                try:
                    with open('/tmp/fill', 'wb') as fh:
                        while n < 1024:
                            fh.write(b'x' * 1024 * 1024); fh.flush(); n += 1
                    print('ESCAPED', n)
                except OSError as e:
                    print('full after', n, 'MiB', e.errno)
                """);
        assertThat(r.stdout()).doesNotContain("ESCAPED").contains("full after");
    }

    @Test
    void fillingAWritableGrantIsStoppedByTheWriteQuota() throws IOException {
        if (!hostKernel()) {
            assertThatThrownBy(() -> f.python(requires("write:~/out") + "print(1)\n"))
                    .isInstanceOf(clay.sandbox.enforce.SandboxUnavailableException.class).hasMessageContaining("write");
            return;
        }
        RunResult r = f.python(requires("write:~/out") + """
                import os
                for i in range(200):
                    with open(os.path.expanduser('~/out/f%d' % i), 'wb') as fh:
                        fh.write(b'x' * 1024 * 1024)
                print('ESCAPED wrote 200 MiB')
                """);
        assertThat(r.stdout()).doesNotContain("ESCAPED");
        assertThat(r.outcome()).isEqualTo(Outcome.DISK_LIMIT);
        try (var files = Files.list(f.userHome.resolve("out"))) {
            assertThat(files.count()).isLessThan(200);
        }
        assertThat(r.stderr()).contains("No space left on device"); // the kernel refused the write, not a watchdog
    }

    @Test
    void infiniteLoopHitsCpuOrWallLimit() {
        RunResult r = f.python("while True: pass\n");
        assertThat(r.outcome()).isIn(Outcome.CPU_LIMIT, Outcome.TIMED_OUT);
    }

    @Test
    void hugeOutputIsCutAndStopped() {
        RunResult r = f.python("while True: print('y' * 1000)\n");
        assertThat(r.outcome()).isEqualTo(Outcome.OUTPUT_LIMIT);
        assertThat(r.stdout().length() + r.stderr().length()).isLessThanOrEqualTo(256 * 1024);
    }

    @Test
    void ptraceMountAndNamespacesAreRefused() {
        RunResult r = f.python("""
                import ctypes, os
                libc = ctypes.CDLL(None, use_errno=True)
                def attempt(name, rc):
                    print(('ESCAPED ' if rc == 0 else 'refused ') + name, ctypes.get_errno())
                attempt('ptrace', libc.ptrace(0, 0, None, None))
                os.makedirs('/tmp/m', exist_ok=True)
                attempt('mount', libc.mount(b'none', b'/tmp/m', b'tmpfs', 0, None))
                attempt('unshare-user', libc.unshare(0x10000000))
                attempt('unshare-net', libc.unshare(0x40000000))
                attempt('setns', libc.setns(0, 0))
                attempt('bpf', libc.syscall(321, 0, None, 0))
                attempt('keyctl', libc.syscall(250, 0, 0, 0, 0, 0))
                attempt('perf', libc.syscall(298, None, 0, -1, -1, 0))
                attempt('chroot', libc.chroot(b'/tmp'))
                """);
        assertThat(r.stdout()).contains("refused mount");
        // under gVisor ptrace, unshare and chroot act on gVisor's own kernel, so only the host-kernel backend must refuse them
        if (hostKernel()) {
            assertThat(r.stdout()).doesNotContain("ESCAPED").contains("refused ptrace").contains("refused unshare-user");
        }
    }

    @Test
    void timeoutKillsTheWholeTreeIncludingDetachedChildren() {
        Limits l = SandboxFixture.small().withWallTime(java.time.Duration.ofSeconds(2));
        try (SandboxFixture g = reopen(l)) {
            RunResult r = g.python("""
                    import os, time
                    if os.fork() == 0:
                        os.setsid()
                        if os.fork() == 0:
                            time.sleep(600)
                        os._exit(0)
                    time.sleep(600)
                    """);
            assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                    .filter(c -> c.contains("/clay/main.py") || c.contains(g.home.root().toString())))
                    .as("no sandboxed process survives").isEmpty();
        }
    }

    SandboxFixture reopen(Limits limits) {
        try {
            return new SandboxFixture(Files.createTempDirectory(dir, "re"), backend(), limits);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
