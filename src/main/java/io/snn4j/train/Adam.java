package io.snn4j.train;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;

/**
 * Adam over one flat parameter array (hm2bp-spec 5.2): beta1 0.9, beta2 0.999, epsilon 1e-8, standard bias
 * correction whose powers start at the layer's first update and are never reset.
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   w = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * Holds the moments; not thread-safe.
 */
final class Adam {
    /** Elementwise: the same floats with any implementation. */
    private static final Kernels KERNELS = KernelProvider.get();

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    final float[] m;
    final float[] v;
    long steps;

    Adam(int n) {
        m = new float[n];
        v = new float[n];
    }

    /**
     * One update of {@code w[from .. to)} with gradient {@code g} (read) as step {@code t} (from {@link #beginStep},
     * called once per layer update; disjoint ranges of one step may run on different threads).
     */
    void apply(float[] w, float[] g, int from, int to, double lr, long t) {
        final float b1 = (float) BETA1;
        final float b2 = (float) BETA2;
        final float c1 = (float) (1 - BETA1);
        final float c2 = (float) (1 - BETA2);
        final float stepSize = (float) (lr / (1 - Math.pow(BETA1, t)));
        final float vScale = (float) (1 / (1 - Math.pow(BETA2, t)));
        final float eps = (float) EPSILON;
        KERNELS.adamStep(w, g, m, v, from, to, b1, c1, b2, c2, stepSize, vScale, eps);
    }

    /** Advances the step counter and returns the new step number t (1 for the first update). */
    long beginStep() {
        return ++steps;
    }
}
