package io.snn4j.network;

import io.snn4j.event.TouchSet;

/**
 * 2-D convolution with shared weights, delivered by scattering: an input spike at (c, y, x) reaches output
 * (oc, oy, ox) through tap (ky, kx) = (y + pad - oy*stride, x + pad - ox*stride) when the tap lies in the kernel.
 * Stores only the kernel, so memory does not grow with the image.
 */
final class Conv2dConnectivity extends Connectivity {
    private final int inH;
    private final int inW;
    private final int inC;
    private final int outC;
    private final int outH;
    private final int outW;
    private final int k;
    private final int[] outDegrees;
    private final int stride;
    private final int pad;
    private final float[] weights;

    Conv2dConnectivity(Shape in, Shape out, ProjectionSpec.Conv2d c) {
        super(in.size(), out.size(), c.delayTicks());
        inC = in.channels();
        inH = in.height();
        inW = in.width();
        outC = out.channels();
        outH = out.height();
        outW = out.width();
        k = c.kernel();
        stride = c.stride();
        pad = c.padding();
        weights = c.weights().clone();
        outDegrees = countOutDegrees();
    }

    /**
     * Overwrites the kernel in place ({@code (outChannels, inChannels, kernel, kernel)} order). Not thread-safe:
     * only between runs.
     */
    void overwrite(float[] kernelWeights) {
        if (kernelWeights.length != weights.length) {
            throw new IllegalArgumentException("conv2d weights: expected " + weights.length + " values, was "
                    + kernelWeights.length);
        }
        System.arraycopy(kernelWeights, 0, weights, 0, weights.length);
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int c = src / (inH * inW);
        final int y = (src / inW) % inH;
        final int x = src % inW;
        if (stride == 1) {
            deliverUnitStride(c, y, x, acc, base, touched);
            return -1;
        }
        for (int ky = 0; ky < k; ky++) {
            int ny = y + pad - ky;
            if (ny < 0 || ny % stride != 0 || ny / stride >= outH) {
                continue;
            }
            int oy = ny / stride;
            for (int kx = 0; kx < k; kx++) {
                int nx = x + pad - kx;
                if (nx < 0 || nx % stride != 0 || nx / stride >= outW) {
                    continue;
                }
                int ox = nx / stride;
                for (int oc = 0; oc < outC; oc++) {
                    int target = (oc * outH + oy) * outW + ox;
                    acc[base + target] += weights[((oc * inC + c) * k + ky) * k + kx];
                    if (touched != null) {
                        touched.add(target);
                    }
                }
            }
        }
        return -1;
    }

    /**
     * Stride 1: the taps that land in the output form one rectangle, found once; each output channel's weights
     * ({@code ky, kx} contiguous) go to a patch of rows of its map, instead of a stride-long jump per channel. Every
     * target still gets exactly one addition per spike, so the floats are those of the general loop.
     */
    private void deliverUnitStride(int c, int y, int x, float[] acc, int base, TouchSet touched) {
        final int kyLo = Math.max(0, y + pad - outH + 1);
        final int kyHi = Math.min(k - 1, y + pad);
        final int kxLo = Math.max(0, x + pad - outW + 1);
        final int kxHi = Math.min(k - 1, x + pad);
        final int map = outH * outW;
        for (int oc = 0; oc < outC; oc++) {
            final int w0 = (oc * inC + c) * k * k;
            for (int ky = kyLo; ky <= kyHi; ky++) {
                final int row = oc * map + (y + pad - ky) * outW + x + pad; // the target of kx = 0
                final int w = w0 + ky * k;
                for (int kx = kxLo; kx <= kxHi; kx++) {
                    acc[base + row - kx] += weights[w + kx];
                }
                if (touched != null) {
                    for (int kx = kxLo; kx <= kxHi; kx++) {
                        touched.add(row - kx);
                    }
                }
            }
        }
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        final int c = src / (inH * inW);
        final int y = (src / inW) % inH;
        final int x = src % inW;
        for (int ky = 0; ky < k; ky++) {
            int ny = y + pad - ky;
            if (ny < 0 || ny % stride != 0 || ny / stride >= outH) {
                continue;
            }
            int oy = ny / stride;
            for (int kx = 0; kx < k; kx++) {
                int nx = x + pad - kx;
                if (nx < 0 || nx % stride != 0 || nx / stride >= outW) {
                    continue;
                }
                int ox = nx / stride;
                for (int oc = 0; oc < outC; oc++) {
                    int target = (oc * outH + oy) * outW + ox;
                    acc[base + target] += (long) weights[((oc * inC + c) * k + ky) * k + kx];
                    if (touched != null) {
                        touched.add(target);
                    }
                }
            }
        }
        return -1;
    }

    @Override
    public int outDegree(int src) {
        return outDegrees[src];
    }

    @Override
    public long synapseCount() {
        return (long) targetSize * inC * k * k;
    }

    @Override
    public long bytes() {
        return 4L * weights.length;
    }
}
