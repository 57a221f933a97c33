package io.snn4j.network;

import io.snn4j.backend.Kernels;
import io.snn4j.event.TouchSet;
import java.util.Arrays;

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
    /**
     * For {@link #deliverRows}: each kernel row {@code (oc, c, ky)} reversed, between {@code WINDOW - 1} values of
     * {@code -0f} on either side ({@link #windowRow} floats per row), so that the taps a spike sends into one output
     * row are one window of {@link Kernels#WINDOW} contiguous floats. Null where the geometry does not allow it.
     */
    private final float[] windows;
    private final int windowRow;

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
        boolean windowed = stride == 1 && k <= Kernels.WINDOW && outW >= Kernels.WINDOW;
        windowRow = 2 * (Kernels.WINDOW - 1) + k;
        windows = windowed ? new float[outC * inC * k * windowRow] : null;
        fillWindows();
    }

    private void fillWindows() {
        if (windows == null) {
            return;
        }
        Arrays.fill(windows, -0f);
        for (int row = 0; row < outC * inC * k; row++) {
            for (int kx = 0; kx < k; kx++) {
                windows[row * windowRow + Kernels.WINDOW - 1 + k - 1 - kx] = weights[row * k + kx];
            }
        }
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
        fillWindows();
    }

    @Override
    public boolean deliversRows() {
        return windows != null;
    }

    /**
     * Stride 1, SIMD kernels: per spike and output channel, each kernel row the spike reaches is one window add
     * ({@link Kernels#addWindows}) into a run of {@link Kernels#WINDOW} neurons of an output row, placed inside the
     * row so that it covers every target (the lanes without a tap add {@code -0f}). Every target gets the addition of
     * {@link #deliverGroup} once per spike, spikes in order, so the floats are those of the per-spike loop. Scalar
     * kernels take that loop.
     */
    @Override
    public void deliverRows(Kernels kernels, int[] sources, int count, float[] acc, int base, TouchSet touched) {
        if (kernels.lanes() == 1) {
            for (int s = 0; s < count; s++) {
                deliverGroup(sources[s], 0, acc, base, touched);
            }
            return;
        }
        deliverWindows(kernels, sources, count, acc, base, 0, outC);
        if (touched != null) {
            for (int s = 0; s < count; s++) {
                final int src = sources[s];
                touchTargets((src / inW) % inH, src % inW, touched);
            }
        }
    }

    /** Blocks of one output channel each. */
    @Override
    public int splitBlocks() {
        return outC;
    }

    @Override
    public void deliverRowsPart(Kernels kernels, int[] sources, int count, float[] acc, int base, int part,
                                int parts) {
        int ocFrom = outC * part / parts;
        int ocTo = outC * (part + 1) / parts;
        if (kernels.lanes() == 1) {
            for (int s = 0; s < count; s++) {
                final int src = sources[s];
                deliverUnitStride(src / (inH * inW), (src / inW) % inH, src % inW, acc, base, ocFrom, ocTo);
            }
        } else {
            deliverWindows(kernels, sources, count, acc, base, ocFrom, ocTo);
        }
    }

    /** The windowed delivery of {@link #deliverRows} into output channels [ocFrom, ocTo). */
    private void deliverWindows(Kernels kernels, int[] sources, int count, float[] acc, int base, int ocFrom,
                                int ocTo) {
        final int plane = inH * inW;
        final int map = outH * outW;
        final int w = Kernels.WINDOW;
        for (int s = 0; s < count; s++) {
            final int src = sources[s];
            final int c = src / plane;
            final int y = (src / inW) % inH;
            final int xp = src % inW + pad;
            final int kyLo = Math.max(0, y + pad - outH + 1);
            final int kyHi = Math.min(k - 1, y + pad);
            final int start = Math.min(Math.max(xp - k + 1, 0), outW - w); // first output column of the window
            final int from = w + k - 2 - xp + start; // the window's first float within a kernel row's windows
            final int rows = kyHi - kyLo + 1;
            for (int oc = ocFrom; oc < ocTo; oc++) {
                int target = base + oc * map + (y + pad - kyLo) * outW + start;
                int zRow = ((oc * inC + c) * k + kyLo) * windowRow + from;
                kernels.addWindows(acc, target, -outW, windows, zRow, windowRow, rows);
            }
        }
    }

    private void touchTargets(int y, int x, TouchSet touched) {
        final int kyLo = Math.max(0, y + pad - outH + 1);
        final int kyHi = Math.min(k - 1, y + pad);
        final int kxLo = Math.max(0, x + pad - outW + 1);
        final int kxHi = Math.min(k - 1, x + pad);
        for (int oc = 0; oc < outC; oc++) {
            for (int ky = kyLo; ky <= kyHi; ky++) {
                final int row = (oc * outH + y + pad - ky) * outW + x + pad;
                for (int kx = kxLo; kx <= kxHi; kx++) {
                    touched.add(row - kx);
                }
            }
        }
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int c = src / (inH * inW);
        final int y = (src / inW) % inH;
        final int x = src % inW;
        if (stride == 1) {
            deliverUnitStride(c, y, x, acc, base, 0, outC);
            if (touched != null) {
                touchTargets(y, x, touched);
            }
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
    private void deliverUnitStride(int c, int y, int x, float[] acc, int base, int ocFrom, int ocTo) {
        final int kyLo = Math.max(0, y + pad - outH + 1);
        final int kyHi = Math.min(k - 1, y + pad);
        final int kxLo = Math.max(0, x + pad - outW + 1);
        final int kxHi = Math.min(k - 1, x + pad);
        final int map = outH * outW;
        for (int oc = ocFrom; oc < ocTo; oc++) {
            final int w0 = (oc * inC + c) * k * k;
            for (int ky = kyLo; ky <= kyHi; ky++) {
                final int row = oc * map + (y + pad - ky) * outW + x + pad; // the target of kx = 0
                final int w = w0 + ky * k;
                for (int kx = kxLo; kx <= kxHi; kx++) {
                    acc[base + row - kx] += weights[w + kx];
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
