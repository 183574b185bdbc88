package clay.fs.index;

import clay.intelligence.embed.LocalEmbeddings;
import java.util.List;

/**
 * Turns text into unit-length vectors for the index. Queries and documents are separate operations because some
 * models (BGE) want an instruction in front of queries. Implementations must be thread-safe and return vectors of
 * {@link #dimensions()} floats with length 1.
 */
public interface Embedder {
    String name();

    int dimensions();

    List<float[]> embedDocuments(List<String> texts);

    default float[] embedQuery(String query) {
        return embedDocuments(List.of(query)).getFirst();
    }

    /** The model ClayFS indexes with unless configured otherwise (docs/benchmarks/retrieval.md says why). */
    static Embedder defaults() {
        return miniLm();
    }

    /** The process-wide MiniLM-L6 (quantized) from {@link LocalEmbeddings#shared()}. */
    static Embedder miniLm() {
        return new Embedder() {
            @Override
            public String name() {
                return "all-minilm-l6-v2-q";
            }

            @Override
            public int dimensions() {
                return LocalEmbeddings.shared().dimensions();
            }

            @Override
            public List<float[]> embedDocuments(List<String> texts) {
                return LocalEmbeddings.shared().embedAll(texts).stream().map(Embedder::normalized).toList();
            }

            @Override
            public float[] embedQuery(String query) {
                return normalized(LocalEmbeddings.shared().embed(query));
            }
        };
    }

    /**
     * BGE-small-en-v1.5 (quantized, 384 dimensions), loaded on first use; queries get BGE's retrieval instruction.
     * Measured against MiniLM by {@code clay bench fs --model bge-small}.
     */
    static Embedder bgeSmall() {
        return new Embedder() {
            private volatile dev.langchain4j.model.embedding.EmbeddingModel model;

            private dev.langchain4j.model.embedding.EmbeddingModel model() {
                if (model == null) {
                    synchronized (this) {
                        if (model == null) model = new dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel();
                    }
                }
                return model;
            }

            @Override
            public String name() {
                return "bge-small-en-v1.5-q";
            }

            @Override
            public int dimensions() {
                return 384;
            }

            @Override
            public List<float[]> embedDocuments(List<String> texts) {
                return model().embedAll(texts.stream().map(dev.langchain4j.data.segment.TextSegment::from).toList()).content()
                        .stream().map(e -> normalized(e.vector())).toList();
            }

            @Override
            public float[] embedQuery(String query) {
                return normalized(model().embed("Represent this sentence for searching relevant passages: " + query).content().vector());
            }
        };
    }

    /** By name, as the bench and the configuration say it: {@code minilm} or {@code bge-small}. */
    static Embedder named(String name) {
        return switch (name) {
            case "minilm", "all-minilm-l6-v2-q" -> miniLm();
            case "bge-small", "bge-small-en-v1.5-q" -> bgeSmall();
            default -> throw new clay.core.InvalidInputException("unknown embedding model " + name, "use minilm or bge-small");
        };
    }

    static float[] normalized(float[] v) {
        double sum = 0;
        for (float f : v) sum += f * f;
        if (sum == 0 || Math.abs(sum - 1) < 1e-4) return v;
        float inv = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }
}
