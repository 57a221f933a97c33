package io.snn4j.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Kernels} implementation must do, checked against plain loops written here (not against
 * {@link ScalarKernels}) and bit for bit, at sizes around the SIMD lane counts (tails included).
 */
abstract class KernelsContract {
    abstract Kernels kernels();

    @SuppressWarnings("unused")
    static int[] sizes() {
        return new int[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000};
    }

    private static float[] random(SplittableRandom rng, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() - 0.3) * scale);
        }
        return a;
    }

    /** Windows walking down (a convolution's rows) and up, signed zeros kept: x + -0f is x, bit for bit. */
    @ParameterizedTest
    @MethodSource("sizes")
    void windowsAddInOrderAndKeepSignedZeros(int n) {
        SplittableRandom rng = new SplittableRandom(17L * n + 3);
        int count = n % 6;
        int w = Kernels.WINDOW;
        for (int dstStep : new int[] {-(w + 3), w, 2 * w + 1}) {
            float[] dst = random(rng, 4 * (2 * w + 1) + 2 * w + 8, 4);
            float[] src = random(rng, count * 11 + w + 4, 3);
            for (int i = 0; i < dst.length; i += 3) {
                dst[i] = i % 2 == 0 ? -0f : 0f;
            }
            for (int i = 1; i < src.length; i += 4) {
                src[i] = -0f;
            }
            int dOff = dstStep < 0 ? 4 * (w + 3) + 1 : 1;
            float[] want = dst.clone();
            for (int r = 0; r < count; r++) {
                for (int i = 0; i < w; i++) {
                    want[dOff + r * dstStep + i] = want[dOff + r * dstStep + i] + src[2 + r * 11 + i];
                }
            }
            float[] got = dst.clone();
            kernels().addWindows(got, dOff, dstStep, src, 2, 11, count);
            for (int i = 0; i < got.length; i++) {
                assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                        "step " + dstStep + ", element " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void rowKernelsMatchPlainLoopsAtOffsetsAndLeaveTheRestAlone(int n) {
        SplittableRandom rng = new SplittableRandom(11L * n + 5);
        int dOff = 3;
        int sOff = 5;
        float[] dst = random(rng, n + 7, 4);
        float[] x = random(rng, n + 9, 3);
        float[] y = random(rng, n + 9, 3);
        float[] add = dst.clone();
        float[] addP = dst.clone();
        float[] prod = dst.clone();
        for (int i = 0; i < n; i++) {
            add[dOff + i] = add[dOff + i] + x[sOff + i];
            float p = x[sOff + i] * y[sOff + 1 + i];
            addP[dOff + i] = addP[dOff + i] + p;
            prod[dOff + i] = p;
        }
        float[] got = dst.clone();
        kernels().addTo(got, dOff, x, sOff, n);
        assertArrayEquals(add, got, "addTo");
        got = dst.clone();
        kernels().addProduct(got, dOff, x, sOff, y, sOff + 1, n);
        assertArrayEquals(addP, got, "addProduct");
        got = dst.clone();
        kernels().product(got, dOff, x, sOff, y, sOff + 1, n);
        assertArrayEquals(prod, got, "product");
    }

    /**
     * addRows against one plain element loop per row, in row order: 0 to 17 rows (one row alone, and the register
     * blocks of every width over many rows), repeated and unordered row indices, a stride wider than n, offsets on both
     * sides; the rest untouched.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void addRowsAddsEachRowInOrderLikeSeparateRowAdditions(int n) {
        SplittableRandom rng = new SplittableRandom(13L * n + 1);
        int stride = n + 3;
        int srcOff = 2;
        int dOff = 4;
        float[] src = random(rng, 12 * stride + srcOff + n, 5);
        for (int count = 0; count <= 17; count++) {
            int[] rows = new int[count + 2];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = rng.nextInt(12);
            }
            float[] dst = random(rng, n + 9, 3);
            float[] want = dst.clone();
            for (int r = 1; r < 1 + count; r++) {
                for (int i = 0; i < n; i++) {
                    want[dOff + i] = want[dOff + i] + src[rows[r] * stride + srcOff + i];
                }
            }
            float[] got = dst.clone();
            kernels().addRows(got, dOff, src, rows, 1, 1 + count, stride, srcOff, n);
            assertArrayEquals(want, got, "addRows of " + count + " rows");
        }
    }

    /** Weights, gradient, first and (non-negative) second moments of Adam, each of length n. */
    private static float[][] adamState(SplittableRandom rng, int n) {
        float[] v = new float[n];
        float[][] state = {random(rng, n, 2), random(rng, n, 0.5f), random(rng, n, 0.1f), v};
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextDouble() * 0.01f;
        }
        return state;
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void adamStepMatchesThePlainLoop(int n) {
        SplittableRandom rng = new SplittableRandom(13L * n + 7);
        float[][] state = adamState(rng, n + 4);
        float[] w = state[0];
        float[] g = state[1];
        float[] m = state[2];
        float[] v = state[3];
        float b1 = 0.9f;
        float c1 = 0.1f;
        float b2 = 0.999f;
        float c2 = 0.001f;
        float step = 0.0013f;
        float vScale = 3.7f;
        float eps = 1e-8f;
        float[] ew = w.clone();
        float[] em = m.clone();
        float[] ev = v.clone();
        for (int k = 2; k < n + 2; k++) {
            float mk = b1 * em[k] + c1 * g[k];
            float vk = b2 * ev[k] + c2 * g[k] * g[k];
            em[k] = mk;
            ev[k] = vk;
            ew[k] = ew[k] - step * mk / ((float) Math.sqrt(vk * vScale) + eps);
        }
        kernels().adamStep(w, g, m, v, 2, n + 2, b1, c1, b2, c2, step, vScale, eps);
        assertArrayEquals(ew, w, "w");
        assertArrayEquals(em, m, "m");
        assertArrayEquals(ev, v, "v");
    }

    /**
     * A null gradient is an array of {@code +0f} for both Adam steps, bit for bit, with moments at -0, at the smallest
     * negative float (b1 m rounds to -0, and -0 + +0 is +0) and ordinary ones.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void adamStepsWithoutGradientEqualThoseWithZeros(int n) {
        SplittableRandom rng = new SplittableRandom(17L * n + 3);
        float[][] state = adamState(rng, n + 4);
        float[] m0 = state[2];
        for (int k = 0; k < m0.length; k += 3) {
            m0[k] = k % 2 == 0 ? -0f : -Float.MIN_VALUE;
        }
        float[] c = random(rng, n + 7, 0.3f);
        float[] zeros = new float[n + 4];
        for (boolean decayed : new boolean[] {false, true}) {
            float[][] a = {state[0].clone(), state[2].clone(), state[3].clone()};
            float[][] b = {state[0].clone(), state[2].clone(), state[3].clone()};
            if (decayed) {
                kernels().adamStepDecayed(a[0], zeros, a[1], a[2], 2, n + 2, c, 5, 0.9f, 0.1f, 0.999f, 0.001f,
                        0.0013f, 3.7f, 1e-8f);
                kernels().adamStepDecayed(b[0], null, b[1], b[2], 2, n + 2, c, 5, 0.9f, 0.1f, 0.999f, 0.001f,
                        0.0013f, 3.7f, 1e-8f);
            } else {
                kernels().adamStep(a[0], zeros, a[1], a[2], 2, n + 2, 0.9f, 0.1f, 0.999f, 0.001f, 0.0013f, 3.7f,
                        1e-8f);
                kernels().adamStep(b[0], null, b[1], b[2], 2, n + 2, 0.9f, 0.1f, 0.999f, 0.001f, 0.0013f, 3.7f,
                        1e-8f);
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(a[i], b[i], (decayed ? "decayed " : "") + "w, m, v".split(", ")[i]);
            }
        }
    }

    /**
     * The fused LIF tick against a plain restatement of the stepped engine's active-neuron update, bit for bit: states
     * that are at rest, tiny (flushed), ordinary or above threshold, refractory and free neurons, one and two synapse
     * types.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void lifTickIsTheActiveNeuronUpdateOfEveryNeuron(int n) {
        for (boolean two : new boolean[] {false, true}) {
            SplittableRandom rng = new SplittableRandom(31L * n + (two ? 7 : 0));
            float[][] st = new float[5][n + 2];
            for (float[] a : st) {
                for (int i = 0; i < a.length; i++) {
                    int kind = rng.nextInt(6);
                    a[i] = kind == 0 ? 0f : kind == 1 ? 3e-13f : kind == 2 ? -0f : kind == 3 ? -5e-13f
                            : (float) ((rng.nextDouble() - 0.3) * 12);
                }
            }
            int[] until = new int[n + 2];
            for (int i = 0; i < until.length; i++) {
                until[i] = 20 + rng.nextInt(-3, 3); // tick 20: held where until >= 20
            }
            final float dm = 0.984375f;
            final float ds0 = 0.875f;
            final float ds1 = 0.75f;
            final float g0 = 0.125f;
            final float g1 = 0.25f;
            final float th = 1.5f;
            final int refr = 2;
            final float flush = 1e-12f;
            // the restatement
            float[] ev = st[0].clone();
            float[] ee0 = st[1].clone();
            float[] ee1 = st[2].clone();
            float[] er0 = st[3].clone();
            float[] er1 = st[4].clone();
            int[] eu = until.clone();
            int[] es = new int[n + 2];
            int spiked = 0;
            int busy = 0;
            for (int i = 0; i < n; i++) {
                float x = ev[i] * dm;
                float a0 = ee0[i] * ds0 + er0[i];
                er0[i] = 0f;
                float a1 = 0f;
                if (two) {
                    a1 = ee1[i] * ds1 + er1[i];
                    er1[i] = 0f;
                    x = x + (a0 * g0 + a1 * g1);
                } else {
                    x = x + a0 * g0;
                }
                if (20 <= eu[i]) {
                    x = 0f;
                } else if (x > th) {
                    es[spiked++] = i;
                    x = 0f;
                    eu[i] = 20 + refr;
                }
                if (Math.abs(x) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                    x = 0f;
                    a0 = 0f;
                    a1 = 0f;
                }
                busy += x != 0f || a0 != 0f || a1 != 0f ? 1 : 0;
                ev[i] = x;
                ee0[i] = a0;
                if (two) {
                    ee1[i] = a1;
                }
            }
            float[] v = st[0].clone();
            float[] e0 = st[1].clone();
            float[] e1 = two ? st[2].clone() : null;
            float[] r0 = st[3].clone();
            float[] r1 = two ? st[4].clone() : null;
            int[] u = until.clone();
            int[] spikes = new int[n + 2];
            long res = kernels().lifTick(v, e0, e1, r0, r1, u, n, 20, dm, ds0, ds1, g0, g1, th, refr, flush, spikes);
            assertEquals(spiked, (int) (res >>> 32), "spikes, two types " + two);
            assertEquals(busy, (int) res, "busy, two types " + two);
            assertArrayEquals(java.util.Arrays.copyOf(es, spiked), java.util.Arrays.copyOf(spikes, spiked));
            assertArrayEquals(ev, v, "v");
            assertArrayEquals(ee0, e0, "e0");
            assertArrayEquals(er0, r0, "r0");
            assertArrayEquals(eu, u, "until");
            if (two) {
                assertArrayEquals(ee1, e1, "e1");
                assertArrayEquals(er1, r1, "r1");
            }
            assertTrue(n < 64 || (spiked > 0 && busy > 0 && busy < n), "the states should mix, n " + n);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void adamStepDecayedEqualsTheDecayAddedToTheGradientThenAdam(int n) {
        SplittableRandom rng = new SplittableRandom(101L * n + 5);
        float[][] state = adamState(rng, n + 4);
        float[] w = state[0];
        float[] g = state[1];
        float[] m = state[2];
        float[] v = state[3];
        float[] c = random(rng, n + 7, 0.3f);
        float[] ew = w.clone();
        float[] em = m.clone();
        float[] ev = v.clone();
        for (int k = 2; k < n + 2; k++) { // plain loop: g + c * w, then the Adam step of adamStepMatchesThePlainLoop
            float gk = g[k] + c[k + 3] * ew[k];
            float mk = 0.9f * em[k] + 0.1f * gk;
            float vk = 0.999f * ev[k] + 0.001f * gk * gk;
            em[k] = mk;
            ev[k] = vk;
            ew[k] = ew[k] - 0.0013f * mk / ((float) Math.sqrt(vk * 3.7f) + 1e-8f);
        }
        float[] g0 = g.clone();
        kernels().adamStepDecayed(w, g, m, v, 2, n + 2, c, 5, 0.9f, 0.1f, 0.999f, 0.001f, 0.0013f, 3.7f, 1e-8f);
        assertArrayEquals(ew, w, "w");
        assertArrayEquals(em, m, "m");
        assertArrayEquals(ev, v, "v");
        assertArrayEquals(g0, g, "g is not written");
    }

    /**
     * The fused tick of a population with a bias against the stepped engine's three passes it replaced, restated
     * here: integrate every neuron, hold the refractory ones at 0, then scan for crossings, bit for bit, with one and
     * two synapse types, refractory and free neurons, states below, near and above threshold.
     */
    @ParameterizedTest
    @MethodSource("sizes")
    void lifTickBiasedIsIntegrateThenRefractoryHoldThenThresholdScan(int n) {
        for (boolean two : new boolean[] {false, true}) {
            SplittableRandom rng = new SplittableRandom(97L * n + (two ? 5 : 0));
            float[] v0 = random(rng, n + 2, 14);
            float[] e00 = random(rng, n + 2, 2);
            float[] e10 = random(rng, n + 2, 2);
            float[] r00 = random(rng, n + 2, 1);
            float[] r10 = random(rng, n + 2, 1);
            int[] until0 = new int[n + 2];
            for (int i = 0; i < until0.length; i++) {
                until0[i] = 30 + rng.nextInt(-4, 3); // tick 30: held where until >= 30
            }
            final int t = 30;
            final float dm = 0.995f;
            final float ds0 = 0.98f;
            final float ds1 = 0.99f;
            final float g0 = 0.25f;
            final float g1 = 0.5f;
            final float bias = 0.055f;
            final float th = 5.5f;
            final int refr = 50;
            float[] ev = v0.clone();
            float[] ee0 = e00.clone();
            float[] ee1 = e10.clone();
            float[] er0 = r00.clone();
            float[] er1 = r10.clone();
            int[] eu = until0.clone();
            for (int i = 0; i < n; i++) { // integrate
                ee0[i] = ee0[i] * ds0 + er0[i];
                er0[i] = 0f;
                if (two) {
                    ee1[i] = ee1[i] * ds1 + er1[i];
                    er1[i] = 0f;
                    ev[i] = (ev[i] * dm + (ee0[i] * g0 + ee1[i] * g1)) + bias;
                } else {
                    ev[i] = (ev[i] * dm + ee0[i] * g0) + bias;
                }
            }
            for (int i = 0; i < n; i++) { // refractory hold
                if (t <= eu[i]) {
                    ev[i] = 0f;
                }
            }
            int[] es = new int[n + 2];
            int spiked = 0;
            for (int i = 0; i < n; i++) { // threshold scan
                if (ev[i] > th) {
                    es[spiked++] = i;
                    ev[i] = 0f;
                    eu[i] = t + refr;
                }
            }
            float[] v = v0.clone();
            float[] e0 = e00.clone();
            float[] e1 = two ? e10.clone() : null;
            float[] r0 = r00.clone();
            float[] r1 = two ? r10.clone() : null;
            int[] u = until0.clone();
            int[] spikes = new int[n + 2];
            int got = kernels().lifTickBiased(v, e0, e1, r0, r1, u, n, t, dm, ds0, ds1, g0, g1, bias, th, refr,
                    spikes);
            assertEquals(spiked, got, "spikes, two types " + two);
            assertArrayEquals(java.util.Arrays.copyOf(es, spiked), java.util.Arrays.copyOf(spikes, spiked));
            assertArrayEquals(ev, v, "v");
            assertArrayEquals(ee0, e0, "e0");
            assertArrayEquals(er0, r0, "r0");
            assertArrayEquals(eu, u, "until");
            if (two) {
                assertArrayEquals(ee1, e1, "e1");
                assertArrayEquals(er1, r1, "r1");
            }
            assertTrue(n < 64 || (spiked > 0 && spiked < n / 2), "some neurons should cross, n " + n + ": " + spiked);
        }
    }
}
