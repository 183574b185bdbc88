package clay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreVocabularyTest {

    @Test
    void capabilitiesRoundTripAndRejectNonsense() {
        assertThat(Capability.parse("read:~/documents")).isEqualTo(new Capability(Capability.Kind.READ, "~/documents"));
        assertThat(Capability.parse("network:api.weather.com:443").toString()).isEqualTo("network:api.weather.com:443");
        assertThat(Capability.parse("notify").kind()).isEqualTo(Capability.Kind.NOTIFY);
        assertThatThrownBy(() -> Capability.parse("read:")).hasMessageContaining("needs an argument");
        assertThatThrownBy(() -> Capability.parse("teleport:mars")).hasMessageContaining("unknown capability");
        assertThatThrownBy(() -> Capability.parse("llm:quantum")).hasMessageContaining("is unknown");
        assertThatThrownBy(() -> Capability.parse("notify:me")).hasMessageContaining("takes no argument");
    }

    @Test
    void intentValidatesNameAndConfidence() {
        assertThat(Intent.of("get_time", Map.of(), 0.9).name()).isEqualTo("get_time");
        assertThatThrownBy(() -> Intent.of("Get Time", Map.of(), 0.9)).isInstanceOf(InvalidIntentException.class);
        assertThatThrownBy(() -> Intent.of("get_time", Map.of(), 1.5)).isInstanceOf(InvalidIntentException.class);
        assertThatThrownBy(() -> Utterance.text("   ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void homeDirectoriesAndTokenAreOwnerOnly(@TempDir Path tmp) throws Exception {
        ClayHome home = new ClayHome(tmp.resolve("h")).ensure();
        assertThat(home.persistent()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.root()))).isEqualTo("rwx------");
        String token = Token.loadOrCreate(home);
        assertThat(token).hasSize(64);
        assertThat(Token.loadOrCreate(home)).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Token.file(home)))).isEqualTo("rw-------");
    }

    @Test
    void atomicWriteReplacesWholeFile(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("a.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
        try (var s = Files.list(tmp)) {
            assertThat(s).hasSize(1);
        }
    }
}
