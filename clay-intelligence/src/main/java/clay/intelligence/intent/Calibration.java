package clay.intelligence.intent;

import java.util.Arrays;

/** Temperature scaling and rejection-threshold search for the {@link IntentClassifier}, on held-out logits. */
final class Calibration {
    private Calibration() {}

    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) max = Math.max(max, l);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) sum += p[i] = Math.exp((logits[i] - max) / temperature);
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /**
     * The temperature that minimizes the negative log-likelihood of the true in-scope labels: the likelihood is convex
     * in 1/T, so a golden-section search over log T (e^-6 .. e^9) finds it in a few dozen passes.
     */
    static double temperature(double[][] logits, int[] y, int oosIndex) {
        double lo = -6, hi = 9, g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
        double fa = nll(logits, y, Math.exp(a)), fb = nll(logits, y, Math.exp(b));
        for (int it = 0; it < 40; it++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(logits, y, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(logits, y, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Top-1 accuracy over the in-scope examples, ignoring any out-of-scope class. */
    static double accuracy(double[][] logits, int[] y, int oosIndex) {
        int n = 0, ok = 0;
        for (int i = 0; i < logits.length; i++) {
            if (y[i] < 0 || y[i] == oosIndex || logits[i] == null) continue;
            int arg = -1;
            for (int c = 0; c < logits[i].length; c++) if (c != oosIndex && (arg < 0 || logits[i][c] > logits[i][arg])) arg = c;
            n++;
            if (arg == y[i]) ok++;
        }
        return n == 0 ? 0 : (double) ok / n;
    }

    static double nll(double[][] logits, int[] y, double t) {
        double nll = 0;
        for (int i = 0; i < logits.length; i++) {
            if (y[i] < 0 || logits[i][y[i]] <= SharedCovariance.ABSENT / 2) continue; // a class its model never saw
            double[] l = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : l) max = Math.max(max, v);
            double sum = 0;
            for (double v : l) sum += Math.exp((v - max) / t);
            nll += Math.log(sum) - (l[y[i]] - max) / t;
        }
        return nll;
    }

    /**
     * The threshold on the best in-scope probability that maximizes in-scope accuracy (a rejected in-scope example
     * counts as wrong) plus {@code oosWeight} times out-of-scope recall, preferring thresholds whose recall reaches
     * {@code minOosRecall}. Without out-of-scope examples it only keeps
     * the in-scope accuracy from falling and returns a low threshold.
     */
    static double threshold(double[][] logits, int[] y, int oosIndex, double temperature, double oosWeight,
            double minOosRecall) {
        int n = logits.length;
        double[] conf = new double[n];
        boolean[] right = new boolean[n];
        boolean[] oos = new boolean[n];
        int nIn = 0, nOos = 0;
        for (int i = 0; i < n; i++) {
            double[] p = softmax(logits[i], temperature);
            int arg = -1;
            for (int c = 0; c < p.length; c++) if (c != oosIndex && (arg < 0 || p[c] > p[arg])) arg = c;
            conf[i] = p[arg];
            oos[i] = y[i] == oosIndex && oosIndex >= 0 || y[i] < 0;
            right[i] = !oos[i] && arg == y[i];
            if (oos[i]) nOos++; else nIn++;
        }
        if (nOos == 0) return 0.05;
        // sweep the threshold upwards through the sorted confidences: each step rejects one more utterance
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(conf[p], conf[q]));
        int ok = 0;
        for (int i = 0; i < n; i++) if (right[i]) ok++;
        int caught = 0;
        double best = 0, bestScore = Double.NEGATIVE_INFINITY;
        boolean bestReaches = false;
        for (int k = -1; k < n; k++) {
            if (k >= 0) {
                int i = order[k];
                if (oos[i]) caught++;
                if (right[i]) ok--;
                if (k + 1 < n && conf[order[k + 1]] == conf[i]) continue; // ties are rejected together
            }
            double t = k < 0 ? 0 : (k + 1 < n ? (conf[order[k]] + conf[order[k + 1]]) / 2 : conf[order[k]] + 1e-9);
            double recall = (double) caught / nOos;
            double score = (double) ok / Math.max(nIn, 1) + oosWeight * recall;
            boolean reaches = recall >= minOosRecall;
            if (reaches && !bestReaches || reaches == bestReaches && score > bestScore + 1e-12) {
                bestScore = score;
                best = t;
                bestReaches = reaches;
            }
        }
        return best;
    }

    /** In-scope accuracy (rejections count as wrong) and out-of-scope recall at temperature t and threshold th. */
    static double[] evaluate(double[][] logits, int[] y, int oosIndex, double t, double th) {
        int nIn = 0, ok = 0, nOos = 0, caught = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] p = softmax(logits[i], t);
            int arg = -1;
            for (int c = 0; c < p.length; c++) if (c != oosIndex && (arg < 0 || p[c] > p[arg])) arg = c;
            boolean oos = y[i] < 0 || y[i] == oosIndex;
            boolean reject = p[arg] < th;
            if (oos) {
                nOos++;
                if (reject) caught++;
            } else {
                nIn++;
                if (!reject && arg == y[i]) ok++;
            }
        }
        return new double[] {nIn == 0 ? 0 : (double) ok / nIn, nOos == 0 ? 0 : (double) caught / nOos};
    }
}
