package clay.intelligence.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyGgufTest {
    @TempDir Path dir;

    @Test
    void writesAGgufV3FileThatDescribesItsShape() throws Exception {
        Path file = TinyGguf.write(dir.resolve("tiny.gguf"));

        GgufFile gguf = GgufFile.inspect(file);
        assertThat(gguf.version()).isEqualTo(3);
        assertThat(gguf.architecture()).isEqualTo("llama");
        assertThat(gguf.contextLength()).contains(256);
        assertThat(gguf.blockCount()).contains(2);
        assertThat(gguf.tensorCount()).isEqualTo(3 + 2 * 9);
        assertThat(gguf.chatTemplate()).contains(TinyGguf.CHAT_TEMPLATE);
        assertThat(gguf.number("tokenizer.ggml.tokens.length")).contains((long) TinyGguf.vocabulary(TinyGguf.Spec.tiny()).size());
        assertThat(Files.size(file)).isBetween(300_000L, 700_000L);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        Path a = TinyGguf.write(dir.resolve("a.gguf"));
        Path b = TinyGguf.write(dir.resolve("b.gguf"));
        Path c = TinyGguf.write(dir.resolve("c.gguf"), TinyGguf.Spec.tiny().withSeed(7));

        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1L);
    }

    @Test
    void halfFloatSpecIsSmallerAndStillValid() throws Exception {
        var spec = new TinyGguf.Spec(64, 4, 2, 2, 128, 256, 100, true, 1);
        Path file = TinyGguf.write(dir.resolve("f16.gguf"), spec);

        assertThat(GgufFile.inspect(file).number("general.file_type")).contains(1L);
        assertThat(Files.size(file)).isLessThan(Files.size(TinyGguf.write(dir.resolve("f32.gguf"))) + 100 * 64 * 4);
    }

    @Test
    void rejectsImpossibleShapes() {
        assertThatThrownBy(() -> new TinyGguf.Spec(63, 4, 4, 2, 128, 256, 0, false, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("embedding 63");
        assertThatThrownBy(() -> new TinyGguf.Spec(64, 4, 3, 2, 128, 256, 0, false, 1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kvHeads");
    }
}
