package io.snn4j.train;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;

/**
 * The weight regulariser of hm2bp-spec 5.7, added to the data gradient before Adam:
 * <pre>
 *   S_i      = mean_j (w_ij / wLimit)^2          (per post neuron i)
 *   g_ij    += lambda * beta * (w_ij / wLimit) * exp(beta * (S_i - 1))
 * </pre>
 * A heuristic exponential penalty (not the gradient of a closed form). Stateless; thread-safe.
 */
final class Regulariser {
    /** Elementwise row kernels: the same floats with any implementation. */
    private static final Kernels KERNELS = KernelProvider.get();

    private Regulariser() {
    }

    /**
     * Adds the regulariser for a dense layer stored source-major ({@code w[j * nOut + i]}).
     *
     * @param w       read; weights
     * @param g       read and written; gradient
     * @param scratch written; length &gt;= nOut (the per-neuron coefficients)
     */
    static void addDense(float[] w, float[] g, int nIn, int nOut, double lambda, double beta, double wLimit,
                         float[] scratch) {
        addDense(w, g, nIn, nOut, lambda, beta, wLimit, scratch, 0, nOut);
    }

    /** As above for post neurons [a, b) only (disjoint ranges may run on different threads). */
    static void addDense(float[] w, float[] g, int nIn, int nOut, double lambda, double beta, double wLimit,
                         float[] scratch, int a, int b) {
        if (!coefficients(w, nIn, nOut, lambda, beta, wLimit, scratch, a, b)) {
            return;
        }
        final float[] c = scratch;
        for (int j = 0; j < nIn; j++) {
            final int row = j * nOut;
            KERNELS.addProduct(g, row + a, c, a, w, row + a, b - a);
        }
    }

    /** Whether the regulariser acts at all: neither its strength nor its exponent is 0. */
    static boolean active(double lambda, double beta) {
        return lambda != 0 && beta != 0;
    }

    /**
     * The regulariser's factor per post neuron i in [a, b) of a dense layer stored source-major:
     * {@code c[i] = lambda beta / wLimit exp(beta (S_i - 1))}, so that the gradient gains {@code c[i] * w_ij}. Returns
     * false (and writes nothing) when lambda or beta is 0, i.e. there is no regulariser.
     */
    static boolean coefficients(float[] w, int nIn, int nOut, double lambda, double beta, double wLimit, float[] c,
                                int a, int b) {
        if (!active(lambda, beta)) {
            return false;
        }
        java.util.Arrays.fill(c, a, b, 0f);
        for (int j = 0; j < nIn; j++) {
            final int row = j * nOut;
            KERNELS.addProduct(c, a, w, row + a, w, row + a, b - a);
        }
        final double limit2 = wLimit * wLimit;
        for (int i = a; i < b; i++) {
            c[i] = (float) (lambda * beta / wLimit * Math.exp(beta * (c[i] / limit2 / nIn - 1)));
        }
        return true;
    }

    /**
     * Adds the regulariser for weights stored target-major ({@code w[i * perTarget + x]}), e.g. a conv kernel with
     * one row per output feature map.
     *
     * @param scratch written; length &gt;= targets
     */
    static void addDense(float[] w, float[] g, int targets, int perTarget, double lambda, double beta,
                         double wLimit, float[] scratch, boolean targetMajor) {
        if (!active(lambda, beta)) {
            return;
        }
        assert targetMajor;
        final double limit2 = wLimit * wLimit;
        for (int i = 0; i < targets; i++) {
            final int row = i * perTarget;
            double sum = 0;
            for (int x = 0; x < perTarget; x++) {
                sum += (double) w[row + x] * w[row + x];
            }
            float c = (float) (lambda * beta / wLimit * Math.exp(beta * (sum / limit2 / perTarget - 1)));
            for (int x = 0; x < perTarget; x++) {
                g[row + x] += c * w[row + x];
            }
        }
    }
}
