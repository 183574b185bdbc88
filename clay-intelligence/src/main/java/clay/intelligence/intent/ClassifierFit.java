package clay.intelligence.intent;

import clay.core.Intent;
import clay.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Fits an {@link IntentClassifier.Model} from embedded examples. Train and held-out examples are pooled and split
 * into stratified folds; every utterance is scored by a head fitted without its fold (out-of-fold logits). On those
 * logits the fit chooses, in order: the head's regularization and the weight of the lexical channel (by out-of-fold
 * top-1 accuracy), the softmax temperature (likelihood), and temperature and rejection threshold together (the best
 * in-scope accuracy among thresholds reaching the out-of-scope recall target). The final head is fitted on all of
 * it. Out-of-scope examples never form a class: they only set the threshold.
 *
 * <p>The default head, {@code lda}, is closed form from per-fold sufficient statistics ({@link SharedCovariance}),
 * so cross-validation costs one pass over the data; the other heads are refitted per fold.
 */
final class ClassifierFit {
    /** Shrinkage of the shared covariance tried when none is given; more data favours less. */
    private static final double[] SHRINKAGES = {0.01, 0.03, 0.1, 0.3, 0.6};
    /** Lexical weights (relative to the head's mean logit margin) tried when none is given. */
    private static final double[] LEXICAL_WEIGHTS = {0, 0.1, 0.25, 0.5};
    /** Temperatures tried around the likelihood-fitted one, together with the threshold. */
    private static final double[] T_MULTS = {0.25, 0.5, 1, 2, 4};

    private ClassifierFit() {}

