package io.snn4j.train;

/**
 * Stochastic gradient descent with optional heavy-ball momentum: {@code v = mu v + g; w -= lr v} (plain SGD when mu
 * is 0). The first-order baseline of the second-order options. Not thread-safe.
 */
final class Sgd implements Optimizer {
    private final boolean[] handled;
    private final double momentum;
    private final float[][] velocity;

    /** @param sizes parameters per trainable layer (0: not handled) */
    Sgd(int[] sizes, double momentum) {
        this.momentum = momentum;
        handled = new boolean[sizes.length];
        velocity = new float[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            handled[k] = sizes[k] > 0;
            velocity[k] = momentum > 0 ? new float[sizes[k]] : new float[0];
        }
    }

    @Override
    public boolean handles(int k) {
        return handled[k];
    }

    @Override
    public void step(float[][] weights, float[][] grads, double lr) {
        final float mu = (float) momentum;
        final float rate = (float) lr;
        for (int k = 0; k < weights.length; k++) {
            if (!handled[k]) {
                continue;
            }
            float[] w = weights[k];
            float[] g = grads[k];
            if (momentum > 0) {
                float[] v = velocity[k];
                for (int i = 0; i < w.length; i++) {
                    v[i] = mu * v[i] + g[i];
                    w[i] -= rate * v[i];
                }
            } else {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= rate * g[i];
                }
            }
        }
    }

    @Override
    public void save(AuxState out) {
        if (momentum > 0) {
            for (int k = 0; k < velocity.length; k++) {
                out.floats().put("sgd.velocity." + k, velocity[k].clone());
            }
        }
    }

    @Override
    public void restore(AuxState in) {
        if (momentum > 0) {
            for (int k = 0; k < velocity.length; k++) {
                System.arraycopy(in.floats("sgd.velocity." + k, velocity[k].length), 0, velocity[k], 0,
                        velocity[k].length);
            }
        }
    }
}
