package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Micro level of one dense layer: S-PSPs, gradient formula and the delta recursion (hm2bp-spec 4, 10.2). */
class DenseBackwardTest {
    private static final int T = 200;
    private final Spsp spsp = new Spsp(64, 8, 2, T);

    /** Trains for n neurons; neuron {@code silentEvery}-th ones stay silent. */
    private static SpikeTrains trains(SplittableRandom rng, int n, double p, int gap, int silentEvery) {
        int[][] t = new int[n][];
        for (int i = 0; i < n; i++) {
            t[i] = i % silentEvery == silentEvery - 1 ? new int[0] : SpspTest.randomTrain(rng, T, p, gap);
        }
        SpikeTrains s = new SpikeTrains(n);
        s.set(t);
        return s;
    }

    private static int[] train(SpikeTrains s, int g) {
        int[] a = new int[s.count[g]];
        System.arraycopy(s.times, s.start[g], a, 0, a.length);
        return a;
    }

    @Test
    void effectsEqualThePairwiseOracleWithTheZeroRules() {
        SplittableRandom rng = new SplittableRandom(3);
        int nIn = 7;
        int nOut = 9;
        SpikeTrains pre = trains(rng, nIn, 0.1, 1, 4);
        SpikeTrains post = trains(rng, nOut, 0.05, 3, 3);
        DenseBackward b = new DenseBackward(nIn, nOut, spsp);
        b.effects(pre, 0, post, 0);
        int silentPre = 0;
        for (int j = 0; j < nIn; j++) {
            if (pre.count[j] == 0) { // e = 0 by the zero rule; its row is neither written nor read
                silentPre++;
                continue;
            }
            for (int i = 0; i < nOut; i++) {
                int[] po = train(post, i);
                int[] pr = train(pre, j);
                double expected = spsp.pairwise(po, po.length, pr, pr.length);
                assertEquals(expected, b.e[j * nOut + i], 1e-5 * Math.max(1, expected), "e(" + i + "|" + j + ")");
            }
        }
        assertEquals(1, silentPre, "silent pre neurons met (every fourth of seven)");
    }

    @Test
    void gradientIsDeltaTimesEffectTimesOnePlusSideTimesLateral() {
        gradientAgainstTheOracle(false);
    }

    /** With sparse rows the silent pre neurons' rows keep what they held; every other entry is the same. */
    @Test
    void sparseRowsLeaveTheRowsOfSilentPreNeuronsAlone() {
        gradientAgainstTheOracle(true);
    }

    private void gradientAgainstTheOracle(boolean sparse) {
        SplittableRandom rng = new SplittableRandom(4);
        int nIn = 6;
        int nOut = 5;
        SpikeTrains pre = trains(rng, nIn, 0.1, 1, 5);
        SpikeTrains post = trains(rng, nOut, 0.05, 3, 3);
        float[] w = new float[nIn * nOut];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (rng.nextDouble() * 2 - 1);
        }
        double[] delta = {0.5, -1.25, 0, 2, -0.75};
        double[] lateral = {1.1, 0.9, 1, 1.3, 1.05};
        double nu = 8;
        DenseBackward b = new DenseBackward(nIn, nOut, spsp);
        b.sparseRows(sparse);
        // stale values everywhere: a row that is read without being written first turns the result into NaN
        java.util.Arrays.fill(b.e, Float.NaN);
        float[] grad = new float[nIn * nOut];
        java.util.Arrays.fill(grad, Float.NaN);
        b.gradients(pre, 0, post, 0, w, delta, lateral, nu, grad, false, null, 1, true);
        int silentPre = 0;
        for (int i = 0; i < nOut; i++) {
            int o = post.count[i];
            double side = 0;
            for (int l = 0; l < nIn; l++) {
                int[] po = train(post, i);
                int[] pr = train(pre, l);
                double rho = o > 0 ? spsp.pairwise(po, o, pr, pr.length) / o : 0.5;
                side += w[l * nOut + i] * rho;
            }
            side /= nu;
            for (int j = 0; j < nIn; j++) {
                int[] po = train(post, i);
                int[] pr = train(pre, j);
                double e = spsp.pairwise(po, o, pr, pr.length);
                double expected = delta[i] * e * (1 + side) * lateral[i];
                if (sparse && pr.length == 0) {
                    assertTrue(Float.isNaN(grad[j * nOut + i]), "silent pre row " + j + " was written");
                    silentPre++;
                } else {
                    assertEquals(expected, grad[j * nOut + i], 1e-5 * Math.max(1, Math.abs(expected)));
                }
            }
        }
        assertEquals(sparse ? nOut : 0, silentPre, "silent pre neurons met (one of six)");
    }

    /**
     * Smooth surrogate (spec 10.2): with frozen trains, o_i := (1/nu_out) sum_j w_ij e_{i|j} and e_{i|j} = rho'_ij o_j,
     * E = 1/2 sum (o - y)^2 outside the dead zone. The delta handed down times nu_in must equal dE/do_j by finite
     * differences.
     */
    @Test
    void deltaRecursionMatchesFiniteDifferencesOfTheSmoothSurrogate() {
        SplittableRandom rng = new SplittableRandom(5);
        int nIn = 8;
        int nOut = 4;
        double nuOut = 8;
        double nuIn = 20;
        SpikeTrains pre = trains(rng, nIn, 0.12, 3, 5);
        SpikeTrains post = trains(rng, nOut, 0.06, 3, 4);
        float[] w = new float[nIn * nOut];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) (rng.nextDouble() * 4 - 1);
        }
        DenseBackward b = new DenseBackward(nIn, nOut, spsp);
        b.effects(pre, 0, post, 0);
        double[] rho = new double[nIn * nOut];
        double[] oIn = new double[nIn];
        for (int j = 0; j < nIn; j++) {
            oIn[j] = pre.count[j];
            for (int i = 0; i < nOut; i++) {
                boolean ratio = pre.count[j] > 0 && post.count[i] > 0;
                rho[j * nOut + i] = ratio ? b.e[j * nOut + i] / pre.count[j] : 1;
            }
        }
        double[] y = {35, 5, 5, 5};
        double[] o = surrogate(w, rho, oIn, nIn, nOut, nuOut);
        double[] delta = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            delta[i] = (o[i] - y[i]) / nuOut;
        }
        double[] deltaIn = new double[nIn];
        b.gradients(pre, 0, post, 0, w, delta, null, nuOut, new float[nIn * nOut], false, deltaIn, nuIn, true);
        double h = 1e-4;
        for (int j = 0; j < nIn; j++) {
            double[] up = oIn.clone();
            double[] down = oIn.clone();
            up[j] += h;
            down[j] -= h;
            double fd = (energy(surrogate(w, rho, up, nIn, nOut, nuOut), y)
                    - energy(surrogate(w, rho, down, nIn, nOut, nuOut), y)) / (2 * h);
            assertEquals(fd, deltaIn[j] * nuIn, 1e-3 * Math.max(1, Math.abs(fd)), "pre neuron " + j);
        }
    }

    private static double[] surrogate(float[] w, double[] rho, double[] oIn, int nIn, int nOut, double nu) {
        double[] o = new double[nOut];
        for (int j = 0; j < nIn; j++) {
            for (int i = 0; i < nOut; i++) {
                o[i] += w[j * nOut + i] * rho[j * nOut + i] * oIn[j] / nu;
            }
        }
        return o;
    }

    private static double energy(double[] o, double[] y) {
        double e = 0;
        for (int i = 0; i < o.length; i++) {
            e += 0.5 * (o[i] - y[i]) * (o[i] - y[i]);
        }
        return e;
    }
}
