package clay.intelligence.intent;

/**
 * Linear discriminant analysis with one covariance matrix shared by all classes (shrunk towards a scaled identity),
 * fitted in closed form from sufficient statistics. The statistics are kept per fold, so the model that leaves one
 * fold out is the totals minus that fold: cross-validation costs one pass over the data plus one small solve per
 * fold, not one fit per fold. Class {@code c} scores {@code x·Σ⁻¹μ_c − ½ μ_cᵀΣ⁻¹μ_c} (equal priors); weights come
 * back as {@code [class][dim+1]} with the bias last, like {@link LinearHeads}. All arrays are contiguous
 * {@code double[]} with the inner loops over one row.
 */
final class SharedCovariance {
    /** The bias of a class that has no example in the data a model was fitted on: it never wins. */
    static final float ABSENT = -1e4f;

    private final int d;
    private final int classes;
    private final double[][] gram; // [fold][d*d], upper triangle filled
    private final double[][] sums; // [fold][class*d]
    private final int[][] counts; // [fold][class]

    private SharedCovariance(int d, int classes, int folds) {
        this.d = d;
        this.classes = classes;
        this.gram = new double[folds][d * d];
        this.sums = new double[folds][classes * d];
        this.counts = new int[folds][classes];
    }

    /**
     * Accumulates {@code x} (rows with label {@code y[i] >= 0} only) into the statistics of fold {@code fold[i]}.
     */
    static SharedCovariance of(float[][] x, int[] y, int[] fold, int folds, int classes) {
        int d = x[0].length;
        SharedCovariance s = new SharedCovariance(d, classes, folds);
        double[] row = new double[d];
        for (int i = 0; i < x.length; i++) {
            if (y[i] < 0) continue;
            int f = fold[i];
            float[] xi = x[i];
            for (int j = 0; j < d; j++) row[j] = xi[j];
            double[] g = s.gram[f], sum = s.sums[f];
            int base = y[i] * d;
            for (int j = 0; j < d; j++) {
                double rj = row[j];
                sum[base + j] += rj;
                int off = j * d;
                for (int k = j; k < d; k++) g[off + k] += rj * row[k];
            }
            s.counts[f][y[i]]++;
        }
        return s;
    }

    int folds() {
        return counts.length;
    }

    /**
     * The discriminant weights fitted on every fold except {@code leaveOut} (-1: all folds), with the pooled
     * within-class covariance shrunk by {@code shrinkage} (0..1) towards {@code trace/d · I}.
     */
    float[][] weights(int leaveOut, double shrinkage) {
        double[] g = new double[d * d];
        double[] sum = new double[classes * d];
        int[] n = new int[classes];
        for (int f = 0; f < counts.length; f++) {
            if (f == leaveOut) continue;
            add(g, gram[f]);
            add(sum, sums[f]);
            for (int c = 0; c < classes; c++) n[c] += counts[f][c];
        }
        int total = 0, present = 0;
        for (int c = 0; c < classes; c++) {
            total += n[c];
            if (n[c] > 0) present++;
        }
        // within-class scatter = Σ xxᵀ − Σ_c n_c μ_c μ_cᵀ (upper triangle), then the pooled covariance
        double[] mu = new double[classes * d];
        for (int c = 0; c < classes; c++) {
            if (n[c] == 0) continue;
            int base = c * d;
            for (int j = 0; j < d; j++) mu[base + j] = sum[base + j] / n[c];
            for (int j = 0; j < d; j++) {
                double sj = sum[base + j];
                int off = j * d;
                for (int k = j; k < d; k++) g[off + k] -= sj * mu[base + k];
            }
        }
        double denom = Math.max(1, total - present);
        double trace = 0;
        for (int j = 0; j < d; j++) trace += g[j * d + j] / denom;
        double ridge = shrinkage * trace / d + 1e-9;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                double v = (1 - shrinkage) * g[j * d + k] / denom + (j == k ? ridge : 0);
                g[j * d + k] = v;
                g[k * d + j] = v;
            }
        }
        double[] l = cholesky(g, d);
        float[][] w = new float[classes][d + 1];
        double[] col = new double[d];
        for (int c = 0; c < classes; c++) {
            if (n[c] == 0) {
                w[c][d] = ABSENT;
                continue;
            }
            System.arraycopy(mu, c * d, col, 0, d);
            double[] sol = solve(l, d, col);
            double bias = 0;
            for (int j = 0; j < d; j++) {
                w[c][j] = (float) sol[j];
                bias += sol[j] * col[j];
            }
            w[c][d] = (float) (-0.5 * bias);
        }
        return w;
    }

    private static void add(double[] into, double[] a) {
        for (int i = 0; i < a.length; i++) into[i] += a[i];
    }

    /** Lower-triangular L (row-major, n×n) with L Lᵀ = a. */
    private static double[] cholesky(double[] a, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            for (int j = 0; j <= i; j++) {
                int oj = j * n;
                double s = a[oi + j];
                for (int k = 0; k < j; k++) s -= l[oi + k] * l[oj + k];
                if (i == j) l[oi + i] = Math.sqrt(Math.max(s, 1e-12));
                else l[oi + j] = s / l[oj + j];
            }
        }
        return l;
    }

    private static double[] solve(double[] l, int n, double[] b) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            int oi = i * n;
            for (int k = 0; k < i; k++) s -= l[oi + k] * z[k];
            z[i] = s / l[oi + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
            x[i] = s / l[i * n + i];
        }
        return x;
    }
}
