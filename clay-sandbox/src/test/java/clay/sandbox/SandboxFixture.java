package clay.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.core.ClayHome;
import clay.core.TrustLevel;
import clay.sandbox.approval.Decision;
import clay.sandbox.enforce.HostSupport;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One sandbox in a temp directory: a Clay home, a fake user home with {@code ~/.ssh/id_rsa} holding a secret, an
 * approver that answers ONCE and counts questions. Limits are small so bombs end fast.
 */
final class SandboxFixture implements AutoCloseable {
    static final String SECRET = "TOP-SECRET-KEY-MATERIAL";

    final Path root;
    final Path userHome;
    final ClayHome home;
    final AtomicInteger asked = new AtomicInteger();
    volatile Decision answer = Decision.ONCE;
    final Sandbox sandbox;

    SandboxFixture(Path root, BackendKind backend) throws IOException {
        this(root, backend, small());
    }

    SandboxFixture(Path root, BackendKind backend, Limits limits) throws IOException {
        requireBackend(backend);
        this.root = root;
        // grants must be readable by the sandbox user, which is not the test's user when tests run as root
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        // outside /tmp, which is the sandbox's private tmpfs: a home under it would hide writes in that tmpfs
        this.userHome = Files.createTempDirectory(Files.createDirectories(Path.of(System.getProperty("clay.test.scratch", "/var/tmp/clay-sandbox-tests"))), "home");
        Files.setPosixFilePermissions(userHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(userHome.resolve(".ssh"));
        Files.writeString(userHome.resolve(".ssh/id_rsa"), SECRET);
        this.home = new ClayHome(root.resolve("clayhome")).ensure();
        SandboxPolicy p = SandboxPolicy.defaults(home).withUserHome(userHome).withLimits(limits)
                .withApprover(r -> {
                    asked.incrementAndGet();
                    return answer;
                });
        for (TrustLevel t : TrustLevel.values()) p = p.withBackends(t, List.of(backend));
        this.sandbox = Sandbox.create(p);
    }

    static Limits small() {
        return Limits.defaults().withWallTime(Duration.ofSeconds(8)).withCpuSeconds(5).withMemoryBytes(256L << 20)
                .withProcesses(48).withOutputBytes(256 * 1024).withTmpBytes(16L << 20).withWriteBytes(8L << 20);
    }

    static void requireBackend(BackendKind backend) {
        HostSupport h = HostSupport.get();
        switch (backend) {
            case BUBBLEWRAP -> assumeTrue(h.bubblewrap().isPresent(),
                    "SKIPPED LOUDLY: bubblewrap unusable here: " + h.bubblewrapProblem().orElse("?"));
            case GVISOR -> assumeTrue(h.gvisor().isPresent(),
                    "SKIPPED LOUDLY: gVisor unusable here: " + h.gvisorProblem().orElse("?"));
        }
    }

    RunResult python(String source) {
        return run(Language.PYTHON, source);
    }

    RunResult run(Language language, String source) {
        RunResult r = sandbox.run(Program.of("test." + language.extension(), language, source), TrustLevel.AI_GENERATED);
        System.out.println(r);
        return r;
    }

    /** A header line for python. */
    static String requires(String... caps) {
        StringBuilder b = new StringBuilder("# @requires([");
        for (int i = 0; i < caps.length; i++) b.append(i > 0 ? ", " : "").append('"').append(caps[i]).append('"');
        return b.append("])\n").toString();
    }

    @Override
    public void close() {
        sandbox.close();
        try (var s = Files.walk(userHome)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
