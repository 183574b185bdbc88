package clay.intelligence.intent;

import clay.core.InvalidInputException;
import clay.intelligence.embed.LocalEmbeddings;
import clay.intelligence.embed.OnnxEncoders;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an utterance into a feature vector for the {@link IntentClassifier}. The sentence encoders run in process
 * (ONNX models shipped in jars); {@link #named} picks one by name for configuration and the benchmark.
 */
public interface TextEncoder {
    String name();

    int dimensions();

    float[] encode(String text);

    default List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(encode(t));
        return out;
    }

    /** The process's shared all-MiniLM-L6-v2 (quantized), 384 dimensions. */
    static TextEncoder minilm() {
        return new TextEncoder() {
            public String name() { return "minilm"; }
            public int dimensions() { return 384; }
            public float[] encode(String text) { return LocalEmbeddings.shared().embed(text); }
            public List<float[]> encodeAll(List<String> texts) { return LocalEmbeddings.shared().embedAll(texts); }
        };
    }

    /**
     * bge-small-en-v1.5 (quantized), 384 dimensions; loaded once per process on first use, with latency-friendly ONNX
     * session options ({@link OnnxEncoders}).
     */
    static TextEncoder bge() {
        return new TextEncoder() {
            public String name() { return "bge"; }
            public int dimensions() { return 384; }
            public float[] encode(String text) { return Bge.MODEL.embed(text).content().vector(); }
            public List<float[]> encodeAll(List<String> texts) {
                List<float[]> out = new ArrayList<>();
                for (int i = 0; i < texts.size(); i += 64) {
                    List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + 64)).stream().map(TextSegment::from).toList();
                    Bge.MODEL.embedAll(batch).content().forEach(e -> out.add(e.vector()));
                }
                return out;
            }
        };
    }

    /** Both encoders side by side (768 dimensions): slower, often more accurate. */
    static TextEncoder both() {
        TextEncoder a = minilm(), b = bge();
        return new TextEncoder() {
            public String name() { return "minilm+bge"; }
            public int dimensions() { return a.dimensions() + b.dimensions(); }
            public float[] encode(String text) { return concat(a.encode(text), b.encode(text)); }
            public List<float[]> encodeAll(List<String> texts) {
                List<float[]> x = a.encodeAll(texts), y = b.encodeAll(texts);
                List<float[]> out = new ArrayList<>(x.size());
                for (int i = 0; i < x.size(); i++) out.add(concat(x.get(i), y.get(i)));
                return out;
            }
        };
    }

    static TextEncoder named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "minilm" -> minilm();
            case "bge" -> bge();
            case "minilm+bge", "both" -> both();
            default -> throw new InvalidInputException("unknown encoder '" + name + "'", "use minilm, bge or minilm+bge");
        };
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Lazy holder so bge is only loaded when asked for. */
    final class Bge {
        static final EmbeddingModel MODEL = OnnxEncoders.bgeSmall(OnnxEncoders.defaultThreads());

        private Bge() {}
    }
}
