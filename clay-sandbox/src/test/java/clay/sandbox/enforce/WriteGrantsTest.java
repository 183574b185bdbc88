package clay.sandbox.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive a sandboxed program leaves is untrusted: applying it never writes outside the granted directory. */
class WriteGrantsTest {
    @TempDir Path dir;

    private static WriteGrants.Entry file(String name, String content) {
        return new WriteGrants.Entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    @Test
    void entriesThatClimbOutOrGoThroughASymlinkStayInside() throws IOException {
        Path root = Files.createDirectories(dir.resolve("granted"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        WriteGrants.sync(root, List.of(
                file("../outside/climbed.txt", "x"),
                file("/abs.txt", "x"),
                new WriteGrants.Entry("./link", '2', new byte[0], outside.toString()),
                file("./link/through.txt", "x"),
                file("./ok.txt", "ok")));
        try (var s = Files.list(outside)) {
            assertThat(s.count()).isZero();
        }
        assertThat(Files.readString(root.resolve("ok.txt"))).isEqualTo("ok");
        assertThat(root.resolve("link")).isDirectory().isNotEqualTo(outside);
        assertThat(Files.isSymbolicLink(root.resolve("link"))).isFalse();
    }

    @Test
    void aRealTarArchiveIsReadWithLongNames() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/" + "d".repeat(120)));
        Files.writeString(src.resolve("f.txt"), "hello");
        Path tar = dir.resolve("a.tar");
        Process p = new ProcessBuilder("tar", "--format=gnu", "-C", dir.resolve("src").toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Path root = Files.createDirectories(dir.resolve("dst"));
        Files.writeString(root.resolve("stale.txt"), "old");
        WriteGrants.sync(root, WriteGrants.read(tar));
        assertThat(Files.readString(root.resolve("d".repeat(120) + "/f.txt"))).isEqualTo("hello");
        assertThat(root.resolve("stale.txt")).doesNotExist();
    }
}
