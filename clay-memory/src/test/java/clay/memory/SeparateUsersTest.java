package clay.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.core.ClayHome;
import clay.memory.crypto.MemoryKey;
import clay.memory.episodic.Interaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each OS user has their own Clay home; another user's process cannot read it. Proven by running a reader as the
 * unprivileged uid 65534 (nobody) against this user's memory.
 */
class SeparateUsersTest {
    @TempDir Path dir;

    @Test
    void anotherUserCannotReadThisUsersMemoryOrKeys() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        ClayHome home = new ClayHome(dir.resolve("alice")).ensure();
        try (Memory m = Memory.open(home)) {
            m.record(Interaction.of(Instant.now(), "remember that my PIN hint is the cat", "remember", "Noted."));
        }
        Path db = home.context().resolve("memory.db");
        Path key = MemoryKey.keyringFile(home);
        for (Path p : List.of(home.root(), home.context(), key.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rwx------");
        }
        for (Path p : List.of(db, key)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).isEqualTo("rw-------");
        }

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is needed to act as another user");
        assumeTrue("root".equals(System.getProperty("user.name")), "switching to another uid needs root; run as root to prove it");
        for (Path target : List.of(db, key, home.context())) {
            Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    target.equals(home.context()) ? "/bin/ls" : "/bin/cat", target.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as("uid 65534 reading " + target + ": " + out).isNotZero();
            assertThat(out).contains("Permission denied");
        }
        // the same reader as this user succeeds, so the failure above is the permissions, not the command
        Process self = new ProcessBuilder("/bin/cat", key.toString()).start();
        self.getInputStream().readAllBytes();
        assertThat(self.waitFor()).isZero();
    }
}