    static IntentClassifier.Model fit(String encoder, List<IntentClassifier.Example> train, List<float[]> trainRaw,
            List<IntentClassifier.Example> val, List<float[]> valRaw, IntentClassifier.Options o) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (IntentClassifier.Example e : train) if (!Intent.OUT_OF_SCOPE.equals(e.intent())) names.add(e.intent());
        if (names.isEmpty()) {
            throw new InvalidInputException("no in-scope training examples", "give at least one example utterance per intent");
        }
        List<String> labels = List.copyOf(names);
        List<IntentClassifier.Example> all = new ArrayList<>();
        List<float[]> raw = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            List<IntentClassifier.Example> ex = part == 0 ? train : val;
            List<float[]> vec = part == 0 ? trainRaw : valRaw;
            for (int i = 0; i < ex.size(); i++) {
                String intent = ex.get(i).intent();
                if (!Intent.OUT_OF_SCOPE.equals(intent) && !names.contains(intent)) continue; // an intent it cannot learn
                all.add(ex.get(i));
                raw.add(vec.get(i));
            }
        }
        int n = all.size(), classes = labels.size();
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels.indexOf(all.get(i).intent()); // -1: out of scope
        float[] mean = mean(raw, y);
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) x[i] = IntentClassifier.feature(raw.get(i), mean);

        // folds: stratified over the pooled data; fewer than 2 folds means val alone is held out
        int k = Math.max(2, o.folds());
        int[] fold = new int[n];
        if (o.folds() >= 2) {
            Map<Integer, Integer> seen = new HashMap<>();
            for (int i = 0; i < n; i++) fold[i] = Math.floorMod(seen.merge(y[i], 1, Integer::sum) - 1 + y[i], k);
        } else {
            for (int i = 0; i < n; i++) fold[i] = i < trainCount(train, names) ? 1 : 0;
        }
        int[] heldOut = o.folds() >= 2 ? range(k) : new int[] {0};

        // the lexical channel, out of fold
        double[] betas = o.lexicalWeight() >= 0 ? new double[] {o.lexicalWeight()} : LEXICAL_WEIGHTS;
        boolean lexicalWanted = max(betas) > 0;
        LexicalScorer.Corpus corpus = LexicalScorer.corpus(all.stream().map(IntentClassifier.Example::text).toList());
        double[][] lexOof = new double[n][];
        if (lexicalWanted) {
            for (int f : heldOut) {
                LexicalScorer s = LexicalScorer.fit(corpus, y, classes, fold, f);
                for (int i = 0; i < n; i++) if (fold[i] == f) lexOof[i] = s.scores(corpus, i);
            }
        }

        // the head, out of fold, for each regularization tried; keep the best (regularization, lexical weight)
        SharedCovariance stats = o.head().equals("lda") ? SharedCovariance.of(x, y, fold, k, classes) : null;
        double[] lambdas = o.lambda() >= 0 ? new double[] {o.lambda()} : o.head().equals("lda") ? SHRINKAGES : new double[] {-1};
        double bestAcc = -1, bestLambda = lambdas[0], bestBeta = 0, bestSpread = 1;
        double[][] bestOof = null;
        for (double lambda : lambdas) {
            double[][] headOof = new double[n][];
            for (int f : heldOut) {
                float[][] w = stats != null ? stats.weights(f, lambda) : refit(x, y, fold, f, classes, o, lambda);
                for (int i = 0; i < n; i++) if (fold[i] == f) headOof[i] = IntentClassifier.scores(w, x[i]);
            }
            double spread = spread(headOof);
            for (double beta : betas) {
                double[][] oof = combine(headOof, lexOof, beta * spread);
                double acc = Calibration.accuracy(oof, y, -1);
                if (acc > bestAcc + 1e-9) {
                    bestAcc = acc;
                    bestLambda = lambda;
                    bestBeta = beta;
                    bestSpread = spread;
                    bestOof = oof;
                }
            }
        }
        double[][] oof = bestOof;
        int[] yOof = y.clone();
        for (int i = 0; i < n; i++) if (oof[i] == null) yOof[i] = -2; // not held out (holdout mode): ignored below
        double[][] scored = compact(oof, yOof);
        int[] ys = compactLabels(yOof);
        double t0 = Calibration.temperature(scored, ys, -1), t = t0;
        double threshold = Calibration.threshold(scored, ys, -1, t0, o.oosWeight(), o.minOosRecall());
        double bestKey = Double.NEGATIVE_INFINITY;
        for (double mult : T_MULTS) {
            double th = Calibration.threshold(scored, ys, -1, t0 * mult, o.oosWeight(), o.minOosRecall());
            double[] ar = Calibration.evaluate(scored, ys, -1, t0 * mult, th);
            double key = (ar[1] >= o.minOosRecall() ? 1 : 0) + ar[0] + o.oosWeight() * ar[1];
            if (key > bestKey + 1e-9) {
                bestKey = key;
                t = t0 * mult;
                threshold = th;
            }
        }

        int finalFold = o.folds() >= 2 ? -1 : 0;
        float[][] w = stats != null ? stats.weights(finalFold, bestLambda) : refit(x, y, fold, finalFold, classes, o, bestLambda);
        LexicalScorer lex = LexicalScorer.fit(corpus, y, classes, fold, finalFold);
        return IntentClassifier.Model.of(encoder, o.head(), labels, mean, w, lex, bestBeta * bestSpread, t, threshold);
    }

    private static int trainCount(List<IntentClassifier.Example> train, java.util.Set<String> names) {
        int c = 0;
        for (IntentClassifier.Example e : train) if (Intent.OUT_OF_SCOPE.equals(e.intent()) || names.contains(e.intent())) c++;
        return c;
    }

    /** One of the iterative or simple heads, fitted on the labelled examples outside fold {@code leaveOut}. */
    private static float[][] refit(float[][] x, int[] y, int[] fold, int leaveOut, int classes, IntentClassifier.Options o,
            double lambda) {
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (y[i] >= 0 && fold[i] != leaveOut) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        float[][] px = xs.toArray(float[][]::new);
        int[] py = ys.stream().mapToInt(Integer::intValue).toArray();
        if (px.length == 0) {
            float[][] w = new float[classes][x[0].length + 1];
            for (float[] r : w) r[r.length - 1] = SharedCovariance.ABSENT;
            return w;
        }
        return switch (o.head()) {
            case "ridge" -> LinearHeads.ridge(px, py, classes, lambda >= 0 ? lambda : 1.0);
            case "logistic" -> LinearHeads.logistic(px, py, classes, lambda >= 0 ? lambda : 0.0005, o.epochs(),
                    LinearHeads.scaled(LinearHeads.ridge(px, py, classes, 0.05), 10));
            case "proto" -> LinearHeads.prototypes(px, py, classes);
            default -> throw new InvalidInputException("unknown classifier head '" + o.head() + "'", "use lda, logistic, ridge or proto");
        };
    }

    private static float[] mean(List<float[]> raw, int[] y) {
        float[] m = new float[raw.get(0).length];
        int count = 0;
        for (int i = 0; i < raw.size(); i++) {
            if (y[i] < 0) continue;
            float[] r = raw.get(i);
            for (int j = 0; j < m.length; j++) m[j] += r[j];
            count++;
        }
        for (int j = 0; j < m.length; j++) m[j] /= Math.max(count, 1);
        return m;
    }

    /** The mean margin of the best logit over the average one: the scale the lexical weight is relative to. */
    private static double spread(double[][] logits) {
        double sum = 0;
        int count = 0;
        for (double[] l : logits) {
            if (l == null) continue;
            double max = Double.NEGATIVE_INFINITY, mean = 0;
            int present = 0;
            for (double v : l) {
                if (v <= SharedCovariance.ABSENT / 2) continue;
                max = Math.max(max, v);
                mean += v;
                present++;
            }
            if (present == 0) continue;
            sum += max - mean / present;
            count++;
        }
        return count == 0 || sum <= 0 ? 1 : sum / count;
    }

    private static double[][] combine(double[][] head, double[][] lex, double weight) {
        double[][] out = new double[head.length][];
        for (int i = 0; i < head.length; i++) {
            if (head[i] == null) continue;
            out[i] = head[i].clone();
            if (weight > 0) for (int c = 0; c < out[i].length; c++) out[i][c] += weight * lex[i][c];
        }
        return out;
    }

    private static double[][] compact(double[][] logits, int[] y) {
        return java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] != -2).mapToObj(i -> logits[i]).toArray(double[][]::new);
    }

    private static int[] compactLabels(int[] y) {
        return java.util.Arrays.stream(y).filter(v -> v != -2).toArray();
    }

    private static int[] range(int k) {
        int[] r = new int[k];
        for (int i = 0; i < k; i++) r[i] = i;
        return r;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) m = Math.max(m, d);
        return m;
    }
}
