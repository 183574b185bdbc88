package clay.sandbox.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.Capability;
import clay.core.CapabilityDeniedException;
import clay.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
    @TempDir Path dir;
    Path home;
    PathResolver r;

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Path clay = Files.createDirectories(home.resolve(".clay"));
        r = new PathResolver(home, List.of(clay), List.of(clay.resolve("clay/persistent")));
    }

    List<PathGrant> resolve(String... caps) {
        return r.resolve(java.util.Arrays.stream(caps).map(Capability::parse).toList());
    }

    @Test
    void expandsHomeRemovesDotDotAndMergesReadWithWrite() throws IOException {
        Files.createDirectories(home.resolve("docs"));
        assertThat(resolve("read:~/x/../docs", "write:~/docs")).containsExactly(new PathGrant(home.resolve("docs"), true, true));
    }

    @Test
    void writeGrantsNeverNestWithOtherGrantsButReadsMay() throws IOException {
        Files.createDirectories(home.resolve("a/b/c"));
        for (String[] caps : new String[][] {{"write:~/a", "write:~/a/b"}, {"write:~/a/b", "read:~/a"},
                {"read:~/a/b", "write:~/a"}, {"write:~/a/**"}, {"write:~/a/*", "write:~/a/b/c"}}) {
            assertThatThrownBy(() -> resolve(caps)).as(String.join(" ", caps))
                    .isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("overlap");
        }
        assertThat(resolve("read:~/a", "read:~/a/b")).hasSize(2);
        assertThat(resolve("write:~/a/b", "read:~/a/b")).containsExactly(new PathGrant(home.resolve("a/b"), true, true));
    }

    @Test
    void missingReadPathsAreAbsentAndMissingWritePathsAreCreated() {
        assertThat(resolve("read:~/nothing-here")).containsExactly(new PathGrant(home.resolve("nothing-here"), false, false));
        assertThat(resolve("write:~/out/deep")).containsExactly(new PathGrant(home.resolve("out/deep"), true, true));
        assertThat(home.resolve("out/deep")).isDirectory();
    }

    @Test
    void refusesRelativePathsSymlinksAndProtectedPlaces() throws IOException {
        assertThatThrownBy(() -> resolve("read:docs")).isInstanceOf(CapabilityDeniedException.class).hasMessageContaining("absolute");
        Files.createSymbolicLink(home.resolve("link"), dir);
        assertThatThrownBy(() -> resolve("read:~/link")).hasMessageContaining("symlink");
        assertThatThrownBy(() -> resolve("read:~/link/home")).hasMessageContaining("symlink");
        assertThatThrownBy(() -> resolve("read:~/.clay")).hasMessageContaining("protected");
        assertThatThrownBy(() -> resolve("write:/")).hasMessageContaining("whole file system");
        assertThatThrownBy(() -> resolve("read:/proc/self")).hasMessageContaining("protected");
        assertThat(resolve("write:~/.clay/clay/persistent/reports")).hasSize(1);
    }

    @Test
    void globsMatchWhatExistsAndAreBounded() throws IOException {
        Path notes = Files.createDirectories(home.resolve("notes"));
        for (int i = 0; i < 3; i++) Files.writeString(notes.resolve(i + ".md"), "x");
        Files.writeString(notes.resolve("skip.txt"), "x");
        assertThat(resolve("read:~/notes/*.md")).hasSize(3).allMatch(g -> g.path().toString().endsWith(".md"));
        Path many = Files.createDirectories(home.resolve("many"));
        for (int i = 0; i < 300; i++) Files.writeString(many.resolve(i + ".txt"), "");
        assertThatThrownBy(() -> resolve("read:~/many/*")).hasMessageContaining("more than");
    }

    @Test
    void badProgramsAreRefusedAtTheEdge() {
        assertThatThrownBy(() -> Language.ofFile(Path.of("x.exe"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Program.of("big.py", Language.PYTHON, "#".repeat(Program.MAX_SOURCE_BYTES + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 MiB");
        assertThatThrownBy(() -> clay.sandbox.Limits.defaults().withMemoryBytes(0)).hasMessageContaining("memoryBytes");
    }
}
