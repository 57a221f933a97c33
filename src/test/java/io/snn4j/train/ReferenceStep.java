package io.snn4j.train;

import io.snn4j.event.InputSpikes;

/**
 * An independent, deliberately naive re-statement of one faithful HM2-BP training step for an input-dense-dense MLP
 * with output lateral inhibition, written from hm2bp-spec (the reference code's behaviour) in plain nested loops and
 * sharing no code with the trainer: the forward pass in the reference's own operation order (leak by subtraction, input
 * of tick t-1, refractory clamp, {@code v > nu - 1e-6} in float), spike trains as boolean rasters, the pairwise S-PSP
 * of spec 2.2, the output error, lateral factor, target injection, side terms, effect-ratio recursion, regulariser and
 * Adam. Weights are target-major {@code w[i][j]} (post i, pre j), as the reference stores them. Test oracle only.
 */
final class ReferenceStep {
    final int ticks;
    final double tauM = 64;
    final double tauS = 8;
    final int refractory = 2;
    final double nuHidden;
    final double nuOut;
    final float lateral;
    final RateLoss loss;
    final double lambda;
    final double beta;
    final double limit;
    final double lr;

    /** What the last {@link #step} went through (for coverage checks). */
    boolean injected;
    int silentHidden;
    double maxLateral;

    ReferenceStep(int ticks, double nuHidden, double nuOut, float lateral, TrainingConfig c, double lr) {
        this.ticks = ticks;
        this.nuHidden = nuHidden;
        this.nuOut = nuOut;
        this.lateral = lateral;
        this.loss = c.loss();
        this.lambda = c.lambda();
        this.beta = c.beta();
        this.limit = c.weightLimit();
        this.lr = lr;
    }

    /**
     * Reference forward pass of one layer: {@code in[t][j]} spikes and weights {@code w[i][j]} give {@code out[t][i]}.
     */
    boolean[][] forward(boolean[][] in, float[][] w, double nu, float lat) {
        int nOut = w.length;
        int nIn = w[0].length;
        boolean[][] out = new boolean[ticks][nOut];
        float[] v = new float[nOut];
        float[] ep = new float[nOut];
        int[] ref = new int[nOut];
        float th = (float) (nu - 1e-6);
        float tm = (float) tauM;
        float ts = (float) tauS;
        for (int t = 0; t < ticks; t++) {
            for (int i = 0; i < nOut; i++) {
                v[i] -= v[i] / tm;
                ep[i] -= ep[i] / ts;
                if (t == 0) {
                    continue;
                }
                float r = 0;
                for (int j = 0; j < nIn; j++) {
                    if (in[t - 1][j]) {
                        r += w[i][j];
                    }
                }
                for (int l = 0; l < nOut && lat != 0; l++) {
                    if (l != i && out[t - 1][l]) {
                        r -= lat;
                    }
                }
                ep[i] += r;
                v[i] += ep[i] / ts;
                if (ref[i] > 0) {
                    v[i] = 0;
                    ref[i]--;
                }
                if (v[i] > th) {
                    out[t][i] = true;
                    ref[i] = refractory;
                    v[i] = 0;
                }
            }
        }
        return out;
    }

