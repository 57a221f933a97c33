package io.snn4j.backend;

/** Plain loops; the reference the vector kernels must equal bit for bit. Stateless and thread-safe. */
public final class ScalarKernels implements Kernels {
    @Override
    public void integrate(float[] v, float[] e0, float[] r0, int n, float dm, float ds0, float g0, float bias) {
        integrateRange(v, e0, r0, 0, n, dm, ds0, g0, bias);
    }

    /** {@link #integrate(float[], float[], float[], int, float, float, float, float)} over [from, to). */
    static void integrateRange(float[] v, float[] e0, float[] r0, int from, int to, float dm, float ds0, float g0,
                               float bias) {
        for (int i = from; i < to; i++) {
            float a0 = e0[i] * ds0 + r0[i];
            e0[i] = a0;
            r0[i] = 0f;
            v[i] = (v[i] * dm + a0 * g0) + bias;
        }
    }

    @Override
    public void integrate(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int n, float dm, float ds0,
                          float ds1, float g0, float g1, float bias) {
        integrateRange(v, e0, e1, r0, r1, 0, n, dm, ds0, ds1, g0, g1, bias);
    }

    /** The two-synapse-type integrate over [from, to). */
    static void integrateRange(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int from, int to, float dm,
                               float ds0, float ds1, float g0, float g1, float bias) {
        for (int i = from; i < to; i++) {
            float a0 = e0[i] * ds0 + r0[i];
            float a1 = e1[i] * ds1 + r1[i];
            e0[i] = a0;
            e1[i] = a1;
            r0[i] = 0f;
            r1[i] = 0f;
            v[i] = (v[i] * dm + (a0 * g0 + a1 * g1)) + bias;
        }
    }

    @Override
    public int nextAbove(float[] v, int from, int n, float threshold) {
        for (int i = from; i < n; i++) {
            if (v[i] > threshold) {
                return i;
            }
        }
        return n;
    }

    @Override
    public void clampRefractory(float[] v, int[] until, int n, int t) {
        clampRange(v, until, 0, n, t);
    }

    static void clampRange(float[] v, int[] until, int from, int to, int t) {
        for (int i = from; i < to; i++) {
            if (until[i] >= t) {
                v[i] = 0f;
            }
        }
    }

    @Override
    public int settle(float[] v, float[] e0, float[] e1, int n, float flush, int[] active, boolean[] marked) {
        return settleRange(v, e0, e1, 0, n, flush, active, marked, 0);
    }

    /** {@link #settle} over [from, to), appending to {@code active} from {@code count}; returns the new count. */
    static int settleRange(float[] v, float[] e0, float[] e1, int from, int to, float flush, int[] active,
                           boolean[] marked, int count) {
        for (int i = from; i < to; i++) {
            float a1 = e1 == null ? 0f : e1[i];
            if (Math.abs(v[i]) < flush && Math.abs(e0[i]) < flush && Math.abs(a1) < flush) {
                v[i] = 0f;
                e0[i] = 0f;
                if (e1 != null) {
                    e1[i] = 0f;
                }
            }
            boolean busy = v[i] != 0f || e0[i] != 0f || (e1 != null && e1[i] != 0f);
            marked[i] = busy;
            if (busy) {
                active[count++] = i;
            }
        }
        return count;
    }

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
            float gk = g[k];
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
            float gk = g[k] + c[cOff + k - from] * w[k];
            float mk = b1 * m[k] + c1 * gk;
            float vk = b2 * v[k] + c2 * gk * gk;
            m[k] = mk;
            v[k] = vk;
            w[k] -= stepSize * mk / ((float) Math.sqrt(vk * vScale) + eps);
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
