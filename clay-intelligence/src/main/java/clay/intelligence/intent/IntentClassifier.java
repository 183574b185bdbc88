package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The fast path of the intent parser: a linear head over normalized sentence embeddings plus a lexical TF-IDF
 * channel, with temperature-calibrated confidence and out-of-scope rejection. Features are embeddings centred on the
 * training mean and re-normalized (sentence encoders are anisotropic; centring spreads the classes apart). The
 * default head is linear discriminant analysis with a shared, shrunk covariance (closed form). Train and held-out
 * examples are pooled and cross-validated (5 stratified folds); on the out-of-fold scores the fit chooses the
 * shrinkage and the lexical weight, the softmax temperature, and the rejection threshold (the best in-scope accuracy
 * among thresholds reaching a target out-of-scope recall, 0.7); out-of-scope examples only set that threshold
 * ({@link ClassifierFit}). The fitted state is a plain value, {@link Model}: arrays and numbers, no encoder.
 *
 * <pre>{@code
 * IntentClassifier c = IntentClassifier.fit(TextEncoder.minilm(), train, val, Options.defaults());
 * IntentClassifier.Prediction p = c.classify("what's the time");
 * IntentClassifier same = IntentClassifier.of(TextEncoder.minilm(), c.model());
 * }</pre>
 */
public final class IntentClassifier {
    /** A labelled utterance; label {@link Intent#OUT_OF_SCOPE} marks one that belongs to no intent. */
    public record Example(String text, String intent) {}

    /** One scored candidate intent. */
    public record Candidate(String intent, double probability) {}

    /**
     * The classifier's answer.
     *
     * @param intent the best intent, or {@link Intent#OUT_OF_SCOPE} when confidence is under the threshold
     * @param confidence calibrated probability of the best in-scope intent
     * @param top the best in-scope candidates, most probable first
     */
    public record Prediction(String intent, double confidence, List<Candidate> top) {
        public boolean outOfScope() {
            return Intent.OUT_OF_SCOPE.equals(intent);
        }
    }

    /**
     * Fitting options.
     *
     * @param head {@code lda} (shared-covariance discriminant, closed form), {@code logistic} (ridge then softmax
     *     regression; slow on large sets), {@code ridge} or {@code proto} (class centroids)
     * @param lambda the head's regularization (lda: covariance shrinkage 0..1); negative = the head's default (lda:
     *     chosen on the out-of-fold scores)
     * @param epochs softmax-regression epochs
     * @param oosWeight weight of out-of-scope recall against in-scope accuracy when choosing the threshold
     * @param minOosRecall the threshold is the best one among those reaching this out-of-scope recall out of fold
     * @param lexicalWeight weight of the lexical scores relative to the head's mean logit margin; negative = chosen on
     *     the out-of-fold scores
     * @param folds at least 2: cross-validate on train + validation data pooled and fit the final head on all of it;
     *     0 or 1: fit on train only and tune on the validation data
     */
    public record Options(String head, double lambda, int epochs, double oosWeight, double minOosRecall,
            double lexicalWeight, int folds) {
        public static Options defaults() {
            return new Options("lda", -1, 150, 0.05, 0.7, -1, 5);
        }

        public Options withHead(String h, double l) {
            return new Options(h, l, epochs, oosWeight, minOosRecall, lexicalWeight, folds);
        }
    }

    /**
     * Everything a fitted classifier is, as plain values (for storing it and loading it without refitting): the
     * encoder's name, the intents, the mean embedding, the head's weights {@code [intent][dim+1]} (bias last), the
     * lexical channel as an inverted index (sorted vocabulary, IDF, per term the postings' start, class and weight),
     * its weight, the temperature and the threshold.
     */
    public record Model(String encoder, String head, List<String> labels, float[] mean, float[][] weights,
            String[] vocabulary, float[] idf, int[] postingStart, int[] postingClass, float[] postingWeight,
            double lexicalWeight, double temperature, double threshold) {
        static Model of(String encoder, String head, List<String> labels, float[] mean, float[][] weights, LexicalScorer lex,
                double lexicalWeight, double temperature, double threshold) {
            return new Model(encoder, head, List.copyOf(labels), mean, weights, lex.vocabulary(), lex.idf(), lex.postingStart(),
                    lex.postingClass(), lex.postingWeight(), lexicalWeight, temperature, threshold);
        }
    }

    private final TextEncoder encoder;
    private final Model model;
    private final LexicalScorer lexical;

    private IntentClassifier(TextEncoder encoder, Model model) {
        this.encoder = encoder;
        this.model = model;
        this.lexical = LexicalScorer.of(model.vocabulary(), model.idf(), model.postingStart(), model.postingClass(),
                model.postingWeight(), model.labels().size());
    }

