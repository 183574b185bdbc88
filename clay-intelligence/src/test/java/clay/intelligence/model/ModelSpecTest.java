package clay.intelligence.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clay.core.ConfigException;
import clay.intelligence.model.ModelSpec.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void readsAConfigSectionWithDefaultsPerKind() {
        ModelSpec claude = ModelSpec.of("claude", Map.of("kind", "anthropic", "model", "claude-sonnet-4-5"));
        assertThat(claude.location()).isEqualTo("https://api.anthropic.com/v1");
        assertThat(claude.apiKeyEnv()).isEqualTo("ANTHROPIC_API_KEY");
        assertThat(claude.kind().local()).isFalse();

        ModelSpec local = ModelSpec.of("local", Map.of("path", "/m/q.gguf", "context_window", "4096", "gpu_layers", 20));
        assertThat(local.kind()).isEqualTo(Kind.LLAMA_CPP);
        assertThat(local.contextWindow()).isEqualTo(4096);
        assertThat(local.gpuLayers()).isEqualTo(20);
    }

    @Test
    void onlyLoopbackServersAndEmbeddedModelsCountAsLocal() {
        assertThat(ModelSpec.llamaCpp("g", Path.of("/m.gguf")).local()).isTrue();
        assertThat(ModelSpec.server("a", Kind.OLLAMA, "http://127.0.0.1:11434", "q").local()).isTrue();
        assertThat(ModelSpec.server("b", Kind.OPENAI_COMPATIBLE, "http://localhost:8080/v1", "q").local()).isTrue();
        assertThat(ModelSpec.server("c", Kind.OPENAI_COMPATIBLE, "http://[::1]:8080/v1", "q").local()).isTrue();
        assertThat(ModelSpec.server("d", Kind.OPENAI_COMPATIBLE, "http://10.0.0.2:8080/v1", "q").local()).isFalse();
        assertThat(ModelSpec.server("e", Kind.OLLAMA, "https://ollama.example.com", "q").local(NOWHERE)).isFalse();
        assertThat(ModelSpec.server("f", Kind.OPENAI, "http://127.0.0.1:9/v1", "q").local()).isFalse();
    }

    /** A resolver that knows no names: nothing in these tests is looked up on the network. */
    static final ModelSpec.Resolver NOWHERE = host -> {
        throw new UnknownHostException(host);
    };

    static ModelSpec.Resolver resolving(Map<String, List<String>> table) {
        return host -> {
            List<String> ips = table.get(host);
            if (ips == null) throw new UnknownHostException(host);
            List<InetAddress> out = new ArrayList<>();
            for (String ip : ips) out.add(InetAddress.getByName(ip)); // literals only: parsed, never looked up
            return out;
        };
    }

    @Test
    void localityIsDecidedByTheResolvedAddressesNotByHowTheNameLooks() {
        ModelSpec.Resolver dns = resolving(Map.of(
                "127.0.0.1.evil.example", List.of("192.0.2.2"),
                "127.attacker.test", List.of("203.0.113.9"),
                "localhost", List.of("127.0.0.1", "::1"),
                "llm.home.test", List.of("127.0.0.53"),
                "split.test", List.of("127.0.0.1", "198.51.100.7"),
                "lan.test", List.of("10.0.0.2"),
                "v6only.test", List.of("::1")));
        assertThat(server("http://127.0.0.1.evil.example:8793/v1").local(dns)).as("a public name starting with 127.").isFalse();
        assertThat(server("http://127.attacker.test/v1").local(dns)).isFalse();
        assertThat(server("http://split.test/v1").local(dns)).as("one address off the machine is enough").isFalse();
        assertThat(server("http://lan.test:8080/v1").local(dns)).isFalse();
        assertThat(server("http://unknown.test/v1").local(dns)).as("unresolvable counts as cloud").isFalse();
        assertThat(server("http://localhost:8080/v1").local(dns)).isTrue();
        assertThat(server("http://llm.home.test:8080/v1").local(dns)).as("a name for a loopback address").isTrue();
        assertThat(server("http://v6only.test/v1").local(dns)).isTrue();
        assertThat(server("http://127.0.0.1:8080/v1").local(NOWHERE)).as("literals need no lookup").isTrue();
        assertThat(server("http://[::1]:8080/v1").local(NOWHERE)).isTrue();
        assertThat(server("http://[::ffff:127.0.0.1]:8080/v1").local(NOWHERE)).isTrue();
        assertThat(server("http://0.0.0.0:8080/v1").local(NOWHERE)).as("the wildcard is not loopback").isFalse();
    }

    private static ModelSpec server(String url) {
        return ModelSpec.server("lan", Kind.OPENAI_COMPATIBLE, url, "q");
    }

    @Test
    void settingsRoundTripWithoutLeakingALiteralKey() {
        ModelSpec spec = ModelSpec.of("gpt", Map.of("kind", "openai", "model", "gpt-4o-mini", "api_key", "sk-secret",
                "max_output_tokens", 512));
        assertThat(spec.settings()).doesNotContainKey("api_key").containsEntry("max_output_tokens", 512);
        assertThat(ModelSpec.of("gpt", spec.settings()).withApiKey("sk-secret")).isEqualTo(spec);
        assertThat(spec.toString()).doesNotContain("sk-secret");
    }

    @Test
    void resolvesTheKeyFromTheLiteralThenTheEnvironment() {
        ModelSpec spec = ModelSpec.of("c", Map.of("kind", "anthropic", "model", "m", "api_key_env", "MY_KEY"));
        assertThat(spec.resolveApiKey(Map.of("MY_KEY", " k1 "))).contains("k1");
        assertThat(spec.resolveApiKey(Map.of("ANTHROPIC_API_KEY", "k2"))).isEmpty();
        assertThat(spec.withApiKey("k3").resolveApiKey(Map.of("MY_KEY", "k1"))).contains("k3");
    }

    @Test
    void badSettingsNameTheModelAndTheKey() {
        assertThatThrownBy(() -> ModelSpec.of("x", Map.of("kind", "llama.cpp", "path", "/a.gguf", "gpu_layers", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'x'").hasMessageContaining("gpu_layers");
        assertThatThrownBy(() -> ModelSpec.of("x", Map.of("kind", "gemini")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown model kind 'gemini'");
        assertThatThrownBy(() -> ModelSpec.of("x", Map.of("kind", "anthropic")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a model id");
        assertThatThrownBy(() -> ModelSpec.of("x", Map.of("kind", "ollama", "url", "localhost:11434", "model", "m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> ModelSpec.of("x", Map.of("path", "/a.gguf", "colour", "red")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'colour'");
        assertThatThrownBy(() -> ModelSpec.llamaCpp("bad name!", Path.of("/a.gguf")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bad model name");
    }
}
