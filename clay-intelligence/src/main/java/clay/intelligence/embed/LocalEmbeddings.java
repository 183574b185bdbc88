package clay.intelligence.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * The one in-process embedding model of a Clay process (all-MiniLM-L6-v2, quantized, 384 dimensions), loaded on first
 * use and shared: loading it costs ~0.5 s and ~100 MB, so every module asks here rather than loading its own.
 *
 * <pre>{@code
 * float[] v = LocalEmbeddings.shared().embed("that bill from Tuesday");
 * }</pre>
 */
public final class LocalEmbeddings {
    private static volatile LocalEmbeddings shared;

    private final EmbeddingModel model;

    private LocalEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    public static LocalEmbeddings shared() {
        LocalEmbeddings s = shared;
        if (s == null) {
            synchronized (LocalEmbeddings.class) {
                s = shared;
                if (s == null) shared = s = new LocalEmbeddings(OnnxEncoders.miniLm(OnnxEncoders.defaultThreads()));
            }
        }
        return s;
    }

    /** The LangChain4j model, for code that wants the LangChain4j API. */
    public EmbeddingModel model() {
        return model;
    }

    public int dimensions() {
        return 384;
    }

    /** A unit-length vector for {@code text}. */
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    /** Unit-length vectors for many texts at once (faster than one by one). */
    public List<float[]> embedAll(List<String> texts) {
        return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(Embedding::vector).toList();
    }
}
