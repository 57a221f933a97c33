package io.snn4j.train;

/**
 * Backward pass of spiking sum pooling (hm2bp-spec 6.3): no weights; the delta handed down is
 * {@code delta_in = sum_{windows p holding in} delta_p / kernel^2 * rho'_{p,in}}, rho' = e_{p|in}/o_in when both
 * spiked, else 1. As the reference, no division by a threshold. Not thread-safe.
 */
final class PoolBackward implements LayerBackward {
    private final Spsp spsp;
    private final int ticks;
    private final int channels;
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int k;
    private final int stride;
    private final float[] column;

    PoolBackward(int channels, int inH, int inW, int outH, int outW, int k, int stride, Spsp spsp) {
        this.spsp = spsp;
        this.ticks = spsp.ticks();
        this.channels = channels;
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.k = k;
        this.stride = stride;
        this.column = new float[ticks];
    }

    @Override
    public void backward(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                         double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                         double nuIn, boolean effectRatio) {
        if (deltaIn == null) {
            return;
        }
        java.util.Arrays.fill(deltaIn, 0);
        final double area = (double) k * k;
        for (int c = 0; c < channels; c++) {
            for (int py = 0; py < outH; py++) {
                for (int px = 0; px < outW; px++) {
                    int p = (c * outH + py) * outW + px;
                    double d = deltaOut[p];
                    if (d == 0) {
                        continue;
                    }
                    int op = post.count[postOff + p];
                    if (op > 0) {
                        java.util.Arrays.fill(column, 0f);
                        spsp.addColumn(post.times, post.start[postOff + p], op, column, 1, 0);
                    }
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int y = py * stride + ky;
                            int x = px * stride + kx;
                            int in = (c * inH + y) * inW + x;
                            int oi = pre.count[preOff + in];
                            double rho = 1;
                            if (op > 0 && oi > 0) {
                                double e = 0;
                                for (int s = pre.start[preOff + in], end = s + oi; s < end; s++) {
                                    int q = pre.times[s];
                                    if (q < ticks) {
                                        e += column[q];
                                    }
                                }
                                rho = e / oi;
                            }
                            deltaIn[in] += d / area * rho;
                        }
                    }
                }
            }
        }
    }
}
