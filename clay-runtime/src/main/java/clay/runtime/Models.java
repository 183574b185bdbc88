package clay.runtime;

import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The models this runtime may think with, by name. Each is opened lazily (local GGUF files load in the background at
 * boot, so boot does not wait for them); the default is the one named {@code default_model} in the configuration, else
 * the first local one, else the first.
 */
public final class Models implements AutoCloseable {
    private final Map<String, Supplier<ModelProvider>> factories = new LinkedHashMap<>();
    private final Map<String, Boolean> local = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<ModelProvider>> loaded = new ConcurrentHashMap<>();
    private String defaultName;
    private volatile java.util.function.UnaryOperator<ModelProvider> cloudGate;

    /**
     * Every model that is not local passes {@code gate} when it loads (the cloud proxy installs itself here). Without a
     * gate, cloud models refuse to load: nothing reaches a cloud model except through the proxy.
     */
    public void cloudGate(java.util.function.UnaryOperator<ModelProvider> gate) {
        this.cloudGate = gate;
    }

    private ModelProvider gated(ModelProvider p) {
        if (p.local()) return p;
        java.util.function.UnaryOperator<ModelProvider> gate = cloudGate;
        if (gate == null) {
            p.close();
            throw new ModelUnavailableException("cloud model '" + p.name() + "' cannot be used without the cloud proxy",
                    "start the runtime with its proxy module (it is on by default)");
        }
        return gate.apply(p);
    }

    public synchronized void register(String name, boolean isLocal, Supplier<ModelProvider> factory) {
        factories.put(name, factory);
        local.put(name, isLocal);
    }

    public synchronized void setDefault(String name) {
        if (!factories.containsKey(name)) {
            throw new ModelUnavailableException("default model '" + name + "' is not configured", "run clay models list");
        }
        defaultName = name;
    }

    public synchronized List<String> names() {
        return List.copyOf(factories.keySet());
    }

    public synchronized boolean isLocal(String name) {
        return local.getOrDefault(name, false);
    }

    public synchronized Optional<String> defaultName() {
        if (defaultName != null) return Optional.of(defaultName);
        return local.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst()
                .or(() -> factories.keySet().stream().findFirst());
    }

    public boolean isEmpty() {
        return names().isEmpty();
    }

    /** Starts loading {@code name} in the background and returns at once. */
    public CompletableFuture<ModelProvider> preload(String name) {
        Supplier<ModelProvider> f;
        synchronized (this) {
            f = factories.get(name);
        }
        if (f == null) {
            return CompletableFuture.failedFuture(new ModelUnavailableException("no model named '" + name + "'",
                    "run clay models list to see the configured models"));
        }
        return loaded.computeIfAbsent(name, n -> CompletableFuture.supplyAsync(() -> gated(f.get()), Thread.ofVirtual()::start));
    }

    /** The model, loading it if needed (blocks until loaded). */
    public ModelProvider get(String name) {
        try {
            return preload(name).join();
        } catch (java.util.concurrent.CompletionException e) {
            loaded.remove(name);
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new ModelUnavailableException("model '" + name + "' failed to load: " + e.getCause(), null);
        }
    }

    /** Whether {@code name} has finished loading (successfully). */
    public boolean ready(String name) {
        CompletableFuture<ModelProvider> f = loaded.get(name);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    @Override
    public void close() {
        // a model still loading is waited for and then freed: native memory is never left to a thread the exit abandons
        for (CompletableFuture<ModelProvider> f : loaded.values()) {
            try {
                f.join().close();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException failed) {
                // never loaded: nothing to free
            }
        }
        loaded.clear();
    }
}
