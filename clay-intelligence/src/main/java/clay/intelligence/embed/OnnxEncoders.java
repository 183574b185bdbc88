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
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = env.createSession(m.readAllBytes(), o);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, t, pooling);
            return new AbstractInProcessEmbeddingModel(null) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 384;
                }
            };
        } catch (IOException | OrtException e) {
            throw new ModelUnavailableException("cannot load embedding model " + model + ": " + e.getMessage(),
                    "check the Clay installation", false, e);
        }
    }
}
