package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.sandbox.audit.AuditEvent;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each capability grants exactly what it says, under bubblewrap. */
class CapabilityTest {
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
    void declaringNothingGetsNothing() throws IOException {
        Path docs = Files.createDirectories(f.userHome.resolve("documents"));
        Files.writeString(docs.resolve("a.txt"), "hello");
        RunResult r = f.python("import os\nprint(os.path.exists(os.path.expanduser('~/documents/a.txt')), sorted(os.environ))\n");
        assertThat(r.stdout()).startsWith("False");
        assertThat(f.asked.get()).isZero();
    }

    @Test
    void readGrantReadsButDoesNotWrite() throws IOException {
        Path docs = Files.createDirectories(f.userHome.resolve("documents"));
        Files.writeString(docs.resolve("a.txt"), "hello");
        Files.writeString(f.userHome.resolve("other.txt"), "not granted");
        RunResult r = f.python(requires("read:~/documents") + """
                import os
                print(open(os.path.expanduser('~/documents/a.txt')).read())
                print(os.path.exists(os.path.expanduser('~/other.txt')))
                try:
                    open(os.path.expanduser('~/documents/b.txt'), 'w').write('x')
                except OSError as e:
                    print('write refused', e.errno)
                """);
        assertThat(r.stdout()).contains("hello").contains("False").contains("write refused 30");
        assertThat(docs.resolve("b.txt")).doesNotExist();
    }

    @Test
    void writeGrantWritesOnlyThere() throws IOException {
        RunResult r = f.python(requires("write:~/out") + """
                import os
                open(os.path.expanduser('~/out/result.txt'), 'w').write('done')
                try:
                    open(os.path.expanduser('~/elsewhere.txt'), 'w').write('x')
                except OSError as e:
                    print('refused', e.errno)
                """);
        assertThat(Files.readString(f.userHome.resolve("out/result.txt"))).isEqualTo("done");
        assertThat(f.userHome.resolve("elsewhere.txt")).doesNotExist();
        assertThat(r.stdout()).contains("refused");
    }

