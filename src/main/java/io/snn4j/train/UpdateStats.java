package io.snn4j.train;

/**
 * One measured Adam update (with the regulariser): per trainable layer the L2 norm of the data gradient that went in,
 * of the change of the weights and of the weights after it. Immutable (arrays are copied on access).
 *
 * @param epoch          epoch index (0 for the first)
 * @param update         update index within the epoch (0 for the first)
 * @param updates        updates of the epoch
 * @param samplesDone    samples of the epoch trained when the update was applied
 * @param learningRate   learning rate of the epoch
 * @param gradientNorms  per layer: L2 norm of the mean data gradient of the update (without the regulariser); 0 for
 *                       pooling layers
 * @param updateNorms    per layer: L2 norm of the weights after minus the weights before
 * @param weightNorms    per layer: L2 norm of the weights after
 * @param step           per layer, when the observer asked for it ({@link #hasStep}): the weights after minus the
 *                       weights before, in the layout of {@link Hm2BpTrainer#networkSpec()}'s projections (dense
 *                       target-major {@code i * nIn + j}, conv2d (out, in, kernel, kernel), pooling empty); else null
 */
public record UpdateStats(int epoch, int update, int updates, int samplesDone, double learningRate,
                          double[] gradientNorms, double[] updateNorms, double[] weightNorms, float[][] step) {
    public UpdateStats {
        gradientNorms = gradientNorms.clone();
        updateNorms = updateNorms.clone();
        weightNorms = weightNorms.clone();
        step = step == null ? null : deepCopy(step);
    }

    public boolean hasStep() {
        return step != null;
    }

    @Override
    public double[] gradientNorms() {
        return gradientNorms.clone();
    }

    @Override
    public double[] updateNorms() {
        return updateNorms.clone();
    }

    @Override
    public double[] weightNorms() {
        return weightNorms.clone();
    }

    @Override
    public float[][] step() {
        return step == null ? null : deepCopy(step);
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
