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

    /** The temperature (log-spaced grid) that minimizes the negative log-likelihood of the true labels. */
    static double temperature(double[][] logits, int[] y, int oosIndex) {
        double best = 1, bestNll = Double.POSITIVE_INFINITY;
        for (double lt = -3; lt <= 3; lt += 0.05) {
            double t = Math.exp(lt), nll = 0;
            for (int i = 0; i < logits.length; i++) {
                if (y[i] < 0) continue;
                nll -= Math.log(Math.max(softmax(logits[i], t)[y[i]], 1e-12));
            }
            if (nll < bestNll) {
                bestNll = nll;
                best = t;
            }
        }
        return best;
    }

    /** Top-1 accuracy over the in-scope examples, ignoring any out-of-scope class. */
    static double accuracy(double[][] logits, int[] y, int oosIndex) {
        int n = 0, ok = 0;
        for (int i = 0; i < logits.length; i++) {
            if (y[i] < 0 || y[i] == oosIndex) continue;
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
            if (y[i] < 0) continue;
            nll -= Math.log(Math.max(softmax(logits[i], t)[y[i]], 1e-12));
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
        double[] cands = conf.clone();
        Arrays.sort(cands);
        double best = 0.3, bestScore = Double.NEGATIVE_INFINITY;
        boolean bestReaches = false;
        for (int k = -1; k < cands.length; k++) {
            double t = k < 0 ? 0 : (k + 1 < cands.length ? (cands[k] + cands[k + 1]) / 2 : cands[k] + 1e-9);
            int ok = 0, caught = 0;
            for (int i = 0; i < n; i++) {
                boolean reject = conf[i] < t;
                if (oos[i] && reject) caught++;
                if (!oos[i] && !reject && right[i]) ok++;
            }
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