    @Test
    void writeGrantSeesTheExistingContentAndItsChangesReachTheHost() throws IOException {
        Path out = Files.createDirectories(f.userHome.resolve("out/sub"));
        Files.writeString(out.getParent().resolve("keep.txt"), "kept");
        Files.writeString(out.getParent().resolve("edit.txt"), "old");
        Files.writeString(out.resolve("gone.txt"), "delete me");
        RunResult r = f.python(requires("write:~/out") + """
                import os
                d = os.path.expanduser('~/out')
                print(open(d + '/keep.txt').read())
                open(d + '/edit.txt', 'w').write('new')
                os.remove(d + '/sub/gone.txt')
                os.makedirs(d + '/made/deeper')
                open(d + '/made/deeper/n.txt', 'w').write('n')
                """);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.stdout()).contains("kept");
        Path root = out.getParent();
        assertThat(Files.readString(root.resolve("keep.txt"))).isEqualTo("kept");
        assertThat(Files.readString(root.resolve("edit.txt"))).isEqualTo("new");
        assertThat(root.resolve("sub/gone.txt")).doesNotExist();
        assertThat(root.resolve("sub")).isDirectory();
        assertThat(Files.readString(root.resolve("made/deeper/n.txt"))).isEqualTo("n");
    }

    @Test
    void globGrantsOnlyMatchingFiles() throws IOException {
        Path docs = Files.createDirectories(f.userHome.resolve("notes"));
        Files.writeString(docs.resolve("a.md"), "A");
        Files.writeString(docs.resolve("b.txt"), "B");
        RunResult r = f.python(requires("read:~/notes/*.md") + """
                import os
                print(os.path.exists(os.path.expanduser('~/notes/a.md')), os.path.exists(os.path.expanduser('~/notes/b.txt')))
                """);
        assertThat(r.stdout()).isEqualTo("True False\n");
    }

    @Test
    void envGrantPassesOnlyThatVariable() throws IOException {
        Sandbox s = Sandbox.create(f.sandbox.policy().withHostEnv(Map.of("API_TOKEN", "t0k3n", "SECRET_OTHER", "no")));
        try (s) {
            RunResult r = s.run(clay.sandbox.manifest.Program.of("env.py", clay.sandbox.manifest.Language.PYTHON,
                    requires("env:API_TOKEN") + "import os\nprint(os.environ.get('API_TOKEN'), os.environ.get('SECRET_OTHER'))\n"),
                    clay.core.TrustLevel.AI_GENERATED);
            assertThat(r.stdout()).isEqualTo("t0k3n None\n");
            assertThatThrownBy(() -> s.run(clay.sandbox.manifest.Program.of("ld.py", clay.sandbox.manifest.Language.PYTHON,
                    requires("env:LD_PRELOAD") + "print(1)\n"), clay.core.TrustLevel.AI_GENERATED))
                    .isInstanceOf(clay.core.CapabilityDeniedException.class).hasMessageContaining("set by the sandbox");
        }
    }

    @Test
    void execGrantExposesOnlyThatProgram() {
        RunResult without = f.python("import subprocess\ntry:\n  subprocess.run(['ls','/'])\nexcept OSError as e:\n  print('no ls', e.errno)\n");
        assertThat(without.stdout()).contains("no ls");
        RunResult with = f.python(requires("exec:ls") + "import subprocess\nprint(subprocess.run(['ls','/'],capture_output=True,text=True).stdout.split())\n");
        assertThat(with.stdout()).contains("'usr'");
    }

    @Test
    void uiSurfaceGrantLetsProgramEmitSurfaces() {
        RunResult without = f.python("print('clay:surface {\"type\":\"text\"}')\n");
        assertThat(without.surfaces()).isEmpty();
        assertThat(without.denials()).contains("ui:surface (not granted)");
        RunResult with = f.python(requires("ui:surface") + "print('clay:surface {\"type\":\"text\"}')\nprint('plain')\n");
        assertThat(with.surfaces()).containsExactly("{\"type\":\"text\"}");
        assertThat(with.stdout()).isEqualTo("plain\n");
    }

    @Test
    void networkGrantReachesOnlyTheGrantedHostThroughTheProxy() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ("weather for " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
            Sandbox s = Sandbox.create(f.sandbox.policy().withHostOverrides(Map.of("api.weather.test", addr, "evil.test", addr)));
            try (s) {
                RunResult r = s.run(clay.sandbox.manifest.Program.of("net.py", clay.sandbox.manifest.Language.PYTHON,
                        requires("network:api.weather.test") + """
                        import urllib.request, socket
                        print(urllib.request.urlopen('http://api.weather.test/today', timeout=10).read().decode())
                        for url in ['http://evil.test/x', 'http://127.0.0.1:%d/x', 'http://localhost:%d/x']:
                            try:
                                urllib.request.urlopen(url, timeout=10).read()
                                print('ESCAPED', url)
                            except Exception as e:
                                print('refused', url, e)
                        try:
                            socket.create_connection(('127.0.0.1', %d), timeout=2); print('ESCAPED direct')
                        except OSError as e:
                            print('refused direct')
                        """.formatted(addr.getPort(), addr.getPort(), addr.getPort())), clay.core.TrustLevel.AI_GENERATED);
                assertThat(r.stdout()).contains("weather for /today").doesNotContain("ESCAPED").contains("refused direct");
                assertThat(r.denials()).anyMatch(d -> d.contains("evil.test")).anyMatch(d -> d.contains("127.0.0.1"));
                assertThat(s.audit().recent(50, Optional.of("net.py"), Optional.of(AuditEvent.Kind.DENY)))
                        .anyMatch(e -> e.detail().startsWith("network evil.test"));
            }
        } finally {
            server.stop(0);
        }
    }
}
