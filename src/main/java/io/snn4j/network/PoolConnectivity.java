package io.snn4j.network;

import io.snn4j.event.TouchSet;

/** Spiking sum pooling: an input spike at (c, y, x) reaches every window of channel c that contains (y, x). */
final class PoolConnectivity extends Connectivity {
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int k;
    private final int[] outDegrees;
    private final int stride;
    private final float weight;

    PoolConnectivity(Shape in, Shape out, ProjectionSpec.Pool p) {
        super(in.size(), out.size(), p.delayTicks());
        inH = in.height();
        inW = in.width();
        outH = out.height();
        outW = out.width();
        k = p.kernel();
        stride = p.stride();
        weight = p.weight();
        outDegrees = countOutDegrees();
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int c = src / (inH * inW);
        final int y = (src / inW) % inH;
        final int x = src % inW;
        // windows oy with oy*stride <= y < oy*stride + k
        int oyLo = Math.max(0, Math.floorDiv(y - k + stride, stride));
        int oyHi = Math.min(outH - 1, y / stride);
        int oxLo = Math.max(0, Math.floorDiv(x - k + stride, stride));
        int oxHi = Math.min(outW - 1, x / stride);
        for (int oy = oyLo; oy <= oyHi; oy++) {
            for (int ox = oxLo; ox <= oxHi; ox++) {
                int target = (c * outH + oy) * outW + ox;
                acc[base + target] += weight;
                if (touched != null) {
                    touched.add(target);
                }
            }
        }
        return -1;
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        final int c = src / (inH * inW);
        final int y = (src / inW) % inH;
        final int x = src % inW;
        // windows oy with oy*stride <= y < oy*stride + k
        int oyLo = Math.max(0, Math.floorDiv(y - k + stride, stride));
        int oyHi = Math.min(outH - 1, y / stride);
        int oxLo = Math.max(0, Math.floorDiv(x - k + stride, stride));
        int oxHi = Math.min(outW - 1, x / stride);
        for (int oy = oyLo; oy <= oyHi; oy++) {
            for (int ox = oxLo; ox <= oxHi; ox++) {
                int target = (c * outH + oy) * outW + ox;
                acc[base + target] += (long) weight;
                if (touched != null) {
                    touched.add(target);
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
        return (long) targetSize * k * k;
    }

    @Override
    public long bytes() {
        return 0;
    }
}
