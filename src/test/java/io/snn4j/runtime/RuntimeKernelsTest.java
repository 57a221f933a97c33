package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RuntimeKernels}, run on the scalar and the vector implementation: a hand-computed tick, and
 * the two implementations bit-identical (raw float bits) on random states of every size around the vector length,
 * with one and two synapse types, with and without bias, refractory neurons, and states small enough to flush.
 */
class RuntimeKernelsTest {
    static Population lif(double tauMem, double tauSyn0, double tauSyn1, double threshold, int refractory,
                          double bias, int size) {
        return new Population("p", 1, 1, size, tauMem, tauSyn0, tauSyn1, threshold, false, refractory, bias, null,
                null);
    }

    @Test
    void oneTickIsTheCanonicalFloatUpdate() {
        for (RuntimeKernels k : RuntimeEquivalenceTest.kernels()) {
            // tau_mem 2, tau_syn 4: v = 1 * 0.5 + (2 * 0.75 + 1) * 0.25 = 1.125, e0 = 2.5 (all exact in float)
            Population p = lif(2, 4, 0, 10, 2, 0, 1);
            float[] v = {1f};
            float[] e0 = {2f};
            float[] r0 = {1f};
            float[] left = {0f};
            int[] out = new int[1];
            int r = k.updateLif(p, v, e0, null, r0, null, left, 1, out);
            assertEquals(1.125f, v[0], k.name());
            assertEquals(2.5f, e0[0]);
            assertEquals(0f, r0[0]);
            assertEquals(1, r, "no spike, busy");
            // threshold 1: v 1.125 > 1 - 1e-6 spikes, is reset and held for 2 ticks
            Population q = lif(2, 4, 0, 1, 2, 0, 1);
            v[0] = 1f;
            e0[0] = 2f;
            r0[0] = 1f;
            r = k.updateLif(q, v, e0, null, r0, null, left, 1, out);
            assertEquals(3, r, "one spike, busy");
            assertEquals(0, out[0]);
            assertEquals(0f, v[0]);
            assertEquals(2f, left[0]);
            r0[0] = 100f;
            k.updateLif(q, v, e0, null, r0, null, left, 2, out);
            assertEquals(0f, v[0], "refractory");
            assertEquals(1f, left[0]);
        }
    }

    @Test
    void restingStatesBelowTheFlushLevelBecomeExactlyZero() {
        for (RuntimeKernels k : RuntimeEquivalenceTest.kernels()) {
            Population p = lif(2, 4, 0, 10, 0, 0, 3);
            float[] v = {1e-13f, 1e-13f, 1f};
            float[] e0 = {1e-13f, 1e-3f, 0f};
            float[] r0 = new float[3];
            float[] left = new float[3];
            k.updateLif(p, v, e0, null, r0, null, left, 5, new int[3]);
            assertEquals(0f, v[0], k.name());
            assertEquals(0f, e0[0]);
            assertTrue(v[1] != 0f && e0[1] != 0f, "a current above the flush level keeps the neuron busy");
            assertEquals(0.5f, v[2]);
            int r = k.updateLif(p, new float[3], new float[3], null, new float[3], null, left, 6, new int[3]);
            assertEquals(0, r, "all at rest: no spike, not busy");
        }
    }

    @Test
    void rowsAreAddedOneAfterTheOtherInTheirOrder() {
        // float addition is not associative: ((1 + 1e8) - 1e8) = 0 in float, 1 + (1e8 - 1e8) = 1; rows 2, 0, 1 of a
        // [pre][post] matrix, then 7 more rows so that every group size of the vector loops is met
        for (RuntimeKernels k : RuntimeEquivalenceTest.kernels()) {
            for (int n : new int[] {3, 16, 37, 800}) {
                float[] w = new float[3 * n];
                for (int i = 0; i < n; i++) {
                    w[i] = -1e8f;
                    w[n + i] = 0.5f;
                    w[2 * n + i] = 1e8f;
                }
                float[] acc = new float[n];
                Arrays.fill(acc, 1f);
                int[] rows = {2, 0, 1, 1, 1, 1, 1, 1, 1, 1};
                k.addRows(acc, w, rows, 2, n);
                float[] expected = new float[n];
                assertArrayEquals(expected, acc, k.name() + ", size " + n + ": (1 + 1e8) - 1e8");
                Arrays.fill(acc, 1f);
                k.addRows(acc, w, rows, 10, n);
                Arrays.fill(expected, 4f);
                assertArrayEquals(expected, acc, k.name() + ", size " + n + ": then eight halves");
                k.addRows(acc, w, rows, 0, n);
                assertArrayEquals(expected, acc, "no rows");
            }
        }
    }

