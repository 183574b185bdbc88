package clay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clay.core.TrustLevel;
import clay.sandbox.enforce.Toolchains;
import clay.sandbox.manifest.Language;
import clay.sandbox.manifest.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JavaScript, Java and Rust run sandboxed, each reading a granted file and nothing else. */
class LanguagesTest {
    @TempDir Path dir;
    SandboxFixture f;

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP, SandboxFixture.small().withWallTime(java.time.Duration.ofSeconds(60))
                .withCpuSeconds(60).withMemoryBytes(1L << 30).withProcesses(128));
        Files.createDirectories(f.userHome.resolve("data"));
        Files.writeString(f.userHome.resolve("data/n.txt"), "41");
    }

    @AfterEach
    void close() {
        f.close();
    }

    static void requireRuntime(Language l) {
        assumeTrue(new Toolchains().locate(l).isPresent(), "SKIPPED LOUDLY: no " + l.wireName() + " runtime on this machine");
    }

    @Test
    void javascriptWithNode() {
        requireRuntime(Language.JAVASCRIPT);
        RunResult r = f.run(Language.JAVASCRIPT, """
                // @requires(["read:~/data"])
                const fs = require('fs'), os = require('os');
                console.log(Number(fs.readFileSync(os.homedir() + '/data/n.txt', 'utf8')) + 1);
                try { fs.readFileSync(os.homedir() + '/.ssh/id_rsa'); console.log('ESCAPED'); } catch (e) { console.log(e.code); }
                """);
        assertThat(r.stdout()).isEqualTo("42\nENOENT\n");
    }

    @Test
    void javaSingleFileSource() {
        RunResult r = f.run(Language.JAVA, """
                // @requires(["read:~/data"])
                import java.nio.file.*;
                public class Answer {
                    public static void main(String[] a) throws Exception {
                        String home = System.getenv("HOME");
                        System.out.println(Integer.parseInt(Files.readString(Path.of(home, "data/n.txt")).strip()) + 1);
                        System.out.println(Files.exists(Path.of(home, ".ssh/id_rsa")));
                    }
                }
                """);
        assertThat(r.stdout()).isEqualTo("42\nfalse\n");
    }

    @Test
    void rustIsCompiledInTheSandboxAndCachedByHash() {
        requireRuntime(Language.RUST);
        String src = """
                // @requires(["read:~/data"])
                fn main() {
                    let home = std::env::var("HOME").unwrap();
                    let n: i32 = std::fs::read_to_string(format!("{}/data/n.txt", home)).unwrap().trim().parse().unwrap();
                    println!("{}", n + 1);
                    println!("{}", std::path::Path::new(&format!("{}/.ssh/id_rsa", home)).exists());
                }
                """;
        RunResult r = f.run(Language.RUST, src);
        assertThat(r.stdout()).isEqualTo("42\nfalse\n");
        Path cached = f.home.state("sandbox").resolve("rust").resolve(Program.of("t.rs", Language.RUST, src).hash()).resolve("program");
        assertThat(cached).isExecutable();
        assertThat(f.run(Language.RUST, src).stdout()).isEqualTo("42\nfalse\n");
    }

    @Test
    void rustCompileErrorsComeBackAsFailure() {
        requireRuntime(Language.RUST);
        RunResult r = f.sandbox.run(Program.of("bad.rs", Language.RUST, "// @requires([])\nfn main() { let x: i32 = \"no\"; }\n"),
                TrustLevel.AI_GENERATED);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.stderr()).contains("rustc failed").contains("mismatched types");
    }
}
