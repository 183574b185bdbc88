package clay.intelligence.intent;

/**
 * Trains the linear scoring heads of the {@link IntentClassifier} on normalized sentence embeddings: a closed-form
 * ridge (least squares to one-hot targets, one Cholesky solve) and a multinomial logistic regression (full-batch
 * Adam, warm-started from the ridge solution). Plain arrays, no dependencies; weights are {@code [class][dim+1]} with
 * the bias last.
 */
final class LinearHeads {
    private LinearHeads() {}

    /** Ridge: W = (XᵀX + λI)⁻¹ XᵀY, bias unpenalized via an appended constant feature. */
    static float[][] ridge(float[][] x, int[] y, int classes, double lambda) {
        int n = x.length, d = x[0].length + 1;
        double[][] a = new double[d][d];
        double[][] b = new double[d][classes];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d - 1; j++) row[j] = x[i][j];
            row[d - 1] = 1;
            for (int j = 0; j < d; j++) {
                double rj = row[j];
                if (rj == 0) continue;
                double[] aj = a[j];
                for (int k = j; k < d; k++) aj[k] += rj * row[k];
                b[j][y[i]] += rj;
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < j; k++) a[j][k] = a[k][j];
            a[j][j] += j == d - 1 ? 1e-6 : lambda;
        }
        double[][] l = cholesky(a);
        float[][] w = new float[classes][d];
        double[] col = new double[d];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) col[j] = b[j][c];
            double[] sol = solve(l, col);
            for (int j = 0; j < d; j++) w[c][j] = (float) sol[j];
        }
        return w;
    }

    /** Softmax regression with L2 penalty {@code lambda} (on weights, not biases), starting from {@code init}. */
    static float[][] logistic(float[][] x, int[] y, int classes, double lambda, int epochs, float[][] init) {
        int n = x.length, d = x[0].length + 1;
        float[][] w = new float[classes][];
        for (int c = 0; c < classes; c++) w[c] = init == null ? new float[d] : init[c].clone();
        float[][] m = new float[classes][d], v = new float[classes][d], g = new float[classes][d];
        double[] p = new double[classes];
        double lr = 0.05, b1 = 0.9, b2 = 0.999;
        for (int t = 1; t <= epochs; t++) {
            for (float[] gc : g) java.util.Arrays.fill(gc, 0);
            for (int i = 0; i < n; i++) {
                float[] xi = x[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    p[c] = dot(w[c], xi);
                    max = Math.max(max, p[c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) sum += p[c] = Math.exp(p[c] - max);
                for (int c = 0; c < classes; c++) {
                    float err = (float) ((p[c] / sum - (y[i] == c ? 1 : 0)) / n);
                    if (Math.abs(err) < 1e-7f) continue;
                    float[] gc = g[c];
                    for (int j = 0; j < d - 1; j++) gc[j] += err * xi[j];
                    gc[d - 1] += err;
                }
            }
            double c1 = 1 - Math.pow(b1, t), c2 = 1 - Math.pow(b2, t);
            for (int c = 0; c < classes; c++) {
                float[] wc = w[c], gc = g[c], mc = m[c], vc = v[c];
                for (int j = 0; j < d; j++) {
                    double gj = gc[j] + (j < d - 1 ? lambda * wc[j] : 0);
                    mc[j] = (float) (b1 * mc[j] + (1 - b1) * gj);
                    vc[j] = (float) (b2 * vc[j] + (1 - b2) * gj * gj);
                    wc[j] -= (float) (lr * (mc[j] / c1) / (Math.sqrt(vc[j] / c2) + 1e-8));
                }
            }
        }
        return w;
    }

    /** w·x + bias, where w has one more entry (the bias) than x. */
    static double dot(float[] w, float[] x) {
        double s = 0;
        int n = x.length;
        for (int j = 0; j < n; j++) s += w[j] * x[j];
        return s + w[n];
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i], lj = l[j];
                for (int k = 0; k < j; k++) s -= li[k] * lj[k];
                if (i == j) l[i][i] = Math.sqrt(Math.max(s, 1e-12));
                else l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    private static double[] solve(double[][] l, double[] b) {
        int n = b.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
