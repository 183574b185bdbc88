package clay.intelligence.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture check: only the cloud provider package, the model registry that creates providers and the proxy may
 * name the classes that open connections to cloud models. Everything else must get a (proxied) {@code ModelProvider}.
 */
class CloudBoundaryTest {
    private static final Pattern CLOUD_CLASSES = Pattern.compile(
            "dev\\.langchain4j\\.model\\.(openai|anthropic)\\b|\\bclay\\.intelligence\\.cloud\\.CloudProvider\\b"
                    + "|\\b(OpenAi|Anthropic)(Streaming)?ChatModel\\b|\\bCloudProvider\\.create\\b");
    /**
     * The provider implementations, the proxy, and the factories that create providers for a registry: the intelligence
     * {@code ModelRegistry} and the runtime's models module, whose {@code Models} passes every non-local provider through
     * the proxy (and refuses to load one without it; see {@code ProxyApiTest}).
     */
    private static final List<String> ALLOWED = List.of("clay/intelligence/cloud/", "clay/intelligence/proxy/",
            "clay/intelligence/model/ModelRegistry.java", "clay/intelligence/model/ModelProviders.java",
            "clay/runtime/models/");

    @Test
    void onlyTheProxyAndTheProviderFactoryReferenceCloudClients() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        String rel = module.resolve("src/main/java").relativize(f).toString().replace('\\', '/');
                        if (ALLOWED.stream().anyMatch(rel::startsWith)) continue;
                        if (CLOUD_CLASSES.matcher(Files.readString(f)).find()) offenders.add(root.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(offenders).as("classes that reach cloud clients without the proxy (use CloudProxy.wrap)").isEmpty();
    }
}
