package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path of the intent parser: a linear head over normalized sentence embeddings, with temperature-calibrated
 * confidence and out-of-scope detection. Fitting: features are embeddings centred on the training mean and
 * re-normalized (sentence encoders are anisotropic; centring spreads the classes apart); the head is a ridge
 * classifier refined by softmax regression; out-of-scope examples, when given, form one more class that draws
 * probability mass away from the intents. By default train and held-out data are pooled and cross-validated (5
 * stratified folds): on the out-of-fold logits the softmax temperature is fitted by likelihood and the rejection
 * threshold is the one with the best in-scope accuracy among those that reach a target out-of-scope recall (0.7; the
 * held-out out-of-scope utterances decide how hard rejection is), then the head is fitted on all the data. With
 * {@code folds} 0 the held-out data only tunes, as before.
 *
 * <pre>{@code
 * IntentClassifier c = IntentClassifier.fit(TextEncoder.minilm(), train, val, Options.defaults());
 * IntentClassifier.Prediction p = c.classify("what's the time");
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
     * @param head {@code ridge}, {@code logistic} (ridge then softmax regression) or {@code proto} (class centroids)
     * @param lambda L2 penalty of the head
     * @param epochs softmax-regression epochs
     * @param oosWeight weight of out-of-scope recall against in-scope accuracy when choosing the threshold
     * @param minOosRecall the threshold is the best one among those reaching this out-of-scope recall on held-out logits
     * @param lexicalWeight weight of the lexical scores relative to the head's logit spread; negative = tune on validation
     * @param knnWeight weight of the nearest-training-example similarity per class, relative to the logit spread;
     *     negative = tune on validation
     * @param refit refit the head on train + validation data after tuning
     * @param folds when at least 2: cross-validate on train + validation data pooled (stratified folds), choose
     *     temperature and threshold on the out-of-fold logits, then fit the head on all of it (lexical and kNN weights
     *     are then taken as given, not tuned); 0 or 1: tune on the validation data only
     */
    public record Options(String head, double lambda, int epochs, double oosWeight, double minOosRecall,
            double lexicalWeight, double knnWeight, boolean refit, int folds) {
        public static Options defaults() {
            return new Options("logistic", 0.0005, 150, 0.05, 0.7, 0, 0, false, 5);
        }

        public Options withHead(String h, double l) {
            return new Options(h, l, epochs, oosWeight, minOosRecall, lexicalWeight, knnWeight, refit, folds);
        }
    }

    private final TextEncoder encoder;
    private final List<String> labels;
    private final int oosIndex;
    private final float[] mean;
    private final float[][] weights;
    private final LexicalScorer lexical;
    private final double lexicalWeight;
    private final float[][] memory;
    private final int[] memoryLabels;
    private final double knnWeight;
    private final double temperature;
    private final double threshold;

    IntentClassifier(TextEncoder encoder, List<String> labels, float[] mean, float[][] weights,
            LexicalScorer lexical, double lexicalWeight, float[][] memory, int[] memoryLabels, double knnWeight,
            double temperature, double threshold) {
        this.memory = memory;
        this.memoryLabels = memoryLabels;
        this.knnWeight = knnWeight;
        this.lexical = lexical;
        this.lexicalWeight = lexicalWeight;
        this.encoder = encoder;
        this.labels = List.copyOf(labels);
        this.oosIndex = labels.indexOf(Intent.OUT_OF_SCOPE);
        this.mean = mean;
        this.weights = weights;
        this.temperature = temperature;
        this.threshold = threshold;
    }

    /**
     * Fits on {@code train}; {@code val} (may be empty) tunes temperature and threshold. Without validation data the
     * temperature is 1 and the threshold a conservative default.
     */
    public static IntentClassifier fit(TextEncoder encoder, List<Example> train, List<Example> val, Options options) {
        if (train.stream().noneMatch(e -> !Intent.OUT_OF_SCOPE.equals(e.intent()))) {
            throw new InvalidInputException("no in-scope training examples", "give at least one example utterance per intent");
        }
        List<String> labels = new ArrayList<>(new LinkedHashMap<String, Boolean>() {{
            for (Example e : train) put(e.intent(), true);
        }}.keySet());
        labels.remove(Intent.OUT_OF_SCOPE);
        if (train.stream().anyMatch(e -> Intent.OUT_OF_SCOPE.equals(e.intent()))) labels.add(Intent.OUT_OF_SCOPE);
        List<Example> usableVal = val.stream()
                .filter(e -> labels.contains(e.intent()) || Intent.OUT_OF_SCOPE.equals(e.intent())).toList();

        List<float[]> trainRaw = encoder.encodeAll(train.stream().map(Example::text).toList());
        List<float[]> valRaw = encoder.encodeAll(usableVal.stream().map(Example::text).toList());
        if (options.folds() >= 2 && !usableVal.isEmpty()) {
            IntentClassifier cv = fitCrossValidated(encoder, labels, train, trainRaw, usableVal, valRaw, options);
            if (cv != null) return cv;
        }
        IntentClassifier model = train(encoder, labels, train, trainRaw, options, Math.max(0, options.lexicalWeight()),
                Math.max(0, options.knnWeight()), 1, 0.3);
        if (usableVal.isEmpty()) return model;

        int[] vy = labelsOf(usableVal, labels);
        double[][] headLogits = new double[vy.length][], lex = new double[vy.length][], knn = new double[vy.length][];
        for (int i = 0; i < vy.length; i++) {
            float[] f = feature(valRaw.get(i), model.mean);
            headLogits[i] = model.headLogits(f);
            lex[i] = model.lexical.scores(usableVal.get(i).text());
            knn[i] = model.knnScores(f);
        }
        double bestBeta = 0, bestGamma = 0, bestT = 1, bestKey = Double.NEGATIVE_INFINITY;
        double[] betas = options.lexicalWeight() >= 0 ? new double[] {options.lexicalWeight()} : new double[] {0, 0.5, 1, 2};
        double[] gammas = options.knnWeight() >= 0 ? new double[] {options.knnWeight()} : new double[] {0, 0.5, 1, 2};
        double scale = logitSpread(headLogits);
        for (double beta : betas) {
            for (double gamma : gammas) {
                double[][] logits = combine(combine(headLogits, lex, beta * scale), knn, gamma * scale);
                double t = Calibration.temperature(logits, vy, model.oosIndex);
                double key = Calibration.accuracy(logits, vy, model.oosIndex) - 1e-3 * Calibration.nll(logits, vy, t) / vy.length;
                if (key > bestKey) {
                    bestKey = key;
                    bestBeta = beta;
                    bestGamma = gamma;
                    bestT = t;
                }
            }
        }
        double[][] logits = combine(combine(headLogits, lex, bestBeta * scale), knn, bestGamma * scale);
        double threshold = Calibration.threshold(logits, vy, model.oosIndex, bestT, options.oosWeight(), options.minOosRecall());
        if (!options.refit()) return model.with(bestBeta * scale, bestGamma * scale, bestT, threshold);
        List<Example> all = new ArrayList<>(train);
        all.addAll(usableVal);
        List<float[]> allRaw = new ArrayList<>(trainRaw);
        allRaw.addAll(valRaw);
        return train(encoder, labels, all, allRaw, options, bestBeta * scale, bestGamma * scale, bestT, threshold);
    }

    /**
     * Pools train and validation data, splits it into stratified folds, scores every example with the head fitted
     * without its fold, chooses temperature and threshold on those out-of-fold logits, and fits the final head on
     * everything. Out-of-scope examples are trained on only when there is an out-of-scope class. Null when a fold
     * would leave no in-scope example to train on.
     */
    private static IntentClassifier fitCrossValidated(TextEncoder encoder, List<String> labels, List<Example> train,
            List<float[]> trainRaw, List<Example> val, List<float[]> valRaw, Options options) {
        List<Example> all = new ArrayList<>(train);
        all.addAll(val);
        List<float[]> allRaw = new ArrayList<>(trainRaw);
        allRaw.addAll(valRaw);
        int[] y = labelsOf(all, labels);
        int k = options.folds();
        int[] fold = new int[y.length];
        Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < y.length; i++) {
            int label = y[i];
            fold[i] = Math.floorMod(seen.merge(label, 1, Integer::sum) - 1 + label, k);
        }
        double lw = Math.max(0, options.lexicalWeight()), kw = Math.max(0, options.knnWeight());
        double[][] oof = new double[y.length][];
        for (int f = 0; f < k; f++) {
            List<Example> part = new ArrayList<>();
            List<float[]> partRaw = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f && y[i] >= 0) {
                    part.add(all.get(i));
                    partRaw.add(allRaw.get(i));
                }
            }
            if (part.stream().allMatch(e -> Intent.OUT_OF_SCOPE.equals(e.intent()))) return null; // too little data
            IntentClassifier m = train(encoder, labels, part, partRaw, options, lw, kw, 1, 0.3);
            for (int i = 0; i < y.length; i++) if (fold[i] == f) oof[i] = m.logits(allRaw.get(i), all.get(i).text());
        }
        int oosIndex = labels.indexOf(Intent.OUT_OF_SCOPE);
        double t0 = Calibration.temperature(oof, y, oosIndex), t = t0;
        double threshold = Calibration.threshold(oof, y, oosIndex, t, options.oosWeight(), options.minOosRecall());
        double bestKey = Double.NEGATIVE_INFINITY;
        for (double mult : T_MULTS) {
            double tm = t0 * mult;
            double th = Calibration.threshold(oof, y, oosIndex, tm, options.oosWeight(), options.minOosRecall());
            double[] ar = Calibration.evaluate(oof, y, oosIndex, tm, th);
            double key = (ar[1] >= options.minOosRecall() ? 1 : 0) + ar[0] + options.oosWeight() * ar[1];
            if (key > bestKey + 1e-9) {
                bestKey = key;
                t = tm;
                threshold = th;
            }
        }
        List<Example> fitSet = new ArrayList<>();
        List<float[]> fitRaw = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= 0) {
                fitSet.add(all.get(i));
                fitRaw.add(allRaw.get(i));
            }
        }
        return train(encoder, labels, fitSet, fitRaw, options, lw, kw, t, threshold);
    }

    /**
     * Temperatures tried around the likelihood-fitted one: the temperature changes which utterances have the lowest
     * top probability, so it is chosen together with the threshold, by out-of-fold in-scope accuracy at the recall target.
     */
    private static final double[] T_MULTS = {0.25, 0.5, 1, 2, 4};

    private static IntentClassifier train(TextEncoder encoder, List<String> labels, List<Example> data, List<float[]> raw,
            Options options, double lexicalWeight, double knnWeight, double temperature, double threshold) {
        float[] mean = mean(raw, data);
        int[] y = labelsOf(data, labels);
        float[][] x = features(raw, mean);
        float[][] w = head(x, y, labels.size(), options);
        LexicalScorer lex = LexicalScorer.fit(data.stream().map(Example::text).toList(), y, labels.size());
        return new IntentClassifier(encoder, labels, mean, w, lex, lexicalWeight, x, y, knnWeight, temperature, threshold);
    }

    private IntentClassifier with(double lexicalWeight, double knnWeight, double temperature, double threshold) {
        return new IntentClassifier(encoder, labels, mean, weights, lexical, lexicalWeight, memory, memoryLabels, knnWeight,
                temperature, threshold);
    }

    /** Per class, the cosine of {@code f} with its nearest training example (0 for a class without examples). */
    private double[] knnScores(float[] f) {
        double[] best = new double[labels.size()];
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < memory.length; i++) {
            float[] m = memory[i];
            double s = 0;
            for (int j = 0; j < f.length; j++) s += f[j] * m[j];
            if (s > best[memoryLabels[i]]) best[memoryLabels[i]] = s;
        }
        for (int c = 0; c < best.length; c++) if (best[c] < -0.5) best[c] = 0;
        return best;
    }

    private static double logitSpread(double[][] logits) {
        double sum = 0;
        for (double[] l : logits) {
            double max = Double.NEGATIVE_INFINITY, mean = 0;
            for (double v : l) {
                max = Math.max(max, v);
                mean += v / l.length;
            }
            sum += max - mean;
        }
        return logits.length == 0 ? 1 : sum / logits.length;
    }

    private static double[][] combine(double[][] head, double[][] lex, double beta) {
        double[][] out = new double[head.length][];
        for (int i = 0; i < head.length; i++) {
            out[i] = head[i].clone();
            for (int c = 0; c < out[i].length; c++) out[i][c] += beta * lex[i][c];
        }
        return out;
    }

    private static float[][] head(float[][] x, int[] y, int classes, Options o) {
        return switch (o.head()) {
            case "ridge" -> LinearHeads.ridge(x, y, classes, o.lambda() * 100);
            case "logistic" -> LinearHeads.logistic(x, y, classes, o.lambda(), o.epochs(),
                    scale(LinearHeads.ridge(x, y, classes, o.lambda() * 100), 10));
            case "proto" -> prototypes(x, y, classes);
            default -> throw new InvalidInputException("unknown classifier head '" + o.head() + "'", "use ridge, logistic or proto");
        };
    }

    private static float[][] scale(float[][] w, float s) {
        for (float[] r : w) for (int j = 0; j < r.length; j++) r[j] *= s;
        return w;
    }

    private static float[][] prototypes(float[][] x, int[] y, int classes) {
        int d = x[0].length;
        float[][] w = new float[classes][d + 1];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < d; j++) w[y[i]][j] += x[i][j];
        for (float[] r : w) {
            double n = 0;
            for (int j = 0; j < d; j++) n += r[j] * r[j];
            n = Math.sqrt(Math.max(n, 1e-12));
            for (int j = 0; j < d; j++) r[j] = (float) (r[j] / n * 10);
        }
        return w;
    }

    private static int[] labelsOf(List<Example> examples, List<String> labels) {
        int[] y = new int[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = labels.indexOf(examples.get(i).intent());
        return y;
    }

    private static float[] mean(List<float[]> raw, List<Example> examples) {
        float[] m = new float[raw.get(0).length];
        int n = 0;
        for (int i = 0; i < raw.size(); i++) {
            if (Intent.OUT_OF_SCOPE.equals(examples.get(i).intent())) continue;
            float[] r = raw.get(i);
            for (int j = 0; j < m.length; j++) m[j] += r[j];
            n++;
        }
        for (int j = 0; j < m.length; j++) m[j] /= Math.max(n, 1);
        return m;
    }

    private static float[][] features(List<float[]> raw, float[] mean) {
        float[][] out = new float[raw.size()][];
        for (int i = 0; i < out.length; i++) out[i] = feature(raw.get(i), mean);
        return out;
    }

    private static float[] feature(float[] raw, float[] mean) {
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

    private double[] headLogits(float[] f) {
        double[] s = new double[weights.length];
        for (int c = 0; c < s.length; c++) s[c] = LinearHeads.dot(weights[c], f);
        return s;
    }

    private double[] logits(String text) {
        return logits(encoder.encode(text), text);
    }

    private double[] logits(float[] raw, String text) {
        float[] f = feature(raw, mean);
        double[] s = headLogits(f);
        if (knnWeight > 0) {
            double[] k = knnScores(f);
            for (int c = 0; c < s.length; c++) s[c] += knnWeight * k[c];
        }
        if (lexicalWeight > 0) {
            double[] lex = lexical.scores(text);
            for (int c = 0; c < s.length; c++) s[c] += lexicalWeight * lex[c];
        }
        return s;
    }

    /** Classifies one utterance. */
    public Prediction classify(String text) {
        double[] p = Calibration.softmax(logits(text), temperature);
        List<Candidate> top = new ArrayList<>();
        for (int c = 0; c < p.length; c++) if (c != oosIndex) top.add(new Candidate(labels.get(c), p[c]));
        top.sort(Comparator.comparingDouble(Candidate::probability).reversed());
        top = List.copyOf(top.subList(0, Math.min(3, top.size())));
        Candidate best = top.get(0);
        String intent = best.probability() < threshold ? Intent.OUT_OF_SCOPE : best.intent();
        return new Prediction(intent, best.probability(), top);
    }

    /** The intents it knows (without out-of-scope). */
    public List<String> intents() {
        return labels.stream().filter(l -> !Intent.OUT_OF_SCOPE.equals(l)).toList();
    }

    public double threshold() {
        return threshold;
    }

    public double temperature() {
        return temperature;
    }

    public String encoderName() {
        return encoder.name();
    }

    /** Summary for logs and the benchmark. */
    public Map<String, Object> describe() {
        return Map.of("encoder", encoder.name(), "intents", intents().size(), "temperature", temperature,
                "threshold", threshold, "oos_class", oosIndex >= 0, "lexical_weight", lexicalWeight, "knn_weight", knnWeight);
    }

    /** Writes the fitted state (not the encoder) for {@link FittedClassifiers}. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        FittedClassifiers.writeStrings(out, labels);
        FittedClassifiers.writeFloats(out, mean);
        FittedClassifiers.writeMatrix(out, weights);
        lexical.writeTo(out);
        out.writeDouble(lexicalWeight);
        FittedClassifiers.writeMatrix(out, memory);
        out.writeInt(memoryLabels.length);
        for (int v : memoryLabels) out.writeInt(v);
        out.writeDouble(knnWeight);
        out.writeDouble(temperature);
        out.writeDouble(threshold);
    }

    static IntentClassifier readFrom(java.io.DataInputStream in, TextEncoder encoder) throws java.io.IOException {
        List<String> labels = FittedClassifiers.readStrings(in);
        float[] mean = FittedClassifiers.readFloats(in);
        float[][] weights = FittedClassifiers.readMatrix(in);
        LexicalScorer lexical = LexicalScorer.readFrom(in);
        double lexicalWeight = in.readDouble();
        float[][] memory = FittedClassifiers.readMatrix(in);
        int[] memoryLabels = new int[in.readInt()];
        for (int i = 0; i < memoryLabels.length; i++) memoryLabels[i] = in.readInt();
        return new IntentClassifier(encoder, labels, mean, weights, lexical, lexicalWeight, memory, memoryLabels,
                in.readDouble(), in.readDouble(), in.readDouble());
    }
}
