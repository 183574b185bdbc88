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
