package io.snn4j.backend;

/**
 * The array kernels of the stepped engine's hot loop, the one seam between scalar and SIMD code. Every
 * implementation computes exactly the same floats as {@link ScalarKernels}: the same IEEE operations in the same
 * order, no fused multiply-add. Implementations are stateless and thread-safe.
 */
public interface Kernels {
    /**
     * One synapse type: for i in [0, n): {@code e0[i] = e0[i] * ds0 + r0[i]; r0[i] = 0;
     * v[i] = (v[i] * dm + e0[i] * g0) + bias}.
     *
     * @param v  read and written, length &gt;= n
     * @param e0 read and written, length &gt;= n
     * @param r0 read, then zeroed, length &gt;= n
     */
    void integrate(float[] v, float[] e0, float[] r0, int n, float dm, float ds0, float g0, float bias);

    /**
     * Two synapse types: {@code e_k[i] = e_k[i] * ds_k + r_k[i]; r_k[i] = 0;
     * v[i] = (v[i] * dm + (e0[i] * g0 + e1[i] * g1)) + bias}.
     */
    void integrate(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int n, float dm, float ds0,
                   float ds1, float g0, float g1, float bias);

    /**
     * The first index i in [from, n) with {@code v[i] > threshold}, or n when there is none.
     *
     * @param v read, length &gt;= n
     */
    int nextAbove(float[] v, int from, int n, float threshold);

    /** Holds refractory neurons at rest: {@code v[i] = 0} wherever {@code until[i] >= t}, for i in [0, n). */
    void clampRefractory(float[] v, int[] until, int n, int t);

    /**
     * Ends a tick of bias-free neurons (the flush of {@code LifConstants}): every neuron i in [0, n) whose |v|, |e0|
     * and |e1| are all below {@code flush} is set to exact rest (v = e0 = e1 = 0); then the neurons not at rest are
     * listed ascending in {@code active} and marked in {@code marked} (the others unmarked). {@code e1} may be null
     * (one synapse type). Returns how many are listed.
     */
    int settle(float[] v, float[] e0, float[] e1, int n, float flush, int[] active, boolean[] marked);

    /**
     * Adds a row: {@code dst[dstOff + i] += src[srcOff + i]} for i in [0, n) (one rounding per element, so every
     * implementation gives the same floats). The arrays may be the same only if the two ranges do not overlap.
     */
    void addTo(float[] dst, int dstOff, float[] src, int srcOff, int n);

    /**
     * Adds several rows of {@code src} in order: for r = from .. to-1, {@code addTo(dst, dstOff, src,
     * rows[r] * stride + srcOff, n)}. Every element gets the same additions in the same order as those calls, so the
     * floats are the same; an implementation may keep partial sums in registers across rows. {@code dst} must not
     * overlap the rows.
     */
    void addRows(float[] dst, int dstOff, float[] src, int[] rows, int from, int to, int stride, int srcOff, int n);

    /**
     * {@code acc[accOff + i] += x[xOff + i] * y[yOff + i]} for i in [0, n): the product rounded, then the sum (no
     * fused multiply-add).
     */
    void addProduct(float[] acc, int accOff, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code dst[dstOff + i] = x[xOff + i] * y[yOff + i]} for i in [0, n). */
    void product(float[] dst, int dstOff, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * One Adam step over [from, to), in float, in this order (no fused multiply-add):
     * {@code m' = b1 m + c1 g;  v' = b2 v + (c2 g) g;  w -= (stepSize m') / (sqrt(v' vScale) + eps)}.
     */
    void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2,
                  float c2, float stepSize, float vScale, float eps);

    /**
     * {@link #adamStep} with the weight-decay term of a regulariser added to the gradient:
     * {@code gk = g[k] + c[cOff + k - from] * w[k]} (the product rounded, then the sum, as {@link #addProduct} into g
     * would give); g itself is not written.
     */
    void adamStepDecayed(float[] w, float[] g, float[] m, float[] v, int from, int to, float[] c, int cOff, float b1,
                         float c1, float b2, float c2, float stepSize, float vScale, float eps);

    /** Short name for reports: "scalar" or "vector". */
    String name();
}
