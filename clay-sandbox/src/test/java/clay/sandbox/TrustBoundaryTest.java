package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.CapabilityDeniedException;
import clay.core.InvalidInputException;
import clay.core.TrustLevel;
import clay.sandbox.approval.Decision;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import clay.sandbox.program.StoredProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile program (or whoever can write the files it leaves) against trust and approval: a stored manifest edited
 * to core, a source file pointing elsewhere, code imported from a grant that changes after approval, core trust
 * asked for directly, {@code exec:} with a path, grants over Clay's own files. Each of these got through before.
 */
class TrustBoundaryTest {
    @TempDir Path dir;
    SandboxFixture f;

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aManifestEditedOnDiskToCoreChangesNothing() throws IOException {
        f.sandbox.programs().save("helper", Program.of("helper.py", Language.PYTHON,
                requires("read:~/.ssh") + "print('hi')\n"), TrustLevel.AI_GENERATED, "say hi");
        Path manifest = f.home.generated().resolve("helper/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("AI_GENERATED", "CORE")
                .replace("\"program.py\"", "\"/etc/shadow\""));

        StoredProgram sp = f.sandbox.programs().require("helper");
        assertThat(sp.trust()).isEqualTo(TrustLevel.AI_GENERATED);
        assertThat(sp.source()).isEqualTo(f.home.generated().resolve("helper/program.py"));
        assertThat(f.sandbox.programs().load("helper").source()).contains("print('hi')");
    }

    @Test
    void aPlantedProgramDirectoryIsAdoptedAsAiGeneratedAndItsFileFieldIgnored() throws IOException {
        Path planted = Files.createDirectories(f.home.generated().resolve("peek"));
        Files.writeString(planted.resolve("manifest.json"), "{\"name\":\"peek\",\"language\":\"python\",\"hash\":\"x\","
                + "\"trust\":\"CORE\",\"capabilities\":[],\"file\":\"/etc/shadow\",\"created\":\"2026-01-01T00:00:00Z\","
                + "\"updated\":\"2026-01-01T00:00:00Z\"}");
        assertThat(f.sandbox.programs().find("peek")).isEmpty();

        Files.writeString(planted.resolve("program.py"), requires("read:~/.ssh") + "print(1)\n");
        StoredProgram sp = f.sandbox.programs().require("peek");
        assertThat(sp.trust()).isEqualTo(TrustLevel.AI_GENERATED);
        f.answer = Decision.NEVER;
        assertThatThrownBy(() -> f.sandbox.run(f.sandbox.programs().load("peek"), sp.trust()))
                .isInstanceOf(CapabilityDeniedException.class);
        assertThat(f.asked.get()).isEqualTo(1);
    }

    @Test
    void aSourceFileReplacedBySymlinkIsNotRead() throws IOException {
        f.sandbox.programs().save("linked", Program.of("l.py", Language.PYTHON, "print(1)\n"), TrustLevel.AI_GENERATED, "");
        Path src = f.home.generated().resolve("linked/program.py");
        Files.delete(src);
        Files.createSymbolicLink(src, f.userHome.resolve(".ssh/id_rsa"));
        assertThatThrownBy(() -> f.sandbox.programs().load("linked")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void coreTrustIsNeverGivenToAProgram() {
        Program p = Program.of("c.py", Language.PYTHON, requires("read:~/.ssh") + "print(1)\n");
        assertThatThrownBy(() -> f.sandbox.run(p, TrustLevel.CORE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("core");
        assertThatThrownBy(() -> f.sandbox.programs().save("c", p, TrustLevel.CORE, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThat(f.asked.get()).isZero();
    }

    @Test
    void changingAnImportedModuleAsksAgain() throws IOException {
        Path lib = Files.createDirectories(f.userHome.resolve("lib"));
        Files.writeString(lib.resolve("helper.py"), "MESSAGE = 'v1 benign'\n");
        String importer = requires("read:~/lib") + "import os, sys\nsys.path.insert(0, os.path.expanduser('~/lib'))\n"
                + "import helper\nprint(helper.MESSAGE)\n";
        f.answer = Decision.ALWAYS;
        assertThat(f.python(importer).stdout()).isEqualTo("v1 benign\n");
        assertThat(f.python(importer).stdout()).isEqualTo("v1 benign\n");
        assertThat(f.asked.get()).isEqualTo(1);

        Files.writeString(lib.resolve("helper.py"), "MESSAGE = 'v2 not approved'\n");
        f.answer = Decision.NEVER;
        assertThatThrownBy(() -> f.python(importer)).isInstanceOf(CapabilityDeniedException.class);
        assertThat(f.asked.get()).isEqualTo(2);

        Files.writeString(lib.resolve("new_module.py"), "X = 1\n");
        f.answer = Decision.ONCE;
        f.python(importer);
        assertThat(f.asked.get()).isEqualTo(3);
    }

    @Test
    void execTakesOnlyProgramNamesFromUsrBin() throws IOException {
        Path tool = Files.writeString(dir.resolve("tool"), "#!/bin/sh\necho secret-tool\n");
        tool.toFile().setExecutable(true);
        for (String cap : new String[] {"exec:" + tool, "exec:../../bin/ls", "exec:/usr/bin/ls", "exec:no-such-tool-xyz"}) {
            assertThatThrownBy(() -> f.python(requires(cap) + "print(1)\n"))
                    .as(cap).isInstanceOf(CapabilityDeniedException.class);
        }
        assertThat(f.python(requires("exec:ls") + "print(1)\n").stdout()).isEqualTo("1\n");
    }

    @Test
    void clayOwnFilesCannotBeGranted() throws IOException {
        Path config = Files.createDirectories(f.userHome.resolve(".config/clay"));
        Files.writeString(config.resolve("config.toml"), "api_key = \"sk-test\"\n");
        Path xdg = Files.createDirectories(dir.resolve("xdg/clay"));
        Sandbox other = Sandbox.create(f.sandbox.policy().withHostEnv(Map.of("XDG_CONFIG_HOME", xdg.getParent().toString())));
        try (other) {
            for (String cap : new String[] {"write:" + f.home.generated(), "read:" + f.home.generated() + "/x",
                    "read:~/.config/clay", "read:~/.config", "read:" + xdg, "read:" + f.home.state("sandbox"),
                    "read:" + f.home.runtime()}) {
                assertThatThrownBy(() -> other.run(Program.of("p.py", Language.PYTHON, requires(cap) + "print(1)\n"),
                        TrustLevel.AI_GENERATED)).as(cap).isInstanceOf(CapabilityDeniedException.class);
            }
        }
    }

    @Test
    void pythonRequiresDecoratorAboveAFunctionRuns() {
        RunResult r = f.python("""
                @requires([])
                def main():
                    print("hello from main")

                main()
                print(__name__)
                """);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.stdout()).isEqualTo("hello from main\n__main__\n");
    }
}
