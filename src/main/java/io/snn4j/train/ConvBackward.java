package io.snn4j.train;

import java.util.Arrays;

/**
 * The micro level of a spiking convolution (hm2bp-spec 6.2) with one worker's scratch. Post neuron o = (oc, oy, ox)
 * sees taps (ic, ky, kx) at input (ic, oy*stride - pad + ky, ox*stride - pad + kx) through the shared weight
 * {@code w[((oc * inC + ic) * k + ky) * k + kx]}.
 * <pre>
 *   side_o          = (1/nu) sum_taps w_tap rho_o,   rho = e_{o|in}/o_o if o_o &gt; 0, else 0.5
 *                                                    (per output position)
 *   grad[oc, tap]   = sum over positions (oy, ox) of delta_o * e_{o|in} * (1 + side_o)
 *   delta_in        = sum_{o reading in} delta_o * w_tap * rho'_{o,in} / nu_in   (rho' always on, as the reference)
 * </pre>
 * No lateral factor. Not thread-safe.
 */
final class ConvBackward implements LayerBackward {
    private final Spsp spsp;
    private final int ticks;
    private final int outC;
    private final int positions;
    private final int taps;
    /** input neuron of (o, tap), or -1 for a padded tap. */
    final int[] inputOf;
    final float[] e;
    private final float[] column;

    ConvBackward(int inC, int inH, int inW, int outC, int outH, int outW, int k, int stride, int pad, Spsp spsp) {
        this.spsp = spsp;
        this.ticks = spsp.ticks();
        this.outC = outC;
        this.positions = outH * outW;
        this.taps = inC * k * k;
        int nOut = outC * positions;
        inputOf = new int[nOut * taps];
        e = new float[nOut * taps];
        column = new float[ticks];
        for (int oc = 0; oc < outC; oc++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int o = (oc * outH + oy) * outW + ox;
                    for (int ic = 0; ic < inC; ic++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int y = oy * stride - pad + ky;
                                int x = ox * stride - pad + kx;
                                int tap = (ic * k + ky) * k + kx;
                                inputOf[o * taps + tap] = y < 0 || y >= inH || x < 0 || x >= inW ? -1
                                        : (ic * inH + y) * inW + x;
                            }
                        }
                    }
                }
            }
        }
    }

    int taps() {
        return taps;
    }

    /** Fills {@link #e}: S-PSP of every (post, tap) pair (0 for padded taps). */
    void effects(SpikeTrains pre, int preOff, SpikeTrains post, int postOff) {
        final int nOut = outC * positions;
        final float silentValue = (float) Spsp.SILENT_POST_VALUE;
        final float[] col = column;
        for (int o = 0; o < nOut; o++) {
            int c = post.count[postOff + o];
            int base = o * taps;
            if (c == 0) {
                for (int t = 0; t < taps; t++) {
                    int in = inputOf[base + t];
                    e[base + t] = in >= 0 && pre.count[preOff + in] > 0 ? silentValue : 0f;
                }
                continue;
            }
            Arrays.fill(col, 0f);
            spsp.addColumn(post.times, post.start[postOff + o], c, col, 1, 0);
            for (int t = 0; t < taps; t++) {
                int in = inputOf[base + t];
                float sum = 0f;
                if (in >= 0) {
                    for (int s = pre.start[preOff + in], end = s + pre.count[preOff + in]; s < end; s++) {
                        int q = pre.times[s];
                        if (q < ticks) {
                            sum += col[q];
                        }
                    }
                }
                e[base + t] = sum;
            }
        }
    }

    @Override
    public void backward(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                         double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                         double nuIn, boolean effectRatio) {
        if (DenseBackward.allZero(deltaOut, deltaOut.length)) {
            if (!accumulate) {
                Arrays.fill(grad, 0f);
            }
            if (deltaIn != null) {
                Arrays.fill(deltaIn, 0);
            }
            return;
        }
        effects(pre, preOff, post, postOff);
        if (!accumulate) {
            Arrays.fill(grad, 0f);
        }
        if (deltaIn != null) {
            Arrays.fill(deltaIn, 0);
        }
        for (int oc = 0; oc < outC; oc++) {
            final int wBase = oc * taps;
            for (int p = 0; p < positions; p++) {
                int o = oc * positions + p;
                double d = deltaOut[o];
                if (d == 0) {
                    continue;
                }
                int oo = post.count[postOff + o];
                int base = o * taps;
                double side = 0;
                for (int t = 0; t < taps; t++) {
                    if (inputOf[base + t] >= 0) {
                        side += w[wBase + t] * (oo > 0 ? e[base + t] / (double) oo : 0.5);
                    }
                }
                side /= nuOut;
                double f = d * (1 + side) * (lateral == null ? 1 : lateral[o]);
                for (int t = 0; t < taps; t++) {
                    grad[wBase + t] += (float) (f * e[base + t]);
                }
                if (deltaIn != null) {
                    for (int t = 0; t < taps; t++) {
                        int in = inputOf[base + t];
                        if (in < 0) {
                            continue;
                        }
                        int oi = pre.count[preOff + in];
                        double rho = oo > 0 && oi > 0 ? e[base + t] / oi : 1;
                        deltaIn[in] += d * w[wBase + t] * rho;
                    }
                }
            }
        }
        if (deltaIn != null) {
            // Deviation from the reference (possibly): spec 6.2 does not say whether the conv layer divides the delta
            // it hands down by the lower layer's threshold; we divide, as the dense recursion does (spec 4.4). Below a
            // pooling layer this matters; the reference CNN's conv2 sits on pool1 (nu 2).
            for (int j = 0; j < deltaIn.length; j++) {
                deltaIn[j] /= nuIn;
            }
        }
    }
}
