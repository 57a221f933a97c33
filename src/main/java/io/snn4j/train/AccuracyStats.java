package io.snn4j.train;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * What an accuracy measured on n samples says: its 95 % confidence interval (Wilson score interval, commons-math3)
 * and the accuracy of each class from a confusion matrix. Stateless.
 */
public final class AccuracyStats {
    private AccuracyStats() {
    }

    /**
     * The 95 % Wilson score interval of {@code correct} successes in {@code n} trials, as {lower, upper} in [0, 1].
     *
     * @throws IllegalArgumentException when n &lt; 1 or correct is not in [0, n]
     */
    public static double[] wilson95(int correct, int n) {
        if (n < 1 || correct < 0 || correct > n) {
            throw new IllegalArgumentException("accuracy interval: need 0 <= correct <= n and n >= 1, were " + correct
                    + " and " + n);
        }
        ConfidenceInterval ci = new WilsonScoreInterval().createInterval(n, correct, 0.95);
        return new double[] {Math.max(0, ci.getLowerBound()), Math.min(1, ci.getUpperBound())};
    }

    /**
     * Accuracy of each true class: the diagonal over the row sums of {@code confusion} [true][decided]; NaN for a
     * class without samples.
     */
    public static double[] perClass(int[][] confusion) {
        double[] a = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long row = 0;
            for (int v : confusion[c]) {
                row += v;
            }
            a[c] = row == 0 ? Double.NaN : (double) confusion[c][c] / row;
        }
        return a;
    }
}
