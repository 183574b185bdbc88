package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ModelUnavailableException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
    @TempDir Path dir;

    @Test
    void missingFileSaysNotFoundWithAFix() {
        assertThatThrownBy(() -> GgufFile.inspect(dir.resolve("nope.gguf")))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("not found")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ModelUnavailableException) e).fix()).isPresent());
    }

    @Test
    void refusesAFileWithoutTheMagic() throws Exception {
        Path file = Files.writeString(dir.resolve("text.gguf"), "this is not a model, just some text padding it out");
        assertThatThrownBy(() -> GgufFile.inspect(file)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("no GGUF magic");
    }

    @Test
    void refusesATruncatedModel() throws Exception {
        Path file = TinyGguf.write(dir.resolve("cut.gguf"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1000);
        }
        assertThatThrownBy(() -> GgufFile.inspect(file)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void refusesAHeaderCutInTheMiddleOfTheMetadata() throws Exception {
        Path file = TinyGguf.write(dir.resolve("cut.gguf"));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(200);
        }
        assertThatThrownBy(() -> GgufFile.inspect(file)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("not a valid GGUF");
    }

    @Test
    void refusesAForgedCount() throws Exception {
        Path file = TinyGguf.write(dir.resolve("forged.gguf"));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 8; i < 16; i++) bytes[i] = (byte) 0x7f; // tensor count
        Files.write(file, bytes);
        assertThatThrownBy(() -> GgufFile.inspect(file)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("implausible tensor count");
    }
}
