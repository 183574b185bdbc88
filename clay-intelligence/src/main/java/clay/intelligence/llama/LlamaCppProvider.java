package clay.intelligence.llama;

import clay.core.InvalidInputException;
import clay.core.ModelUnavailableException;
import clay.intelligence.model.ModelProvider;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GGUF model running in this process through llama.cpp (de.kherud:llama). The file is checked in Java first
 * ({@link GgufFile#inspect}), so a missing, foreign or truncated file is a {@link ModelUnavailableException} with a
 * fix, never a native crash. GPU layers are offloaded only when a GPU is present.
 *
 * <pre>{@code
 * try (var llama = LlamaCppProvider.load("local", Path.of("qwen2.5-1.5b-instruct-q4_k_m.gguf"), LlamaCppProvider.Options.defaults())) {
 *     String answer = llama.chat().chat("Say hello");
 * }
 * }</pre>
 */
public final class LlamaCppProvider implements ModelProvider {
    private static final Logger LOG = LoggerFactory.getLogger(LlamaCppProvider.class);

    /**
     * How to load a model.
     *
     * @param contextSize tokens of context; 0 = the model's trained context, capped at {@link #DEFAULT_CONTEXT}
     * @param gpuLayers   layers to offload when a GPU is present; -1 = all; ignored without a GPU
     * @param threads     CPU threads; 0 = all available processors
     */
    public record Options(int contextSize, int gpuLayers, int threads) {
        public static final int DEFAULT_CONTEXT = 8192;

        public Options {
            if (contextSize < 0) throw new InvalidInputException("contextSize must be >= 0, was " + contextSize);
            if (gpuLayers < -1) throw new InvalidInputException("gpuLayers must be >= -1, was " + gpuLayers);
            if (threads < 0) throw new InvalidInputException("threads must be >= 0, was " + threads);
        }

        public static Options defaults() {
            return new Options(0, -1, 0);
        }

        public Options withContextSize(int size) {
            return new Options(size, gpuLayers, threads);
        }

        public Options withThreads(int n) {
            return new Options(contextSize, gpuLayers, n);
        }
    }

    private final String name;
    private final GgufFile gguf;
    private final int contextWindow;
    private final boolean gpu;
    private final LlamaModel model;
    private final LlamaCppChatModel chat;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private LlamaCppProvider(String name, GgufFile gguf, int contextWindow, boolean gpu, LlamaModel model) {
        this.name = name;
        this.gguf = gguf;
        this.contextWindow = contextWindow;
        this.gpu = gpu;
        this.model = model;
        this.chat = new LlamaCppChatModel(this, LlamaCppChatRequestParameters.builder().build());
    }

    /**
     * Checks and loads {@code file}.
     *
     * @throws ModelUnavailableException when the file is missing or not a loadable GGUF model
     */
    public static LlamaCppProvider load(String name, Path file, Options options) {
        GgufFile gguf = GgufFile.inspect(file);
        NativeLlama.ensureLoaded();
        int trained = gguf.contextLength().orElse(Options.DEFAULT_CONTEXT);
        int ctx = options.contextSize() > 0 ? options.contextSize() : Math.min(trained, Options.DEFAULT_CONTEXT);
        boolean gpu = NativeLlama.gpuPresent();
        ModelParameters params = new ModelParameters()
                .setModel(file.toAbsolutePath().toString())
                .setCtxSize(ctx)
                .setThreads(options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors())
                .disableContextShift()
                .disableLog();
        if (gpu && options.gpuLayers() != 0) params.setGpuLayers(options.gpuLayers() < 0 ? 999 : options.gpuLayers());
        long start = System.nanoTime();
        try {
            LlamaModel model = new LlamaModel(params);
            NativeLlama.routeLog();
            LOG.debug("loaded {} ({}) in {} ms, context {}, gpu {}", name, file, (System.nanoTime() - start) / 1_000_000,
                    ctx, gpu);
            return new LlamaCppProvider(name, gguf, ctx, gpu, model);
        } catch (RuntimeException e) {
            String detail = NativeLlama.recentErrors();
            throw new ModelUnavailableException("llama.cpp cannot load " + file + ": " + e.getMessage()
                    + (detail.isEmpty() ? "" : " (" + detail + ")"),
                    "check that the file is a complete GGUF model of an architecture this llama.cpp supports ("
                            + gguf.architecture() + "); download it again or pick another model", false, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "llama.cpp";
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public ChatModel chat() {
        return chat;
    }

    @Override
    public StreamingChatModel streaming() {
        return chat;
    }

    @Override
    public int countTokens(String text) {
        LlamaModel m = acquire();
        try {
            return m.encode(text).length;
        } finally {
            release();
        }
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }

    @Override
    public Set<Feature> features() {
        return EnumSet.of(Feature.STREAMING, Feature.JSON_SCHEMA, Feature.GRAMMAR, Feature.CANCELLATION);
    }

    /** What the GGUF file says about itself (architecture, trained context, chat template). */
    public GgufFile gguf() {
        return gguf;
    }

    /** Whether layers were offloaded to a GPU. */
    public boolean usesGpu() {
        return gpu;
    }

    /** The native model, for use while holding {@link #acquire()}; package-private for the bench. */
    LlamaModel acquire() {
        lifecycle.readLock().lock();
        if (closed) {
            lifecycle.readLock().unlock();
            throw new ModelUnavailableException("model " + name + " is closed", "load it again");
        }
        return model;
    }

    void release() {
        lifecycle.readLock().unlock();
    }

    /**
     * Frees the native model once running generations have stopped. Generations see {@code closed} only between
     * tokens, so this waits for them (up to 30 s), then frees; if one never ends the memory is leaked rather than
     * freed under a running native call. Only the first of concurrent or repeated calls frees (no double free).
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) return;
        closed = true;
        try {
            if (lifecycle.writeLock().tryLock(30, TimeUnit.SECONDS)) {
                try {
                    model.close();
                } finally {
                    lifecycle.writeLock().unlock();
                }
            } else {
                LOG.warn("model {} still generating after 30 s; not freeing its native memory", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean closed() {
        return closed;
    }
}
