package clay.runtime.models;

import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;

/** Reads {@code [models.NAME]} tables and {@code default_model} from the configuration. */
public final class ModelsModule implements RuntimeModule {
    @Override
    public String name() {
        return "models";
    }

    @Override
    public void start(RuntimeContext ctx) {
        // providers are registered here once the provider factory lands
        ctx.config().section("runtime").path("default_model").asText();
    }
}
