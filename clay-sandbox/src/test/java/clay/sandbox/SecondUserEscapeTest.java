package clay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The escape suites again, run by a real second OS user: when the test JVM is root, a fresh unprivileged user is
 * created, the test classpath is copied where it can read it, and {@link EscapeSuitesMain} runs both suites in a
 * child JVM as that user ({@code runuser}), so bubblewrap and gVisor are exercised exactly as a desktop user's Clay
 * uses them (user namespaces, no cgroups of its own, uid 1000 inside). Skips loudly when not root: then the suites
 * in this JVM already ran unprivileged.
 */
class SecondUserEscapeTest {
    private static final Pattern SUMMARY =
            Pattern.compile("escape-suites found (\\d+) succeeded (\\d+) skipped (\\d+) aborted (\\d+) failed (\\d+)");

    @Test
    void escapeSuitesPassAsAnUnprivilegedSecondUser() throws Exception {
        assumeTrue(clay.sandbox.enforce.SandboxUser.get().dropped(), "SKIPPED LOUDLY: the test JVM is not root, so the "
                + "escape suites already ran as an unprivileged user; run the build as root to also run them as a second uid");
        String user = "clayesc" + Long.toString(System.nanoTime() % 1_000_000, 36);
        Path base = Files.createTempDirectory(Path.of("/var/tmp"), "clay-second-user");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = base.resolve("home");
        try {
            assertThat(run(List.of("useradd", "--no-create-home", "--home-dir", home.toString(), "--shell", "/usr/sbin/nologin",
                    user), 60)).isZero();
            Files.createDirectories(home.resolve("tmp"));
            Files.createDirectories(home.resolve("scratch"));
            assertThat(run(List.of("chown", "-R", user + ":" + user, home.toString()), 60)).isZero();
            String classpath = readableClasspath(base.resolve("cp"));
            Path log = base.resolve("suites.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> cmd = List.of("runuser", "-u", user, "--", "env", "-i", "PATH=/usr/bin:/bin", "HOME=" + home,
                    java.toString(), "-cp", classpath, "-Djava.io.tmpdir=" + home.resolve("tmp"),
                    "-Dclay.test.scratch=" + home.resolve("scratch"), "-Duser.home=" + home, EscapeSuitesMain.class.getName());
            int rc = run(cmd, 900, log);
            String out = Files.readString(log);
            System.out.println(out);
            Matcher m = SUMMARY.matcher(out);
            assertThat(m.find()).as("summary line in the second user's run").isTrue();
            assertThat(Integer.parseInt(m.group(5))).as("failed escape tests as a second user").isZero();
            assertThat(rc).isZero();
            // both suites ran: the few tests that need cgroups may skip, loudly, for a user without them
            assertThat(Integer.parseInt(m.group(2))).as("succeeded escape tests as a second user").isGreaterThanOrEqualTo(36);
        } finally {
            run(List.of("userdel", user), 60);
            deleteTree(base);
        }
    }

    /** Copies the test classpath's jars where the second user can read them; class directories are read in place. */
    private static String readableClasspath(Path into) throws IOException {
        Files.createDirectories(into);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                out.add(p.toString());
            } else if (Files.isRegularFile(p)) {
                Path copy = into.resolve((i++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                out.add(copy.toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static int run(List<String> cmd, int seconds) throws IOException, InterruptedException {
        return run(cmd, seconds, null);
    }

    private static int run(List<String> cmd, int seconds, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(log.toFile()));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
