package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** S-PSP kernel and values against hm2bp-spec 2 (tau_m 64, tau_s 8, R 2). */
class SpspTest {
    private final Spsp spsp = new Spsp(64, 8, 2, 400);

    @Test
    void kernelStartsAtZeroWithSlopeOneOverTauSyn() {
        assertEquals(0.0, Spsp.eps0(0, 64, 8), 0.0);
        double h = 1e-6;
        assertEquals(1.0 / 8, Spsp.eps0(h, 64, 8) / h, 1e-5); // d/du eps0 at 0 = (1/tauS - 1/tauM)/(1 - tauS/tauM)
    }

    @Test
    void kernelPeaksAtNineteenWithValue0743() {
        int best = 0;
        for (int u = 1; u < 400; u++) {
            if (Spsp.eps0(u, 64, 8) > Spsp.eps0(best, 64, 8)) {
                best = u;
            }
        }
        assertEquals(19, best);
        assertEquals(0.74300, Spsp.eps0(19, 64, 8), 5e-6); // spec 1.1 / 10.2
    }

    @Test
    void twoArgumentKernelIsEps0AfterTheResetAndADecayedFreshPspBefore() {
        assertEquals(Spsp.eps0(18, 64, 8), spsp.epsilon(29, 18), 1e-15);
        assertEquals(Math.exp(-20.0 / 8) * Spsp.eps0(18, 64, 8), spsp.epsilon(18, 38), 1e-15);
    }

    @Test
    void specTableValues() {
        // spec 2.3 hand-checkable table
        check(new int[] {30, 50}, new int[] {10}, 0.803143);
        check(new int[] {30}, new int[] {10, 20, 29}, 1.330352);
        check(new int[] {}, new int[] {3}, 0.1);
        check(new int[] {5}, new int[] {}, 0.0);
        check(new int[] {300}, new int[] {10}, 0.0);
    }

    private void check(int[] post, int[] pre, double expected) {
        assertEquals(expected, spsp.pairwise(post, post.length, pre, pre.length), 1e-6, "pairwise");
        assertEquals(expected, spsp.table(post, post.length, pre, pre.length), 1e-6, "table");
    }

    @Test
    void windowUsesIntegerTruncationOfFourTauMem() {
        Spsp s = new Spsp(64.6, 8, 2, 400); // 4 tau = 258.4: t - 258.4 truncates to 41 for t = 300
        int[] post = {300};
        assertEquals(0.0, s.pairwise(post, 1, new int[] {40}, 1), 0.0);
        double at41 = s.pairwise(post, 1, new int[] {41}, 1);
        assertEquals(s.epsilon(299, 300 - 41 - 2), at41, 1e-15);
        assertEquals(at41, s.table(post, 1, new int[] {41}, 1), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void tableEqualsPairwiseOnRandomTrains(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int c = 0; c < 60; c++) {
            int[] post = randomTrain(rng, 400, rng.nextDouble() * 0.2, 3);
            int[] pre = randomTrain(rng, 400, rng.nextDouble() * 0.3, 1);
            double a = spsp.pairwise(post, post.length, pre, pre.length);
            double b = spsp.table(post, post.length, pre, pre.length);
            assertEquals(a, b, 1e-9, Arrays.toString(post) + " / " + Arrays.toString(pre));
        }
    }

    @Test
    void floatTableOfTheTrainerAgreesWithPairwise() {
        SplittableRandom rng = new SplittableRandom(9);
        int[] post = randomTrain(rng, 400, 0.08, 3);
        int[] pre = randomTrain(rng, 400, 0.15, 1);
        float[] k = new float[400];
        spsp.addColumn(post, 0, post.length, k, 1, 0);
        double e = 0;
        for (int q : pre) {
            e += k[q];
        }
        double expected = spsp.pairwise(post, post.length, pre, pre.length);
        assertEquals(expected, e, 1e-5 * Math.max(1, expected));
    }

    @Test
    void floatTableRowsEqualTheScalarLoopBitForBit() {
        SplittableRandom rng = new SplittableRandom(17);
        int cases = 0;
        for (int refractory : new int[] {0, 1, 2, 5}) {
            for (double tauMem : new double[] {64, 10.3, 3}) {
                for (int ticks : new int[] {400, 97}) {
                    Spsp s = new Spsp(tauMem, 8, refractory, ticks);
                    for (int c = 0; c < 40; c++) {
                        int[] post = randomTrain(rng, ticks, rng.nextDouble() * 0.2, refractory + 1);
                        float[] rows = new float[ticks + 5];
                        float[] loop = new float[ticks + 5];
                        for (int i = 0; i < rows.length; i++) { // a non-zero start: the rows add, not overwrite
                            rows[i] = loop[i] = (float) rng.nextDouble();
                        }
                        s.addColumn(post, 0, post.length, rows, 1, 2);
                        s.addColumnScalar(post, 0, post.length, loop, 1, 2);
                        assertArrayEquals(loop, rows, Arrays.toString(post));
                        cases++;
                    }
                }
            }
        }
        assertEquals(4 * 3 * 2 * 40, cases);
    }

    /** Ascending ticks in [1, T) with probability p each, at least {@code minGap} apart. */
    static int[] randomTrain(SplittableRandom rng, int ticks, double p, int minGap) {
        int[] t = new int[ticks];
        int n = 0;
        int last = -minGap;
        for (int x = 1; x < ticks; x++) {
            if (x - last >= minGap && rng.nextDouble() < p) {
                t[n++] = x;
                last = x;
            }
        }
        return Arrays.copyOf(t, n);
    }
}
