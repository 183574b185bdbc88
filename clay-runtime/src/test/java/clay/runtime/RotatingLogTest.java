package clay.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {

    @Test
    void aFloodOfLinesLeavesAtMostKeepPlusOneFilesEachUnderTheCap(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("clay.log");
        try (PrintStream out = new PrintStream(new RotatingLog(log, 4096, 2), true, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 20_000; i++) out.println("line " + i + " of a program that will not stop talking");
            out.print("x".repeat(100_000)); // one write larger than the whole file
            out.println();
            out.println("the last line");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("clay.log", "clay.log.1", "clay.log.2");
        }
        for (String name : new String[] {"clay.log", "clay.log.1", "clay.log.2"}) {
            assertThat(Files.size(dir.resolve(name))).as(name).isLessThanOrEqualTo(4096);
        }
        assertThat(Files.readString(log)).endsWith("the last line\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    @Test
    void appendsToTheLogOfAPreviousRun(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("clay.log"), "earlier\n");
        try (PrintStream out = new PrintStream(new RotatingLog(log, 4096, 1), true, StandardCharsets.UTF_8)) {
            out.println("now");
        }
        assertThat(Files.readString(log)).isEqualTo("earlier\nnow\n");
    }
}
