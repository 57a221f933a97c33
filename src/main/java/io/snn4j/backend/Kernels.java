package io.snn4j.backend;

/**
 * The array kernels of the stepped engine's hot loop, the one seam between scalar and SIMD code. Every
 * implementation computes exactly the same floats as {@link ScalarKernels}: the same IEEE operations in the same
 * order, no fused multiply-add. Implementations are stateless and thread-safe.
 */
public interface Kernels {
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

    /** Width of the windows of {@link #addWindows}. */
    int WINDOW = 8;

    /**
     * Adds {@code count} windows of {@link #WINDOW} floats, one after the other: for r in [0, count) and i in
     * [0, WINDOW), {@code dst[dstOff + r * dstStep + i] += src[srcOff + r * srcStep + i]} (one rounding per element;
     * the windows of {@code dst} must not overlap each other or {@code src}). Serves scatters whose targets lie in
     * short runs, such as a convolution's kernel rows: lanes without a target add {@code -0f}, which leaves every
     * float, signed zeros included, as it was.
     */
    void addWindows(float[] dst, int dstOff, int dstStep, float[] src, int srcOff, int srcStep, int count);

    /** Float lanes of one SIMD operation of these kernels: 1 for scalar code. */
    int lanes();

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
     * {@code g} null: a gradient of zeros ({@code +0f}), not read (the same floats as an array of them).
     */
    void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2,
                  float c2, float stepSize, float vScale, float eps);

    /**
     * {@link #adamStep} with the weight-decay term of a regulariser added to the gradient:
     * {@code gk = g[k] + c[cOff + k - from] * w[k]} (the product rounded, then the sum, as {@link #addProduct} into g
     * would give); g itself is not written; null: zeros.
     */
    void adamStepDecayed(float[] w, float[] g, float[] m, float[] v, int from, int to, float[] c, int cOff, float b1,
                         float c1, float b2, float c2, float stepSize, float vScale, float eps);

    /** Short name for reports: "scalar" or "vector". */
    String name();

    /**
     * One tick of a bias-free LIF population, every neuron, in one pass: the update of the stepped engine's active
     * neurons (see {@code SteppedEngine}) applied to all of them, which leaves neurons at rest without input exactly at
     * rest. Per neuron i:
     * <pre>
     *   v = v * dm;  a0 = e0 * ds0 + r0;  r0 = 0
     *   two types: a1 = e1 * ds1 + r1;  r1 = 0;  v = v + (a0 * g0 + a1 * g1)     else: a1 = 0;  v = v + a0 * g0
     *   if t &lt;= until: v = 0   else if v &gt; th: spike (i appended to spikes, ascending), v = 0, until = t + refr
     *   if |v| &lt; flush and |a0| &lt; flush and |a1| &lt; flush: v = a0 = a1 = 0
     *   e0 = a0;  e1 = a1 (two types)
     * </pre>
     *
     * @param e1     read and written, or null for one synapse type (then r1 is ignored)
     * @param r0     read and zeroed: this tick's input of synapse type 0
     * @param until  read and written: last refractory tick of each neuron
     * @param spikes written: the neurons that spiked, ascending
     * @return {@code spikeCount << 32 | busyCount}: busy neurons are those not exactly at rest afterwards
     */
    long lifTick(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t, float dm,
                 float ds0, float ds1, float g0, float g1, float th, int refr, float flush, int[] spikes);

    /**
     * One tick of a LIF population with a bias, every neuron, in one pass: the stepped engine's integrate, refractory
     * clamp and threshold scan fused. No flush: a neuron with a bias is never at rest. Per neuron i:
     * <pre>
     *   a0 = e0 * ds0 + r0;  r0 = 0;  e0 = a0
     *   two types: a1 = e1 * ds1 + r1;  r1 = 0;  e1 = a1;  v = (v * dm + (a0 * g0 + a1 * g1)) + bias
     *   else:      v = (v * dm + a0 * g0) + bias
     *   if t &lt;= until: v = 0   else if v &gt; th: spike (i appended to spikes, ascending), v = 0, until = t + refr
     * </pre>
     *
     * @param e1     read and written, or null for one synapse type (then r1 is ignored)
     * @param until  read and written: last refractory tick of each neuron
     * @param spikes written: the neurons that spiked, ascending
     * @return the number of spikes
     */
    int lifTickBiased(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t, float dm,
                      float ds0, float ds1, float g0, float g1, float bias, float th, int refr, int[] spikes);
}
