package clay.intelligence.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lexical view of an utterance that complements sentence embeddings on rare, decisive words ("pin", "carry-on",
 * "fico"): TF-IDF over word unigrams, word bigrams and character 4-grams, scored by cosine against each class's TF-IDF
 * centroid.
 */
final class LexicalScorer {
    private final Map<String, Double> idf;
    private final List<Map<String, Double>> centroids;

    private LexicalScorer(Map<String, Double> idf, List<Map<String, Double>> centroids) {
        this.idf = idf;
        this.centroids = centroids;
    }

    static LexicalScorer fit(List<String> texts, int[] y, int classes) {
        Map<String, Integer> df = new HashMap<>();
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (String t : texts) {
            Map<String, Integer> c = terms(t);
            counts.add(c);
            for (String k : c.keySet()) df.merge(k, 1, Integer::sum);
        }
        Map<String, Double> idf = new HashMap<>();
        int n = texts.size();
        df.forEach((k, v) -> idf.put(k, Math.log((1.0 + n) / (1.0 + v)) + 1));
        List<Map<String, Double>> centroids = new ArrayList<>();
        for (int c = 0; c < classes; c++) centroids.add(new HashMap<>());
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Double> v = weigh(counts.get(i), idf);
            Map<String, Double> cen = centroids.get(y[i]);
            v.forEach((k, w) -> cen.merge(k, w, Double::sum));
        }
        centroids.forEach(LexicalScorer::normalize);
        return new LexicalScorer(idf, centroids);
    }

    /** Cosine of the utterance against each class centroid, 0..1. */
    double[] scores(String text) {
        Map<String, Double> v = weigh(terms(text), idf);
        double[] s = new double[centroids.size()];
        for (int c = 0; c < s.length; c++) {
            Map<String, Double> cen = centroids.get(c);
            double dot = 0;
            for (Map.Entry<String, Double> e : v.entrySet()) {
                Double w = cen.get(e.getKey());
                if (w != null) dot += w * e.getValue();
            }
            s[c] = dot;
        }
        return s;
    }

    private static Map<String, Double> weigh(Map<String, Integer> counts, Map<String, Double> idf) {
        Map<String, Double> v = new HashMap<>();
        counts.forEach((k, n) -> {
            Double w = idf.get(k);
            if (w != null) v.put(k, (1 + Math.log(n)) * w);
        });
        normalize(v);
        return v;
    }

    private static void normalize(Map<String, Double> v) {
        double n = 0;
        for (double w : v.values()) n += w * w;
        double inv = n == 0 ? 0 : 1 / Math.sqrt(n);
        v.replaceAll((k, w) -> w * inv);
    }

    static Map<String, Integer> terms(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").trim().split("\\s+");
        Map<String, Integer> out = new HashMap<>();
        String prev = null;
        for (String w : words) {
            if (w.isEmpty()) continue;
            out.merge("w:" + w, 1, Integer::sum);
            if (prev != null) out.merge("b:" + prev + "_" + w, 1, Integer::sum);
            prev = w;
            String padded = " " + w + " ";
            for (int i = 0; i + 4 <= padded.length(); i++) out.merge("c:" + padded.substring(i, i + 4), 1, Integer::sum);
        }
        return out;
    }

    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        writeWeights(out, idf);
        out.writeInt(centroids.size());
        for (Map<String, Double> c : centroids) writeWeights(out, c);
    }

    static LexicalScorer readFrom(java.io.DataInputStream in) throws java.io.IOException {
        Map<String, Double> idf = readWeights(in);
        int n = in.readInt();
        List<Map<String, Double>> centroids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) centroids.add(readWeights(in));
        return new LexicalScorer(idf, centroids);
    }

    private static void writeWeights(java.io.DataOutputStream out, Map<String, Double> m) throws java.io.IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, Double> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readWeights(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        Map<String, Double> m = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) m.put(in.readUTF(), in.readDouble());
        return m;
    }
}
