package clay.intelligence.model;

import clay.core.ModelUnavailableException;
import clay.intelligence.cloud.RetryPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured models of a Clay process, by name. Providers are created on first use ({@link #get}) — loading a
 * GGUF takes memory and seconds, so nothing loads until something asks — and closed together by {@link #close()}.
 * Thread-safe; a model that fails to load is retried on the next {@code get}.
 *
 * <pre>{@code
 * try (ModelRegistry models = ModelRegistry.fromSpecs(List.of(ModelSpec.llamaCpp("local", gguf)))) {
 *     ModelProvider local = models.get("local");
 * }
 * }</pre>
 */
public final class ModelRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final Map<String, ModelSpec> specs = new LinkedHashMap<>();
    private final Map<String, ModelProvider> loaded = new LinkedHashMap<>();
    private final Map<String, String> env;
    private final RetryPolicy retry;
    private boolean closed;

    private ModelRegistry(List<ModelSpec> specs, Map<String, String> env, RetryPolicy retry) {
        this.env = Map.copyOf(env);
        this.retry = retry;
        specs.forEach(this::register);
    }

    public static ModelRegistry fromSpecs(List<ModelSpec> specs) {
        return new ModelRegistry(specs, System.getenv(), RetryPolicy.defaults());
    }

    /** With an explicit environment (API keys) and retry policy; for tests and embedding. */
    public static ModelRegistry fromSpecs(List<ModelSpec> specs, Map<String, String> env, RetryPolicy retry) {
        return new ModelRegistry(specs, env, retry);
    }

    /** Adds or replaces a model; a replaced model that was loaded is closed. */
    public synchronized void register(ModelSpec spec) {
        specs.put(spec.name(), spec);
        ModelProvider old = loaded.remove(spec.name());
        if (old != null) closeQuietly(old);
    }

    /** Forgets a model, closing it if loaded; true when it was known. */
    public synchronized boolean remove(String name) {
        ModelProvider old = loaded.remove(name);
        if (old != null) closeQuietly(old);
        return specs.remove(name) != null;
    }

    /** Configured names, in configuration order. */
    public synchronized List<String> names() {
        return List.copyOf(specs.keySet());
    }

    public synchronized List<ModelSpec> specs() {
        return List.copyOf(specs.values());
    }

    public synchronized Optional<ModelSpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    public synchronized boolean isLoaded(String name) {
        return loaded.containsKey(name);
    }

    /** The first configured model that runs locally, else the first configured one. */
    public synchronized Optional<String> defaultName() {
        return specs.values().stream().filter(ModelSpec::local).map(ModelSpec::name).findFirst()
                .or(() -> specs.keySet().stream().findFirst());
    }

    /**
     * The provider for {@code name}, loading it on first use. Loading happens under the registry's lock, so two
     * callers never load the same GGUF twice.
     *
     * @throws ModelUnavailableException when no such model is configured or it cannot be loaded
     */
    public synchronized ModelProvider get(String name) {
        if (closed) throw new ModelUnavailableException("the model registry is closed", "restart Clay");
        ModelProvider p = loaded.get(name);
        if (p != null) return p;
        ModelSpec spec = specs.get(name);
        if (spec == null) {
            throw new ModelUnavailableException("no model named '" + name + "'" + (specs.isEmpty()
                    ? " (no models are configured)" : "; configured: " + String.join(", ", specs.keySet())),
                    "add one with: clay models add " + name + " /path/to/model.gguf (or clay models pull)");
        }
        p = ModelProviders.open(spec, env, retry);
        loaded.put(name, p);
        return p;
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<ModelProvider> all = new ArrayList<>(loaded.values());
        loaded.clear();
        all.forEach(ModelRegistry::closeQuietly);
    }

    private static void closeQuietly(ModelProvider p) {
        try {
            p.close();
        } catch (RuntimeException e) {
            LOG.warn("closing model {} failed: {}", p.name(), e.toString());
        }
    }
}
