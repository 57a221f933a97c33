package io.snn4j.network;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.event.TouchSet;

/** All-to-all weights stored transposed (source-major) so that one spike adds one contiguous row. */
final class DenseConnectivity extends Connectivity {
    /** Row additions give the same floats with any kernels, so the JVM's best ones are used. */
    private static final Kernels KERNELS = KernelProvider.get();

    /** Own copy, or the trainer's array itself after {@link #share}. */
    private float[] weightsBySource;

    /** @param weights read; row-major target x source */
    DenseConnectivity(int nIn, int nOut, int delay, float[] weights) {
        super(nIn, nOut, delay);
        weightsBySource = new float[weights.length];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < nIn; i++) {
                weightsBySource[i * nOut + o] = weights[o * nIn + i];
            }
        }
    }

    /**
     * Overwrites every weight in place from a source-major array ({@code weightsBySource[src * nOut + target]}).
     * Not thread-safe: only between runs.
     */
    void overwriteBySource(float[] bySource) {
        checkLength(bySource);
        if (bySource != weightsBySource) {
            System.arraycopy(bySource, 0, weightsBySource, 0, bySource.length);
        }
    }

    /**
     * From now on reads the weights from {@code bySource} itself (source-major), which its owner changes in place
     * between runs. Not thread-safe: only between runs.
     */
    void share(float[] bySource) {
        checkLength(bySource);
        weightsBySource = bySource;
    }

    private void checkLength(float[] bySource) {
        if (bySource.length != weightsBySource.length) {
            throw new IllegalArgumentException("dense weights: expected " + weightsBySource.length
                    + " values, was " + bySource.length);
        }
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int n = targetSize;
        KERNELS.addTo(acc, base, weightsBySource, src * n, n);
        if (touched != null) { // every target is touched
            touched.addAll();
        }
        return -1;
    }

    @Override
    public boolean deliversRows() {
        return true;
    }

    @Override
    public void deliverRows(Kernels kernels, int[] sources, int count, float[] acc, int base, TouchSet touched) {
        kernels.addRows(acc, base, weightsBySource, sources, 0, count, targetSize, 0, targetSize);
        if (touched != null && count > 0) { // every target is touched
            touched.addAll();
        }
    }

    /** Blocks of 16 targets (whole vectors of up to 512 bits), the last one shorter. */
    @Override
    public int splitBlocks() {
        return (targetSize + 15) / 16;
    }

    @Override
    public void deliverRowsPart(Kernels kernels, int[] sources, int count, float[] acc, int base, int part,
                                int parts) {
        int blocks = splitBlocks();
        int from = Math.min(targetSize, 16 * (blocks * part / parts));
        int to = Math.min(targetSize, 16 * (blocks * (part + 1) / parts));
        kernels.addRows(acc, base + from, weightsBySource, sources, 0, count, targetSize, from, to - from);
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        final float[] w = weightsBySource;
        final int n = targetSize;
        final int off = src * n;
        for (int o = 0; o < n; o++) {
            acc[base + o] += (long) w[off + o];
        }
        if (touched != null) { // every target is touched
            touched.addAll();
        }
        return -1;
    }

    @Override
    public int outDegree(int src) {
        return targetSize;
    }

    @Override
    public long synapseCount() {
        return weightsBySource.length;
    }

    @Override
    public long bytes() {
        return 4L * weightsBySource.length;
    }
}
