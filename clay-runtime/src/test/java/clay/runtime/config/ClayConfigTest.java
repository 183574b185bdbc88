package clay.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClayConfigTest {

    @Test
    void missingFileMeansDefaults(@TempDir Path dir) {
        ClayConfig cfg = ClayConfig.load(dir.resolve("nope.toml"));
        assertThat(cfg.section("runtime").path("port").asInt(7433)).isEqualTo(7433);
    }

    @Test
    void brokenFileNamesTheBadLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, "[runtime]\nport = 7433\n\n[models.tiny\npath = \"/x.gguf\"\n");
        assertThatThrownBy(() -> ClayConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":4:");
    }

    @Test
    void wrongTypesAreRefusedWithTheirLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, "# settings\n[runtime]\nport = \"seven\"\n");
        assertThatThrownBy(() -> ClayConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(":3:").hasMessageContaining("runtime.port");
    }

    @Test
    void setWritesAValidFileAndKeepsOtherSettings(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c/config.toml");
        ClayConfig cfg = ClayConfig.load(f).with("runtime.port", "8123").with("user.name", "Ada");
        assertThat(cfg.get("runtime.port").orElseThrow().asInt()).isEqualTo(8123);
        ClayConfig again = ClayConfig.load(f);
        assertThat(again.get("user.name").orElseThrow().asText()).isEqualTo("Ada");
        assertThat(again.get("runtime.port").orElseThrow().asInt()).isEqualTo(8123);
        assertThat(again.without("user.name").get("user.name")).isEmpty();
    }

    @Test
    void defaultPathFollowsXdg() {
        assertThat(ClayConfig.defaultPath(Map.of("XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/x/clay/config.toml"));
        assertThat(ClayConfig.defaultPath(Map.of("CLAY_CONFIG", "/y.toml", "XDG_CONFIG_HOME", "/x"))).isEqualTo(Path.of("/y.toml"));
    }
}