    @Test
    void vectorAndScalarKernelsAreBitIdentical() {
        RuntimeKernels vector = RuntimeKernels.vector().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(vector != null, "jdk.incubator.vector is not present");
        RuntimeKernels scalar = RuntimeKernels.scalar();
        SplittableRandom rng = new SplittableRandom(11);
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        int spikes = 0;
        for (int n : new int[] {0, 1, lanes - 1, lanes, lanes + 1, 2 * lanes + 3, 37, 800}) {
            for (int trial = 0; trial < 40; trial++) {
                boolean two = rng.nextBoolean();
                double bias = rng.nextInt(3) == 0 ? rng.nextDouble() * 0.1 : 0;
                Population p = lif(1 + rng.nextDouble() * 60, 1 + rng.nextDouble() * 10,
                        two ? 1 + rng.nextDouble() * 10 : 0, 0.2 + rng.nextDouble(), rng.nextInt(4), bias, n);
                float[][] a = new float[6][n];
                for (float[] x : a) {
                    for (int i = 0; i < n; i++) {
                        double scale = rng.nextInt(8) == 0 ? 1e-13 : 1;
                        x[i] = (float) ((rng.nextDouble() * 2 - 0.5) * scale);
                    }
                }
                for (int i = 0; i < n; i++) {
                    a[5][i] = rng.nextInt(4) == 0 ? rng.nextInt(3) : 0;
                }
                float[][] b = new float[6][];
                for (int j = 0; j < 6; j++) {
                    b[j] = a[j].clone();
                }
                int[] outA = new int[n];
                int[] outB = new int[n];
                int t = 1 + rng.nextInt(100);
                int ra = scalar.updateLif(p, a[0], a[1], two ? a[2] : null, a[3], two ? a[4] : null, a[5], t, outA);
                int rb = vector.updateLif(p, b[0], b[1], two ? b[2] : null, b[3], two ? b[4] : null, b[5], t, outB);
                assertEquals(ra, rb, "size " + n + " trial " + trial);
                for (int j = 0; j < 6; j++) {
                    assertArrayEquals(bits(a[j]), bits(b[j]), "array " + j + ", size " + n + " trial " + trial);
                }
                assertArrayEquals(Arrays.copyOf(outA, ra >>> 1), Arrays.copyOf(outB, rb >>> 1));
                spikes += ra >>> 1;
                // the delivery loops
                float[] w = a[1];
                float[] accA = a[0].clone();
                float[] accB = a[0].clone();
                scalar.addRow(accA, w, 0, n);
                vector.addRow(accB, w, 0, n);
                int from = n == 0 ? 0 : rng.nextInt(n);
                scalar.addConstant(accA, from, n, -0.3f);
                vector.addConstant(accB, from, n, -0.3f);
                assertArrayEquals(bits(accA), bits(accB));
                // several rows of a [pre][post] matrix at once (every remainder of the groups of rows, repeated rows)
                int pre = 5;
                float[] matrix = new float[pre * n];
                for (int k = 0; k < matrix.length; k++) {
                    matrix[k] = (float) (rng.nextDouble() * 2 - 1);
                }
                int count = trial % 10;
                int[] rows = new int[count + 1];
                for (int k = 0; k < count; k++) {
                    rows[k] = rng.nextInt(pre);
                }
                rows[count] = -1;
                scalar.addRows(accA, matrix, rows, count, n);
                vector.addRows(accB, matrix, rows, count, n);
                assertArrayEquals(bits(accA), bits(accB), count + " rows, size " + n);
            }
        }
        assertTrue(spikes > 1000, "the random states should spike, had " + spikes);
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }
}
