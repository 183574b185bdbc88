package clay.sandbox;

import static clay.sandbox.SandboxFixture.requires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.sandbox.audit.AuditEvent;
import clay.sandbox.broker.Broker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Clay broker under real bubblewrap: notify, clipboard and llm reach the host only when approved. */
class BrokerTest {
    /** A python helper: call(method, path, body) prints "STATUS JSON". */
    private static final String CALL = """
            import json, os, urllib.request, urllib.error
            def call(method, path, body=None):
                data = None if body is None else json.dumps(body).encode()
                req = urllib.request.Request(os.environ['CLAY_BROKER'] + path, data=data, method=method,
                                             headers={'Content-Type': 'application/json'})
                try:
                    with urllib.request.urlopen(req, timeout=5) as r:
                        print(r.status, r.read().decode())
                except urllib.error.HTTPError as e:
                    print(e.code, e.read().decode())
            """;

    @TempDir Path dir;
    SandboxFixture f;
    final RecordingHost host = new RecordingHost();

    @BeforeEach
    void open() throws IOException {
        f = new SandboxFixture(dir, BackendKind.BUBBLEWRAP);
        f.sandbox.brokerHost(host);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void notifyReachesTheHost() {
        RunResult r = f.python(requires("notify") + CALL + "call('POST', '/notify', {'title': 'Hi', 'body': 'from inside'})\n");
        assertThat(r.stdout()).startsWith("200");
        assertThat(host.notes).containsExactly("test.py|Hi|from inside");
    }

    @Test
    void notifyWithoutTheCapabilityIsRefusedAndAudited() {
        RunResult r = f.python(requires("clipboard") + CALL + "call('POST', '/notify', {'title': 'Hi', 'body': 'x'})\n");
        assertThat(r.stdout()).startsWith("403").contains("notify (not granted)");
        assertThat(host.notes).isEmpty();
        assertThat(r.denials()).anyMatch(d -> d.contains("notify"));
        assertThat(f.sandbox.audit().recent(50, Optional.empty(), Optional.of(AuditEvent.Kind.DENY)))
                .anyMatch(e -> e.detail().contains("POST /notify") && e.detail().contains("notify (not granted)"));
    }

    @Test
    void clipboardRoundTrip() {
        RunResult r = f.python(requires("clipboard") + CALL + """
                call('POST', '/clipboard', {'text': 'copied ünïcode'})
                call('GET', '/clipboard')
                """);
        assertThat(host.clipboard).isEqualTo("copied ünïcode");
        assertThat(r.stdout().lines().toList()).hasSize(2);
        assertThat(r.stdout().lines().toList().get(1)).startsWith("200").contains("copied ünïcode");
    }

    @Test
    void llmReturnsTheHostsText() {
        RunResult r = f.python(requires("llm:local") + CALL + """
                call('POST', '/llm', {'prompt': 'say hi', 'local': True})
                call('POST', '/llm', {'prompt': 'say hi', 'local': False})
                """);
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("200").contains("local answer to say hi");
        assertThat(lines.get(1)).startsWith("403").contains("llm:cloud (not granted)");
        assertThat(host.prompts).containsExactly("local:say hi");
    }

    @Test
    void brokerCallsBypassTheEgressProxyWhenNetworkIsGrantedToo() {
        RunResult r = f.python(requires("notify", "network:api.example.com") + CALL + """
                print(os.environ['http_proxy'] != '')
                call('POST', '/notify', {'title': 'both', 'body': ''})
                """);
        assertThat(r.stdout()).startsWith("True").contains("200");
        assertThat(host.notes).containsExactly("test.py|both|");
        assertThat(r.denials()).isEmpty();
    }

    @Test
    void anEnvGrantCannotRedirectTheBroker() {
        assertThatThrownBy(() -> f.python(requires("notify", "env:CLAY_BROKER") + "print(1)\n"))
                .isInstanceOf(clay.core.CapabilityDeniedException.class);
    }

    @Test
    void badRequestsGetClearAnswers() {
        RunResult r = f.python(requires("notify") + CALL + """
                call('POST', '/notify', {'body': 'no title'})
                call('GET', '/nothing')
                """);
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("400").contains("title");
        assertThat(lines.get(1)).startsWith("404");
        assertThat(host.notes).isEmpty();
    }

    @Test
    void noBrokerCapabilityMeansNoBroker() {
        RunResult r = f.python("""
                import os, socket
                print('CLAY_BROKER' in os.environ)
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect(('127.0.0.1', 3129))
                    print('connected')
                except OSError as e:
                    print('refused', e.errno)
                print(os.path.exists('/run/clay/broker.sock'))
                """);
        assertThat(r.stdout()).startsWith("False").contains("refused").doesNotContain("connected").endsWith("False\n");
        assertThat(host.notes).isEmpty();
    }

    static final class RecordingHost implements Broker.Host {
        final List<String> notes = new CopyOnWriteArrayList<>();
        final List<String> prompts = new CopyOnWriteArrayList<>();
        volatile String clipboard;

        @Override
        public void notify(String program, String title, String body) {
            notes.add(program + "|" + title + "|" + body);
        }

        @Override
        public Optional<String> clipboard() {
            return Optional.ofNullable(clipboard);
        }

        @Override
        public void clipboard(String text) {
            clipboard = text;
        }

        @Override
        public String llm(String program, String prompt, boolean cloud) {
            prompts.add((cloud ? "cloud:" : "local:") + prompt);
            return "local answer to " + prompt;
        }
    }
}
