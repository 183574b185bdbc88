package clay.intelligence.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SharedCovarianceTest {
    private static float[][] points(int n, int d, int classes, int[] y, Random r) {
        float[][] centres = new float[classes][d];
        for (float[] c : centres) for (int j = 0; j < d; j++) c[j] = (float) r.nextGaussian();
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) x[i][j] = centres[y[i]][j] + (float) (0.8 * r.nextGaussian());
        }
        return x;
    }

    @Test
    void leavingAFoldOutEqualsFittingWithoutIt() {
        Random r = new Random(3);
        int n = 300, d = 12, classes = 5, folds = 3;
        int[] y = new int[n];
        float[][] x = points(n, d, classes, y, r);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) fold[i] = r.nextInt(folds);
        float[][] fromTotals = SharedCovariance.of(x, y, fold, folds, classes).weights(1, 0.1);

        int[] onlyOthers = y.clone();
        for (int i = 0; i < n; i++) if (fold[i] == 1) onlyOthers[i] = -1; // unlabelled rows are not counted
        float[][] direct = SharedCovariance.of(x, onlyOthers, new int[n], 1, classes).weights(-1, 0.1);
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j <= d; j++) assertThat(fromTotals[c][j]).isCloseTo(direct[c][j], org.assertj.core.data.Offset.offset(1e-3f));
        }
    }

    @Test
    void separatesGaussianClassesAndNeverPicksAClassWithoutData() {
        Random r = new Random(5);
        int n = 400, d = 8, classes = 4;
        int[] y = new int[n];
        float[][] x = points(n, d, classes, y, r);
        for (int i = 0; i < n; i++) if (y[i] == 3) y[i] = -1; // class 3 has no labelled example
        float[][] w = SharedCovariance.of(x, y, new int[n], 1, classes).weights(-1, 0.05);
        int right = 0, labelled = 0;
        for (int i = 0; i < n; i++) {
            double[] s = IntentClassifier.scores(w, x[i]);
            int arg = 0;
            for (int c = 1; c < classes; c++) if (s[c] > s[arg]) arg = c;
            assertThat(arg).isNotEqualTo(3);
            if (y[i] >= 0) {
                labelled++;
                if (arg == y[i]) right++;
            }
        }
        assertThat((double) right / labelled).isGreaterThan(0.95);
    }
}
