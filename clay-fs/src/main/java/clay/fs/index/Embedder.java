package clay.fs.index;

import clay.intelligence.embed.LocalEmbeddings;
import java.util.List;
import java.util.function.Supplier;

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

    /**
     * MiniLM-L6 (quantized, 384 dimensions): documents in padded batches ({@link BatchEncoder}, loaded on first use),
     * queries through the process-wide {@link LocalEmbeddings#shared()} session the intent classifier also uses.
     */
    static Embedder miniLm() {
        return Shared.MINILM;
    }

    /**
     * BGE-small-en-v1.5 (quantized, 384 dimensions), loaded on first use; documents in padded batches, queries with
     * BGE's retrieval instruction in front.
     */
    static Embedder bgeSmall() {
        return Shared.BGE;
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

    /** The instruction BGE wants in front of a search query (not in front of passages). */
    String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /** One instance per model per process: each holds an ONNX session of tens of megabytes. */
    final class Shared {
        private Shared() {}

        static final Embedder MINILM = new Lazy("all-minilm-l6-v2-q",
                () -> new BatchEncoder("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", BatchEncoder.Pooling.MEAN, 256, threads(), 1, 512),
                "", true);
        static final Embedder BGE = new Lazy("bge-small-en-v1.5-q",
                () -> new BatchEncoder("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", BatchEncoder.Pooling.CLS, 512, threads(), 1, 512),
                BGE_QUERY_INSTRUCTION, false);

        static int threads() {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** An embedder whose batch encoder loads on first use. */
    final class Lazy implements Embedder {
        private final String name;
        private final Supplier<BatchEncoder> load;
        private final String queryInstruction;
        private final boolean sharedQueries;
        private volatile BatchEncoder encoder;

        Lazy(String name, Supplier<BatchEncoder> load, String queryInstruction, boolean sharedQueries) {
            this.name = name;
            this.load = load;
            this.queryInstruction = queryInstruction;
            this.sharedQueries = sharedQueries;
        }

        private BatchEncoder encoder() {
            BatchEncoder e = encoder;
            if (e == null) {
                synchronized (this) {
                    if (encoder == null) encoder = load.get();
                    e = encoder;
                }
            }
            return e;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int dimensions() {
            return 384;
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            return encoder().embed(texts);
        }

        @Override
        public float[] embedQuery(String query) {
            if (sharedQueries) return normalized(LocalEmbeddings.shared().embed(query));
            return encoder().embed(List.of(queryInstruction + query)).getFirst();
        }
    }
}
