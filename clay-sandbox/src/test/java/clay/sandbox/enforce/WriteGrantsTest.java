package clay.sandbox.enforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive a sandboxed program leaves is untrusted, as if the program had forged every byte of it: applying it
 * never writes outside the granted directory and never leaves a symlink behind.
 */
class WriteGrantsTest {
    @TempDir Path dir;

    private static WriteGrants.Entry file(String name, String content) {
        return new WriteGrants.Entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    private static WriteGrants.Entry link(String name, String target) {
        return new WriteGrants.Entry(name, '2', new byte[0], target);
    }

    private static List<Path> symlinksUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isSymbolicLink).toList();
        }
    }

    @Test
    void entriesThatClimbOutOrGoThroughASymlinkStayInside() throws IOException {
        Path root = Files.createDirectories(dir.resolve("granted"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        List<String> dropped = new ArrayList<>();
        CopyBack.sync(root, List.of(
                file("../outside/climbed.txt", "x"),
                file("/abs.txt", "x"),
                link("./link", outside.toString()),
                file("./link/through.txt", "x"),
                file("./ok.txt", "ok")), dropped);
        try (var s = Files.list(outside)) {
            assertThat(s.count()).isZero();
        }
        assertThat(Files.readString(root.resolve("ok.txt"))).isEqualTo("ok");
        assertThat(root.resolve("link")).isDirectory();
        assertThat(symlinksUnder(root)).isEmpty();
        assertThat(dropped).anyMatch(d -> d.contains("link") && d.contains("symlink"));
    }

    @Test
    void symlinksToSecretsOrUpwardAreNeitherCreatedNorFollowed() throws IOException {
        Path root = Files.createDirectories(dir.resolve("a/b/g4"));
        Path victim = Files.writeString(dir.resolve("a/victim"), "victim");
        List<String> dropped = new ArrayList<>();
        CopyBack.sync(root, List.of(link("shadowlink", "/etc/shadow"), link("rel_up", "../../victim"),
                file("shadowlink", "not through the link"), file("note.txt", "n")), dropped);
        assertThat(symlinksUnder(dir)).isEmpty();
        assertThat(Files.readString(victim)).isEqualTo("victim");
        assertThat(dropped).hasSize(2).allMatch(d -> d.contains("symlink, not copied back"));
        assertThat(Files.readString(root.resolve("note.txt"))).isEqualTo("n");
    }

    @Test
    void aSymlinkAlreadyOnTheHostIsReplacedNeverWrittenThrough() throws IOException {
        Path root = Files.createDirectories(dir.resolve("granted"));
        Path secret = Files.writeString(dir.resolve("secret"), "keep");
        Path outsideDir = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve("file"), secret);
        Files.createSymbolicLink(root.resolve("sub"), outsideDir);
        CopyBack.sync(root, List.of(file("file", "new"), file("sub/x", "y")), new ArrayList<>());
        assertThat(Files.readString(secret)).isEqualTo("keep");
        assertThat(Files.isSymbolicLink(root.resolve("file"))).isFalse();
        assertThat(Files.readString(root.resolve("file"))).isEqualTo("new");
        assertThat(outsideDir.resolve("x")).doesNotExist();
        assertThat(Files.readString(root.resolve("sub/x"))).isEqualTo("y");
    }

    @Test
    void aHardLinkOnTheHostIsReplacedNotWrittenThrough() throws IOException {
        Path root = Files.createDirectories(dir.resolve("granted"));
        Path other = Files.writeString(dir.resolve("other"), "other");
        Files.createLink(root.resolve("h"), other);
        CopyBack.sync(root, List.of(file("h", "changed")), new ArrayList<>());
        assertThat(Files.readString(other)).isEqualTo("other");
        assertThat(Files.readString(root.resolve("h"))).isEqualTo("changed");
    }

    @Test
    void aGrantRootReachedThroughASymlinkIsRefused() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), real);
        assertThatThrownBy(() -> CopyBack.sync(alias, List.of(file("x", "y")), new ArrayList<>()))
                .isInstanceOf(IOException.class).hasMessageContaining("not a real directory");
        assertThat(real.resolve("x")).doesNotExist();
    }

    @Test
    void aForgedArchiveForOneGrantCannotReachAnother() {
        Path outer = Path.of("/home/u/a");
        Path other = Path.of("/home/u/z");
        List<WriteGrants.Entry> forged = List.of(file("home/u/a/ok", "1"), file("home/u/z/.bashrc", "pwn"),
                file("home/u/a/../z/.profile", "pwn"), link("home/u/a/b", "/home/u/z"), file("etc/cron.d/x", "pwn"));
        List<WriteGrants.Entry> mine = CopyBack.entriesOf(outer, List.of(outer, other), forged);
        assertThat(mine).extracting(WriteGrants.Entry::name).containsExactly("ok", "b");
        assertThat(CopyBack.entriesOf(other, List.of(outer, other), forged)).extracting(WriteGrants.Entry::name)
                .containsExactly(".bashrc");
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
        CopyBack.sync(root, WriteGrants.read(tar), new ArrayList<>());
        assertThat(Files.readString(root.resolve("d".repeat(120) + "/f.txt"))).isEqualTo("hello");
        assertThat(root.resolve("stale.txt")).doesNotExist();
    }
}