    /** A classifier from a stored {@link Model}; the encoder must be the one it was fitted with. */
    public static IntentClassifier of(TextEncoder encoder, Model model) {
        if (!encoder.name().equals(model.encoder())) {
            throw new InvalidInputException("the intent model was fitted with encoder " + model.encoder() + ", not " + encoder.name(),
                    "refit the classifier with the configured encoder");
        }
        if (model.weights().length != model.labels().size() || model.mean().length != encoder.dimensions()
                || model.weights()[0].length != encoder.dimensions() + 1) {
            throw new InvalidInputException("the stored intent model does not fit its encoder's dimensions", "refit the classifier");
        }
        return new IntentClassifier(encoder, model);
    }

    /**
     * Fits on {@code train}; {@code val} (may be empty) is pooled with it for cross-validation, or tunes temperature
     * and threshold alone when {@code folds} is below 2.
     */
    public static IntentClassifier fit(TextEncoder encoder, List<Example> train, List<Example> val, Options options) {
        if (train.stream().allMatch(e -> Intent.OUT_OF_SCOPE.equals(e.intent()))) {
            throw new InvalidInputException("no in-scope training examples", "give at least one example utterance per intent");
        }
        return fit(encoder, train, encoder.encodeAll(train.stream().map(Example::text).toList()), val,
                encoder.encodeAll(val.stream().map(Example::text).toList()), options);
    }

    /** The same from embeddings computed beforehand by {@code encoder} (one per example, in order). */
    public static IntentClassifier fit(TextEncoder encoder, List<Example> train, List<float[]> trainVectors, List<Example> val,
            List<float[]> valVectors, Options options) {
        if (trainVectors.size() != train.size() || valVectors.size() != val.size()) {
            throw new IllegalArgumentException("one vector per example");
        }
        return new IntentClassifier(encoder, ClassifierFit.fit(encoder.name(), train, trainVectors, val, valVectors, options));
    }

    /** The fitted state, a plain value. */
    public Model model() {
        return model;
    }

    static float[] feature(float[] raw, float[] mean) {
        float[] f = new float[raw.length];
        double n = 0;
        for (int j = 0; j < f.length; j++) {
            f[j] = raw[j] - mean[j];
            n += f[j] * f[j];
        }
        float inv = (float) (1 / Math.sqrt(Math.max(n, 1e-12)));
        for (int j = 0; j < f.length; j++) f[j] *= inv;
        return f;
    }

    static double[] scores(float[][] weights, float[] f) {
        double[] s = new double[weights.length];
        for (int c = 0; c < s.length; c++) s[c] = LinearHeads.dot(weights[c], f);
        return s;
    }

    private double[] logits(String text) {
        return logits(encoder.encode(text), text);
    }

    private double[] logits(float[] raw, String text) {
        double[] s = scores(model.weights(), feature(raw, model.mean()));
        if (model.lexicalWeight() > 0) {
            double[] lex = lexical.scores(text);
            for (int c = 0; c < s.length; c++) s[c] += model.lexicalWeight() * lex[c];
        }
        return s;
    }

    /** Classifies one utterance. */
    public Prediction classify(String text) {
        return predict(logits(text));
    }

    /** Classifies one utterance whose embedding by this classifier's encoder is already known. */
    public Prediction classify(String text, float[] vector) {
        return predict(logits(vector, text));
    }

    private Prediction predict(double[] logits) {
        List<String> labels = model.labels();
        double[] p = Calibration.softmax(logits, model.temperature());
        List<Candidate> top = new ArrayList<>();
        for (int c = 0; c < p.length; c++) top.add(new Candidate(labels.get(c), p[c]));
        top.sort(Comparator.comparingDouble(Candidate::probability).reversed());
        top = List.copyOf(top.subList(0, Math.min(3, top.size())));
        Candidate best = top.get(0);
        String intent = best.probability() < model.threshold() ? Intent.OUT_OF_SCOPE : best.intent();
        return new Prediction(intent, best.probability(), top);
    }

    /** The intents it knows (without out-of-scope). */
    public List<String> intents() {
        return model.labels();
    }

    public double threshold() {
        return model.threshold();
    }

    public double temperature() {
        return model.temperature();
    }

    public String encoderName() {
        return encoder.name();
    }

    /** Summary for logs and the benchmark. */
    public Map<String, Object> describe() {
        return Map.of("encoder", encoder.name(), "head", model.head(), "intents", intents().size(), "temperature",
                model.temperature(), "threshold", model.threshold(), "lexical_weight", model.lexicalWeight());
    }
}
