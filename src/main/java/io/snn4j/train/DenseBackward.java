package io.snn4j.train;

import java.util.Arrays;

/**
 * The micro level of HM2-BP for one dense layer (hm2bp-spec 4.3, 4.4), with the scratch buffers of one worker.
 * Weights, S-PSPs and gradients are source-major: the entry of pre neuron j and post neuron i is at
 * {@code j * nOut + i}, so one presynaptic spike adds one contiguous table row.
 * <pre>
 *   e_{i|j}   = sum_{q in S_j} K_i[q]            (K_i: {@link Spsp} table of fired post neuron i; 0.1 / 0 rules)
 *   side_i    = (1/nu_out) sum_j w_ij rho_ij,      rho_ij = e_{i|j}/o_i if o_i &gt; 0, else 0.5
 *   grad_ij   = delta_i * e_{i|j} * (1 + side_i) * L_i
 *   dE/do_j   = sum_i delta_i w_ij rho'_ij,        rho'_ij = e_{i|j}/o_j if o_i &gt; 0 and o_j &gt; 0, else 1
 *   delta_j   = dE/do_j / nu_in
 * </pre>
 * Not thread-safe (one instance per worker and layer).
 */
final class DenseBackward implements LayerBackward {
    final int nIn;
    final int nOut;
    private final Spsp spsp;
    private final int ticks;
    final float[] table;
    private final float[] tableByNeuron;
    final float[] e;
    private final float[] accWe;
    private final float[] accW;
    private final float[] factor;
    private final float[] dFired;
    private final float[] dSilent;
    private final int[] silent;
    final double[] side;

    DenseBackward(int nIn, int nOut, Spsp spsp) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.spsp = spsp;
        this.ticks = spsp.ticks();
        table = new float[ticks * nOut];
        tableByNeuron = new float[ticks * nOut];
        e = new float[nIn * nOut];
        accWe = new float[nOut];
        accW = new float[nOut];
        factor = new float[nOut];
        dFired = new float[nOut];
        dSilent = new float[nOut];
        silent = new int[nOut];
        side = new double[nOut];
    }

    @Override
    public void backward(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                         double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                         double nuIn, boolean effectRatio) {
        if (allZero(deltaOut, nOut)) {
            // nothing to learn from this sample in this layer (typical inside the dead zone): gradient and the
            // deltas handed down are exactly 0, so the S-PSPs are not needed
            if (!accumulate) {
                Arrays.fill(grad, 0, nIn * nOut, 0f);
            }
            if (deltaIn != null) {
                Arrays.fill(deltaIn, 0, nIn, 0);
            }
            return;
        }
        effects(pre, preOff, post, postOff);
        gradients(pre, preOff, post, postOff, w, deltaOut, lateral, nuOut, grad, accumulate, deltaIn, nuIn,
                effectRatio);
    }

    /**
     * Fills {@link #e} from the trains of pre neurons {@code preOff ..} and post neurons {@code postOff ..}.
     */
    void effects(SpikeTrains pre, int preOff, SpikeTrains post, int postOff) {
        final int n = nOut;
        final int tt = ticks;
        final float[] k = table;
        final float[] byNeuron = tableByNeuron;
        int silentCount = 0;
        for (int i = 0; i < n; i++) {
            int c = post.count[postOff + i];
            Arrays.fill(byNeuron, i * tt, (i + 1) * tt, 0f);
            if (c > 0) {
                spsp.addColumn(post.times, post.start[postOff + i], c, byNeuron, 1, i * tt);
            } else {
                silent[silentCount++] = i;
            }
        }
        // transpose so that one presynaptic spike at q adds the contiguous row K[q][0 .. n)
        for (int q = 0; q < tt; q++) {
            final int row = q * n;
            for (int i = 0; i < n; i++) {
                k[row + i] = byNeuron[i * tt + q];
            }
        }
        final float[] ee = e;
        final int[] times = pre.times;
        final float silentValue = (float) Spsp.SILENT_POST_VALUE;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            Arrays.fill(ee, row, row + n, 0f);
            int from = pre.start[preOff + j];
            int to = from + pre.count[preOff + j];
            if (from == to) {
                continue;
            }
            for (int s = from; s < to; s++) {
                int q = times[s];
                if (q >= ticks) {
                    continue;
                }
                int src = q * n;
                for (int i = 0; i < n; i++) {
                    ee[row + i] += k[src + i];
                }
            }
            for (int s = 0; s < silentCount; s++) {
                ee[row + silent[s]] = silentValue;
            }
        }
    }

    /**
     * Computes the side terms, then writes (or adds) the weight gradient and, when {@code deltaIn} is not null, the
     * deltas of the pre layer. Call after {@link #effects} with the same trains.
     *
     * @param w        read; weights, source-major
     * @param deltaOut read; delta of each post neuron (already divided by nu_out)
     * @param lateral  read; lateral factor per post neuron, or null for 1
     * @param grad     written (or added to when {@code accumulate})
     * @param deltaIn  written when non-null; delta of each pre neuron, divided by {@code nuIn}
     * @param effectRatio whether rho' uses the S-PSP ratio (false: rho' = 1, plain W^T delta)
     */
    void gradients(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                   double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn, double nuIn,
                   boolean effectRatio) {
        final int n = nOut;
        final float[] ee = e;
        final float[] we = accWe;
        final float[] ws = accW;
        Arrays.fill(we, 0f);
        Arrays.fill(ws, 0f);
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            for (int i = 0; i < n; i++) {
                float wij = w[row + i];
                we[i] += wij * ee[row + i];
                ws[i] += wij;
            }
        }
        boolean anyDelta = false;
        for (int i = 0; i < n; i++) {
            int o = post.count[postOff + i];
            side[i] = o > 0 ? we[i] / (o * nuOut) : 0.5 * ws[i] / nuOut;
            double l = lateral == null ? 1 : lateral[i];
            factor[i] = (float) (deltaOut[i] * (1 + side[i]) * l);
            dFired[i] = o > 0 ? (float) deltaOut[i] : 0f;
            dSilent[i] = o > 0 ? 0f : (float) deltaOut[i];
            anyDelta |= deltaOut[i] != 0;
        }
        final float[] f = factor;
        if (accumulate) {
            if (anyDelta) {
                for (int j = 0; j < nIn; j++) {
                    final int row = j * n;
                    for (int i = 0; i < n; i++) {
                        grad[row + i] += f[i] * ee[row + i];
                    }
                }
            }
        } else if (!anyDelta) {
            Arrays.fill(grad, 0, nIn * n, 0f);
        } else {
            for (int j = 0; j < nIn; j++) {
                final int row = j * n;
                for (int i = 0; i < n; i++) {
                    grad[row + i] = f[i] * ee[row + i];
                }
            }
        }
        if (deltaIn == null) {
            return;
        }
        if (!anyDelta) {
            Arrays.fill(deltaIn, 0, nIn, 0);
            return;
        }
        final float[] df = dFired;
        final float[] ds = dSilent;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            int oj = pre.count[preOff + j];
            float viaRatio = 0f;
            float plain = 0f;
            if (oj > 0 && effectRatio) {
                for (int i = 0; i < n; i++) {
                    float wij = w[row + i];
                    viaRatio += df[i] * wij * ee[row + i];
                    plain += ds[i] * wij;
                }
                deltaIn[j] = ((double) viaRatio / oj + plain) / nuIn;
            } else {
                for (int i = 0; i < n; i++) {
                    plain += (df[i] + ds[i]) * w[row + i];
                }
                deltaIn[j] = plain / nuIn;
            }
        }
    }

    static boolean allZero(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
