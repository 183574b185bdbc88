package clay.runtime;

import clay.intelligence.cloud.CloudProvider;
import clay.intelligence.cloud.RetryPolicy;
import clay.intelligence.model.ModelSpec;
import java.util.Map;

/**
 * A runtime module for tests that registers one OpenAI cloud model, {@code gpt}, talking to a local wire-format server
 * at {@code url} (e.g. {@code wire.url("/v1")}). Like every cloud model it loads only through the cloud proxy.
 */
public record WireCloudModel(String url) implements RuntimeModule {
    @Override
    public String name() {
        return "test-cloud";
    }

    @Override
    public void start(RuntimeContext ctx) {
        ctx.models().register("gpt", false, () -> CloudProvider.create(ModelSpec.of("gpt", Map.of("kind", "openai",
                "url", url, "model", "gpt-4o-mini", "api_key", "sk-test")), Map.of(), RetryPolicy.defaults()));
    }
}
