package clay.intelligence.intent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lexical view of an utterance that complements sentence embeddings on rare, decisive words ("pin", "carry-on",
 * "fico"): TF-IDF over word unigrams, word bigrams and character 4-grams, scored by cosine against each class's TF-IDF
 * centroid. Stored as plain arrays: a sorted vocabulary with its IDF and, per term, the classes whose centroid holds
 * it (an inverted index, so scoring touches only the utterance's own terms).
 */
final class LexicalScorer {
    private final String[] vocabulary; // sorted
    private final float[] idf;
    private final int[] start; // postings of term t: [start[t], start[t+1])
    private final int[] postingClass;
    private final float[] postingWeight;
    private final int classes;

    private LexicalScorer(String[] vocabulary, float[] idf, int[] start, int[] postingClass, float[] postingWeight, int classes) {
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.start = start;
        this.postingClass = postingClass;
        this.postingWeight = postingWeight;
        this.classes = classes;
    }

    /** The scorer from its arrays, as {@link #vocabulary()} and the other accessors return them. */
    static LexicalScorer of(String[] vocabulary, float[] idf, int[] start, int[] postingClass, float[] postingWeight, int classes) {
        if (idf.length != vocabulary.length || start.length != vocabulary.length + 1 || postingClass.length != postingWeight.length
                || start[vocabulary.length] != postingClass.length) {
            throw new IllegalArgumentException("inconsistent lexical arrays");
        }
        return new LexicalScorer(vocabulary, idf, start, postingClass, postingWeight, classes);
    }

    String[] vocabulary() {
        return vocabulary;
    }

    float[] idf() {
        return idf;
    }

    int[] postingStart() {
        return start;
    }

    int[] postingClass() {
        return postingClass;
    }

    float[] postingWeight() {
        return postingWeight;
    }

    /** Texts turned once into term ids and unit-length TF-IDF weights over their own vocabulary. */
    record Corpus(String[] vocabulary, float[] idf, int[][] ids, float[][] weights) {}

    static Corpus corpus(List<String> texts) {
        List<Map<String, Integer>> counts = new ArrayList<>(texts.size());
        Map<String, Integer> df = new HashMap<>();
        for (String t : texts) {
            Map<String, Integer> c = terms(t);
            counts.add(c);
            for (String k : c.keySet()) df.merge(k, 1, Integer::sum);
        }
        String[] vocabulary = df.keySet().toArray(String[]::new);
        Arrays.sort(vocabulary);
        float[] idf = new float[vocabulary.length];
        int n = texts.size();
        for (int t = 0; t < vocabulary.length; t++) idf[t] = (float) (Math.log((1.0 + n) / (1.0 + df.get(vocabulary[t]))) + 1);
        int[][] ids = new int[n][];
        float[][] weights = new float[n][];
        for (int i = 0; i < n; i++) {
            Map<String, Integer> c = counts.get(i);
            ids[i] = new int[c.size()];
            weights[i] = new float[c.size()];
            int k = 0;
            for (Map.Entry<String, Integer> e : c.entrySet()) {
                int t = Arrays.binarySearch(vocabulary, e.getKey());
                ids[i][k] = t;
                weights[i][k++] = (float) ((1 + Math.log(e.getValue())) * idf[t]);
            }
            normalize(weights[i]);
        }
        return new Corpus(vocabulary, idf, ids, weights);
    }

    /** Class centroids from the corpus texts with a label ({@code y >= 0}) outside fold {@code leaveOut} (-1: all). */
    static LexicalScorer fit(Corpus corpus, int[] y, int classes, int[] fold, int leaveOut) {
        int v = corpus.vocabulary().length;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < y.length; i++) if (y[i] >= 0 && (fold == null || fold[i] != leaveOut)) byClass.get(y[i]).add(i);
        double[] scratch = new double[v];
        int[] touched = new int[v];
        int[][] termsOf = new int[classes][];
        float[][] weightsOf = new float[classes][];
        int[] perTerm = new int[v + 1];
        for (int c = 0; c < classes; c++) {
            int nt = 0;
            for (int i : byClass.get(c)) {
                int[] ids = corpus.ids()[i];
                float[] w = corpus.weights()[i];
                for (int k = 0; k < ids.length; k++) {
                    if (scratch[ids[k]] == 0) touched[nt++] = ids[k];
                    scratch[ids[k]] += w[k];
                }
            }
            termsOf[c] = Arrays.copyOf(touched, nt);
            weightsOf[c] = new float[nt];
            for (int k = 0; k < nt; k++) {
                weightsOf[c][k] = (float) scratch[touched[k]];
                scratch[touched[k]] = 0;
                perTerm[touched[k] + 1]++;
            }
            normalize(weightsOf[c]);
        }
        for (int t = 0; t < v; t++) perTerm[t + 1] += perTerm[t];
        int[] fill = Arrays.copyOf(perTerm, v);
        int[] postingClass = new int[perTerm[v]];
        float[] postingWeight = new float[perTerm[v]];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < termsOf[c].length; k++) {
                int at = fill[termsOf[c][k]]++;
                postingClass[at] = c;
                postingWeight[at] = weightsOf[c][k];
            }
        }
        return new LexicalScorer(corpus.vocabulary(), corpus.idf(), perTerm, postingClass, postingWeight, classes);
    }

    /** Cosine of the utterance against each class centroid, 0..1. */
    double[] scores(String text) {
        Map<String, Integer> c = terms(text);
        int[] ids = new int[c.size()];
        float[] w = new float[c.size()];
        int k = 0;
        for (Map.Entry<String, Integer> e : c.entrySet()) {
            int t = Arrays.binarySearch(vocabulary, e.getKey());
            if (t < 0) continue;
            ids[k] = t;
            w[k++] = (float) ((1 + Math.log(e.getValue())) * idf[t]);
        }
        normalize(w);
        return scores(ids, w, k);
    }

    /** The same for text {@code i} of the corpus this scorer was fitted from. */
    double[] scores(Corpus corpus, int i) {
        return scores(corpus.ids()[i], corpus.weights()[i], corpus.ids()[i].length);
    }

    private double[] scores(int[] ids, float[] w, int n) {
        double[] s = new double[classes];
        for (int k = 0; k < n; k++) {
            int t = ids[k];
            for (int p = start[t]; p < start[t + 1]; p++) s[postingClass[p]] += w[k] * postingWeight[p];
        }
        return s;
    }

    private static void normalize(float[] v) {
        double n = 0;
        for (float w : v) n += w * w;
        float inv = n == 0 ? 0 : (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) v[i] *= inv;
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
}
