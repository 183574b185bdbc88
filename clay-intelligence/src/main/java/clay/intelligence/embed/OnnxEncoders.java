package clay.intelligence.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import clay.core.ModelUnavailableException;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;

/**
 * The in-jar ONNX sentence encoders with session options chosen for one-utterance-at-a-time latency on a small, busy
 * machine: a fixed number of intra-op threads and no spin-waiting (ONNX Runtime's default spinning burns the cores
 * other work needs, and on an oversubscribed machine makes every call slower). Measured here under a load average of
 * 17 on 2 cores: bge-small p50 5 ms with these options against 28-42 ms with the defaults, same vectors (cosine 1.0).
 */
public final class OnnxEncoders {
    private OnnxEncoders() {}

    static {
        // DJL's tokenizer library would otherwise ask the cloud metadata service who we are and send usage telemetry:
        // nothing leaves the machine except through Clay's proxy, libraries included.
        if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /**
     * The one owner of this process's ONNX sessions: every session is created and every embedding runs under its read
     * lock; {@link clay.core.NativeResources#closeAll()} takes the write lock (waiting for running calls), closes the
     * sessions and refuses further use, so ONNX Runtime's own exit hook never frees its environment under a live call.
     */
    private static final class Sessions implements AutoCloseable {
        static final Sessions INSTANCE = new Sessions();
        final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
        final java.util.List<AutoCloseable> open = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean closed;
        boolean registered;

        void enter() {
            lock.readLock().lock();
            if (closed) {
                lock.readLock().unlock();
                throw new ModelUnavailableException("the embedding model is closed: Clay is stopping", null);
            }
        }

        void exit() {
            lock.readLock().unlock();
        }

        synchronized void own(AutoCloseable session) {
            open.add(session);
            if (!registered) {
                registered = true;
                clay.core.NativeResources.register("onnx sessions", this);
            }
        }

        @Override
        public void close() {
            lock.writeLock().lock();
            try {
                if (closed) return;
                closed = true;
                for (AutoCloseable c : open) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // freeing is all we can do
                    }
                }
                open.clear();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    /** bge-small-en-v1.5 (quantized) from its LangChain4j jar, CLS pooling. */
    public static AbstractInProcessEmbeddingModel bgeSmall(int threads) {
        return load("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", PoolingMode.CLS, threads);
    }

    /** all-MiniLM-L6-v2 (quantized) from its LangChain4j jar, mean pooling. */
    public static AbstractInProcessEmbeddingModel miniLm(int threads) {
        return load("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN, threads);
    }

    /** Intra-op threads for one utterance at a time: two where there are two cores or more. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    private static AbstractInProcessEmbeddingModel load(String model, String tokenizer, PoolingMode pooling, int threads) {
        try (InputStream m = OnnxEncoders.class.getClassLoader().getResourceAsStream(model);
                InputStream t = OnnxEncoders.class.getClassLoader().getResourceAsStream(tokenizer)) {
            if (m == null || t == null) {
                throw new ModelUnavailableException("embedding model " + model + " is not on the classpath",
                        "rebuild Clay; the model ships inside its Maven jar");
            }
            Sessions sessions = Sessions.INSTANCE;
            sessions.enter();
            OnnxBertBiEncoder encoder;
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession session = createSession(env, m.readAllBytes(), threads);
                sessions.own(session);
                encoder = new OnnxBertBiEncoder(env, session, t, pooling);
            } finally {
                sessions.exit();
            }
            return new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 384;
                }

                @Override
                public dev.langchain4j.model.output.Response<java.util.List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                        java.util.List<dev.langchain4j.data.segment.TextSegment> segments) {
                    sessions.enter();
                    try {
                        return super.embedAll(segments);
                    } finally {
                        sessions.exit();
                    }
                }
            };
        } catch (IOException | OrtException e) {
            throw new ModelUnavailableException("cannot load embedding model " + model + ": " + e.getMessage(),
                    "check the Clay installation", false, e);
        }
    }

    private static OrtSession createSession(OrtEnvironment env, byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model, o);
        }
    }
}
