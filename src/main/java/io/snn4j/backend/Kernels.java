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

    /** Short name for reports: "scalar" or "vector". */
    String name();
}
