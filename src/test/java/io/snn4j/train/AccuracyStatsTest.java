package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccuracyStatsTest {
    /** The Wilson score interval written out: (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n). */
    private static double[] wilson(int k, int n) {
        double z = 1.959963984540054; // the 97.5 % quantile of the standard normal
        double p = (double) k / n;
        double d = 1 + z * z / n;
        double c = p + z * z / (2.0 * n);
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new double[] {(c - h) / d, (c + h) / d};
    }

    @Test
    void theIntervalIsWilsonsScoreInterval() {
        for (int[] kn : new int[][] {{86, 100}, {862, 1000}, {0, 10}, {10, 10}, {1, 3}}) {
            double[] expected = wilson(kn[0], kn[1]);
            double[] got = AccuracyStats.wilson95(kn[0], kn[1]);
            assertEquals(Math.max(0, expected[0]), got[0], 1e-9, kn[0] + "/" + kn[1]);
            assertEquals(Math.min(1, expected[1]), got[1], 1e-9, kn[0] + "/" + kn[1]);
        }
        // 86 of 100: about 77.9 % .. 91.5 %
        double[] ci = AccuracyStats.wilson95(86, 100);
        assertEquals(0.7786, ci[0], 1e-4);
        assertEquals(0.9148, ci[1], 1e-4);
        assertThrows(IllegalArgumentException.class, () -> AccuracyStats.wilson95(5, 4));
    }

    @Test
    void perClassAccuracyIsTheDiagonalOverTheRow() {
        double[] a = AccuracyStats.perClass(new int[][] {{3, 1, 0}, {0, 0, 0}, {2, 2, 4}});
        assertEquals(0.75, a[0], 0);
        assertTrue(Double.isNaN(a[1]));
        assertEquals(0.5, a[2], 0);
    }
}
