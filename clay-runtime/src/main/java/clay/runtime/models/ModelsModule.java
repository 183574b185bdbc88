package clay.runtime.models;

import clay.intelligence.model.ModelProviders;
import clay.intelligence.model.ModelSpec;
import clay.intelligence.model.store.ModelStore;
import clay.runtime.ApiRoutes;
import clay.runtime.RuntimeContext;
import clay.runtime.RuntimeModule;
import java.util.List;
import java.util.Map;

/**
 * Registers the models of the configuration's {@code [models.NAME]} tables and of the model store
 * ({@code clay models add/pull}) with the runtime, lazily: nothing loads until asked. Sets {@code default_model}.
 * {@code POST /api/models/reload} picks up models added while the runtime runs.
 */
public final class ModelsModule implements RuntimeModule {
    private RuntimeContext ctx;
    private ModelStore store;

    @Override
    public String name() {
        return "models";
    }

    @Override
    public void start(RuntimeContext ctx) {
        this.ctx = ctx;
        this.store = ModelStore.open(ctx.home());
        ctx.provide(ModelStore.class, store);
        register();
        String dflt = ctx.config().section("runtime").path("default_model").asText("");
        if (!dflt.isEmpty()) ctx.models().setDefault(dflt);
    }

    private List<String> register() {
        List<ModelSpec> specs = store.merged(ctx.config().section("models"));
        for (ModelSpec spec : specs) {
            if (!ctx.models().names().contains(spec.name())) {
                ctx.models().register(spec.name(), spec.local(), () -> ModelProviders.open(spec));
            }
        }
        return specs.stream().map(ModelSpec::name).toList();
    }

    @Override
    public void routes(ApiRoutes api) {
        api.post("/api/models/reload", c -> c.json(Map.of("models", register())));
    }
}
