package io.snn4j.backend;

/** Plain loops; the reference the vector kernels must equal bit for bit. Stateless and thread-safe. */
public final class ScalarKernels implements Kernels {
    @Override
    public void addTo(float[] dst, int dstOff, float[] src, int srcOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    @Override
    public void addRows(float[] dst, int dstOff, float[] src, int[] rows, int from, int to, int stride, int srcOff,
                        int n) {
        for (int r = from; r < to; r++) {
            addTo(dst, dstOff, src, rows[r] * stride + srcOff, n);
        }
    }

    @Override
    public void addProduct(float[] acc, int accOff, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            acc[accOff + i] += x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void product(float[] dst, int dstOff, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2,
                         float c2, float stepSize, float vScale, float eps) {
        for (int k = from; k < to; k++) {
            float gk = g == null ? 0f : g[k];
            float mk = b1 * m[k] + c1 * gk;
            float vk = b2 * v[k] + c2 * gk * gk;
            m[k] = mk;
            v[k] = vk;
            w[k] -= stepSize * mk / ((float) Math.sqrt(vk * vScale) + eps);
        }
    }

    @Override
    public void adamStepDecayed(float[] w, float[] g, float[] m, float[] v, int from, int to, float[] c, int cOff,
                                float b1, float c1, float b2, float c2, float stepSize, float vScale, float eps) {
        for (int k = from; k < to; k++) {
            float gk = (g == null ? 0f : g[k]) + c[cOff + k - from] * w[k];
            float mk = b1 * m[k] + c1 * gk;
            float vk = b2 * v[k] + c2 * gk * gk;
            m[k] = mk;
            v[k] = vk;
            w[k] -= stepSize * mk / ((float) Math.sqrt(vk * vScale) + eps);
        }
    }

    @Override
    public void addWindows(float[] dst, int dstOff, int dstStep, float[] src, int srcOff, int srcStep, int count) {
        for (int r = 0; r < count; r++) {
            addTo(dst, dstOff + r * dstStep, src, srcOff + r * srcStep, WINDOW);
        }
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public long lifTick(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t,
                        float dm, float ds0, float ds1, float g0, float g1, float th, int refr, float flush,
                        int[] spikes) {
        return lifTickRange(v, e0, e1, r0, r1, until, 0, n, t, dm, ds0, ds1, g0, g1, th, refr, flush, spikes, 0, 0);
    }

    /** {@link #lifTick} over [from, to), appending spikes from {@code spiked} and adding to {@code busy}. */
    static long lifTickRange(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int from, int to,
                             int t, float dm, float ds0, float ds1, float g0, float g1, float th, int refr,
                             float flush, int[] spikes, int spiked, int busy) {
        for (int i = from; i < to; i++) {
            float vv = v[i] * dm;
            float a0 = e0[i] * ds0 + r0[i];
            r0[i] = 0f;
            float a1 = 0f;
            if (e1 != null) {
                a1 = e1[i] * ds1 + r1[i];
                r1[i] = 0f;
                vv = vv + (a0 * g0 + a1 * g1);
            } else {
                vv = vv + a0 * g0;
            }
            if (t <= until[i]) {
                vv = 0f;
            } else if (vv > th) {
                spikes[spiked++] = i;
                vv = 0f;
                until[i] = t + refr;
            }
            if (Math.abs(vv) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                vv = 0f;
                a0 = 0f;
                a1 = 0f;
            } else {
                busy++;
            }
            v[i] = vv;
            e0[i] = a0;
            if (e1 != null) {
                e1[i] = a1;
            }
        }
        return (long) spiked << 32 | busy;
    }

    @Override
    public int lifTickBiased(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t,
                             float dm, float ds0, float ds1, float g0, float g1, float bias, float th, int refr,
                             int[] spikes) {
        return lifTickBiasedRange(v, e0, e1, r0, r1, until, 0, n, t, dm, ds0, ds1, g0, g1, bias, th, refr, spikes, 0);
    }

    /** {@link #lifTickBiased} over [from, to), appending spikes from {@code spiked}; returns the new count. */
    static int lifTickBiasedRange(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int from,
                                  int to, int t, float dm, float ds0, float ds1, float g0, float g1, float bias,
                                  float th, int refr, int[] spikes, int spiked) {
        int count = spiked;
        for (int i = from; i < to; i++) {
            float a0 = e0[i] * ds0 + r0[i];
            e0[i] = a0;
            r0[i] = 0f;
            float vv;
            if (e1 != null) {
                float a1 = e1[i] * ds1 + r1[i];
                e1[i] = a1;
                r1[i] = 0f;
                vv = (v[i] * dm + (a0 * g0 + a1 * g1)) + bias;
            } else {
                vv = (v[i] * dm + a0 * g0) + bias;
            }
            if (t <= until[i]) {
                vv = 0f;
            } else if (vv > th) {
                spikes[count++] = i;
                vv = 0f;
                until[i] = t + refr;
            }
            v[i] = vv;
        }
        return count;
    }
}
