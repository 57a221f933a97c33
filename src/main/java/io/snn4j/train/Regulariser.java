package io.snn4j.train;

/**
 * The weight regulariser of hm2bp-spec 5.7, added to the data gradient before Adam:
 * <pre>
 *   S_i      = mean_j (w_ij / wLimit)^2          (per post neuron i)
 *   g_ij    += lambda * beta * (w_ij / wLimit) * exp(beta * (S_i - 1))
 * </pre>
 * A heuristic exponential penalty (not the gradient of a closed form). Stateless; thread-safe.
 */
final class Regulariser {
    private Regulariser() {
    }

    /**
     * Adds the regulariser for a dense layer stored source-major ({@code w[j * nOut + i]}).
     *
     * @param w       read; weights
     * @param g       read and written; gradient
     * @param scratch written; length &gt;= nOut
     */
    static void addDense(float[] w, float[] g, int nIn, int nOut, double lambda, double beta, double wLimit,
                         double[] scratch) {
        if (lambda == 0 || beta == 0) {
            return;
        }
        java.util.Arrays.fill(scratch, 0, nOut, 0);
        for (int j = 0; j < nIn; j++) {
            int row = j * nOut;
            for (int i = 0; i < nOut; i++) {
                double x = w[row + i] / wLimit;
                scratch[i] += x * x;
            }
        }
        for (int i = 0; i < nOut; i++) {
            scratch[i] = lambda * beta / wLimit * Math.exp(beta * (scratch[i] / nIn - 1));
        }
        for (int j = 0; j < nIn; j++) {
            int row = j * nOut;
            for (int i = 0; i < nOut; i++) {
                g[row + i] += (float) (scratch[i] * w[row + i]);
            }
        }
    }
}
