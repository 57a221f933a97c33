package io.snn4j.train;


/**
 * Measures one Adam update for a {@link TrainingObserver}: the gradient's norm and a copy of the weights before it,
 * then the change. Its copies are allocated on first use. Not thread-safe.
 */
final class UpdateProbe {
    private final Hm2BpTrainer.Topology top;
    private final float[][] before;
    private final double[] gradientNorms;

    UpdateProbe(Hm2BpTrainer.Topology top) {
        this.top = top;
        this.before = new float[top.layerCount()][];
        this.gradientNorms = new double[top.layerCount()];
    }

    /** Before the update: {@code grads} (read) are the data gradients it will apply to {@code weights} (read). */
    void before(float[][] grads, float[][] weights) {
        for (int k = 0; k < weights.length; k++) {
            gradientNorms[k] = norm(grads[k]);
            if (before[k] == null) {
                before[k] = new float[weights[k].length];
            }
            System.arraycopy(weights[k], 0, before[k], 0, weights[k].length);
        }
    }

    /** After the update of {@code weights} (read); {@code withStep}: include the change itself. */
    UpdateStats after(float[][] weights, int epoch, int update, int updates, int samplesDone, double lr,
                      boolean withStep) {
        int layers = weights.length;
        double[] updateNorms = new double[layers];
        double[] weightNorms = new double[layers];
        float[][] step = withStep ? new float[layers][] : null;
        for (int k = 0; k < layers; k++) {
            float[] w = weights[k];
            float[] b = before[k];
            double du = 0;
            double ww = 0;
            for (int x = 0; x < w.length; x++) {
                double d = (double) w[x] - b[x];
                du += d * d;
                ww += (double) w[x] * w[x];
            }
            updateNorms[k] = Math.sqrt(du);
            weightNorms[k] = Math.sqrt(ww);
            if (withStep) {
                float[] d = new float[w.length];
                for (int x = 0; x < w.length; x++) {
                    d[x] = w[x] - b[x];
                }
                step[k] = top.kind(k).toSpecLayout(d, top.nIn[k], top.nOut[k]);
            }
        }
        return new UpdateStats(epoch, update, updates, samplesDone, lr, gradientNorms, updateNorms, weightNorms, step);
    }

    static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