    static int[][] times(boolean[][] raster) {
        int n = raster[0].length;
        int[][] r = new int[n][];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (boolean[] row : raster) {
                c += row[i] ? 1 : 0;
            }
            r[i] = new int[c];
            c = 0;
            for (int t = 0; t < raster.length; t++) {
                if (raster[t][i]) {
                    r[i][c++] = t;
                }
            }
        }
        return r;
    }

    double eps0(double u) {
        return (Math.exp(-u / tauM) - Math.exp(-u / tauS)) / (1 - tauS / tauM);
    }

    /** The pairwise S-PSP of spec 2.2 with the zero-spike rules. */
    double effect(int[] post, int[] pre) {
        if (pre.length == 0) {
            return 0;
        }
        if (post.length == 0) {
            return 0.1;
        }
        double e = 0;
        int reset = 1;
        for (int tp : post) {
            int lo = Math.max(1, (int) (tp - 4 * tauM));
            for (int q : pre) {
                if (q < lo || q >= tp || q + refractory > tp) {
                    continue;
                }
                int s = tp - reset;
                int u = tp - q - refractory;
                e += Math.exp(-Math.max(u - s, 0) / tauS) * eps0(Math.min(s, u));
            }
            reset = tp + refractory;
        }
        return e;
    }

    /**
     * One training step on one sample: updates {@code w} (weights per layer, target-major) and the Adam moments
     * {@code m}, {@code v} (same layout) as Adam step number {@code step} (1 for the first).
     */
    void step(InputSpikes input, int label, float[][][] w, double[][][] m, double[][][] v, long step) {
        double[][][] g = gradients(input, label, w);
        update(w[1], g[1], m[1], v[1], step);
        update(w[0], g[0], m[0], v[0], step);
    }

    /**
     * One mini-batch step (the minibatch mode's semantics): every sample's data gradient from the same weights, their
     * mean, then one regularised Adam step number {@code step}.
     */
    void batchStep(InputSpikes[] inputs, int[] labels, float[][][] w, double[][][] m, double[][][] v, long step) {
        double[][][] sum = null;
        for (int s = 0; s < inputs.length; s++) {
            double[][][] g = gradients(inputs[s], labels[s], w);
            if (sum == null) {
                sum = g;
                continue;
            }
            for (int k = 0; k < g.length; k++) {
                for (int i = 0; i < g[k].length; i++) {
                    for (int j = 0; j < g[k][i].length; j++) {
                        sum[k][i][j] += g[k][i][j];
                    }
                }
            }
        }
        for (double[][] layer : sum) {
            for (double[] row : layer) {
                for (int j = 0; j < row.length; j++) {
                    row[j] /= inputs.length;
                }
            }
        }
        update(w[1], sum[1], m[1], v[1], step);
        update(w[0], sum[0], m[0], v[0], step);
    }

    /** The data gradients (no regulariser) of both layers for one sample, target-major like {@code w}. */
    double[][][] gradients(InputSpikes input, int label, float[][][] w) {
        float[][] w1 = w[0];
        float[][] w2 = w[1];
        int nIn = w1[0].length;
        int nHid = w1.length;
        int nOut = w2.length;
        boolean[][] x = new boolean[ticks][nIn];
        for (int k = 0; k < input.size(); k++) {
            x[input.tick(k)][input.channel(k)] = true;
        }
        boolean[][] h = forward(x, w1, nuHidden, 0);
        boolean[][] o = forward(h, w2, nuOut, lateral);
        int[][] xs = times(x);
        int[][] hs = times(h);
        int[][] os = times(o);
        silentHidden = 0;
        for (int[] train : hs) {
            silentHidden += train.length == 0 ? 1 : 0;
        }
        // output error divided by the output threshold (boost 1 in epoch 0)
        double[] dOut = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            dOut[i] = loss.error(os[i].length, loss.target(i, label)) / nuOut;
        }
        // lateral factor on the trains before injection
        double[] lat = new double[nOut];
        maxLateral = 0;
        for (int j = 0; j < nOut; j++) {
            double dj = os[j].length > 0 || j == label ? 1 / nuOut : 0;
            double sum = 0;
            for (int l = 0; l < nOut; l++) {
                if (l == j) {
                    continue;
                }
                double dl = os[l].length > 0 || l == label ? 1 / nuOut : 0;
                int fj = os[j].length;
                int fl = os[l].length;
                double rjl = fj == 0 || fl == 0 ? 1 : effect(os[l], os[j]) / fj;
                double rlj = fj == 0 || fl == 0 ? 1 : effect(os[j], os[l]) / fl;
                sum += rjl * dl * rlj * dj;
            }
            lat[j] = 1 / (1 - (double) lateral * lateral * sum);
            maxLateral = Math.max(maxLateral, lat[j]);
        }
        // target injection for a silent label neuron
        injected = os[label].length == 0;
        if (injected) {
            int every = ticks / loss.desired();
            int n = (ticks - 1) / every;
            os[label] = new int[n];
            for (int k = 0; k < n; k++) {
                os[label][k] = (k + 1) * every;
            }
        }
        double[][] g2 = layerGradient(os, hs, w2, dOut, lat, nuOut);
        double[] dHid = new double[nHid];
        for (int j = 0; j < nHid; j++) {
            double s = 0;
            for (int i = 0; i < nOut; i++) {
                int oi = os[i].length;
                int oj = hs[j].length;
                double ratio = oi > 0 && oj > 0 ? effect(os[i], hs[j]) / oj : 1;
                s += dOut[i] * w2[i][j] * ratio;
            }
            dHid[j] = s / nuHidden;
        }
        double[][] g1 = layerGradient(hs, xs, w1, dHid, null, nuHidden);
        return new double[][][] {g1, g2};
    }

    private double[][] layerGradient(int[][] post, int[][] pre, float[][] w, double[] delta, double[] lat, double nu) {
        int nOut = w.length;
        int nIn = w[0].length;
        double[][] g = new double[nOut][nIn];
        for (int i = 0; i < nOut; i++) {
            double[] e = new double[nIn];
            double side = 0;
            int oi = post[i].length;
            for (int j = 0; j < nIn; j++) {
                e[j] = effect(post[i], pre[j]);
                side += w[i][j] * (oi == 0 ? 0.5 : e[j] / oi);
            }
            side /= nu;
            double l = lat == null ? 1 : lat[i];
            for (int j = 0; j < nIn; j++) {
                g[i][j] = delta[i] * e[j] * (1 + side) * l;
            }
        }
        return g;
    }

    private void update(float[][] w, double[][] g, double[][] m, double[][] v, long t) {
        for (int i = 0; i < w.length; i++) {
            double s = 0;
            for (float x : w[i]) {
                s += (x / limit) * (x / limit);
            }
            s /= w[i].length;
            for (int j = 0; j < w[i].length; j++) {
                double gg = g[i][j] + lambda * beta * (w[i][j] / limit) * Math.exp(beta * (s - 1));
                m[i][j] = 0.9 * m[i][j] + 0.1 * gg;
                v[i][j] = 0.999 * v[i][j] + 0.001 * gg * gg;
                double mh = m[i][j] / (1 - Math.pow(0.9, (double) t));
                double vh = v[i][j] / (1 - Math.pow(0.999, (double) t));
                w[i][j] = (float) (w[i][j] - lr * mh / (Math.sqrt(vh) + 1e-8));
            }
        }
    }
}
