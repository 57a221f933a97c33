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

    private static final float B1 = (float) BETA1;
    private static final float B2 = (float) BETA2;
    private static final float C1 = (float) (1 - BETA1);
    private static final float C2 = (float) (1 - BETA2);
    private static final float EPS = (float) EPSILON;

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
        KERNELS.adamStep(w, g, m, v, from, to, B1, C1, B2, C2, stepSize(lr, t), vScale(t), EPS);
    }

    /**
     * As {@link #apply} for the pre-neuron rows [ja, jb) of a dense layer stored source-major, every column, with
     * {@code written} as for {@link #apply(float[], float[], boolean[], int, int, int, int, double, long)}.
     */
    void applyRows(float[] w, float[] g, boolean[] written, int ja, int jb, int nOut, double lr, long t) {
        if (written == null) {
            apply(w, g, ja * nOut, jb * nOut, lr, t);
            return;
        }
        final float stepSize = stepSize(lr, t);
        final float vScale = vScale(t);
        for (int j = ja; j < jb; j++) {
            final int row = j * nOut;
            KERNELS.adamStep(w, written[j] ? g : null, m, v, row, row + nOut, B1, C1, B2, C2, stepSize, vScale, EPS);
        }
    }

    /**
     * As {@link #apply} for the post-neuron columns [a, b) of a dense layer stored source-major. When {@code written}
     * is not null, the gradient rows j with {@code !written[j]} are known to be 0 and are not read (the same floats).
     */
    void apply(float[] w, float[] g, boolean[] written, int nIn, int nOut, int a, int b, double lr, long t) {
        final float stepSize = stepSize(lr, t);
        final float vScale = vScale(t);
        for (int j = 0; j < nIn; j++) {
            final int row = j * nOut;
            KERNELS.adamStep(w, written == null || written[j] ? g : null, m, v, row + a, row + b, B1, C1, B2, C2,
                    stepSize, vScale, EPS);
        }
    }

    /**
     * As {@link #apply} for the post-neuron columns [a, b) of a dense layer stored source-major ({@code w[j * nOut +
     * i]}), with the regulariser's decay {@code c[i] * w_ij} added to the gradient on the fly (the same floats as
     * adding it into g first; g is not written). Disjoint column ranges of one step may run on different threads.
     * {@code written} as for {@link #apply(float[], float[], boolean[], int, int, int, int, double, long)}.
     */
    void applyDecayed(float[] w, float[] g, boolean[] written, int nIn, int nOut, int a, int b, float[] c, double lr,
                      long t) {
        final float stepSize = stepSize(lr, t);
        final float vScale = vScale(t);
        for (int j = 0; j < nIn; j++) {
            final int row = j * nOut;
            KERNELS.adamStepDecayed(w, written == null || written[j] ? g : null, m, v, row + a, row + b, c, a, B1, C1,
                    B2, C2, stepSize, vScale, EPS);
        }
    }

    /** The bias-corrected step size of step t. */
    private static float stepSize(double lr, long t) {
        return (float) (lr / (1 - Math.pow(BETA1, (double) t)));
    }

    /** The bias correction of the second moment at step t. */
    private static float vScale(long t) {
        return (float) (1 / (1 - Math.pow(BETA2, (double) t)));
    }

    /** Advances the step counter and returns the new step number t (1 for the first update). */
    long beginStep() {
        return ++steps;
    }
}
