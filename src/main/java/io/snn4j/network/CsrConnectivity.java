package io.snn4j.network;

import io.snn4j.event.TouchSet;

/**
 * Compressed sparse rows by source neuron: {@code rowStart[src] .. rowStart[src+1]} index {@code targets} and
 * {@code weights}; rows are sorted by (delay, target), stably, so equal (pre, post, delay) synapses keep list order.
 * Per-synapse delays are stored as one unsigned byte {@code delay - minDelay} (absent when all delays are equal),
 * and weights only when they differ (a projection whose synapses all have the same weight, as a random projection
 * without spread, keeps that one float): 8 bytes a synapse (4 with one weight, one more with delays) plus 4 a source
 * neuron.
 */
final class CsrConnectivity extends Connectivity {
    private final int[] rowStart;
    private final int[] targets;
    /** Null when every synapse has {@link #weight}. */
    private final float[] weights;
    private final float weight;
    private final byte[] delayOffsets;
    private final int maxDelay;

    private CsrConnectivity(int nIn, int nOut, int delay, int[] rowStart, int[] targets, float[] weights,
                            byte[] delayOffsets, int maxDelay) {
        super(nIn, nOut, delay);
        this.rowStart = rowStart;
        this.targets = targets;
        this.weights = uniform(weights) ? null : weights;
        this.weight = weights.length > 0 ? weights[0] : 0f;
        this.delayOffsets = delayOffsets;
        this.maxDelay = maxDelay;
    }

    static CsrConnectivity fromLists(int nIn, int nOut, ProjectionSpec.Sparse s) {
        int n = s.pre().length;
        int[] rowStart = new int[nIn + 1];
        for (int k = 0; k < n; k++) {
            rowStart[s.pre()[k] + 1]++;
        }
        for (int i = 0; i < nIn; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = java.util.Arrays.copyOf(rowStart, nIn);
        int[] targets = new int[n];
        float[] weights = new float[n];
        int minDelay = s.delayTicks();
        byte[] offsets = s.delays() == null ? null : new byte[n];
        int maxDelay = s.maxDelayTicks();
        for (int k = 0; k < n; k++) {
            int at = fill[s.pre()[k]]++;
            targets[at] = s.post()[k];
            weights[at] = s.weights()[k];
            if (offsets != null) {
                offsets[at] = (byte) (s.delays()[k] - minDelay);
            }
        }
        sortRows(rowStart, targets, weights, offsets);
        return new CsrConnectivity(nIn, nOut, minDelay, rowStart, targets, weights, offsets, maxDelay);
    }

    static CsrConnectivity fromRandom(int nIn, int nOut, ProjectionSpec.Random r) {
        int[] rowStart = new int[nIn + 1];
        RandomConnectivity.generate(r, nIn, nOut, (pre, post, w, d) -> rowStart[pre + 1]++);
        for (int i = 0; i < nIn; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int n = rowStart[nIn];
        int[] targets = new int[n];
        float[] weights = new float[n];
        boolean withDelays = r.delayMaxTicks() > r.delayTicks();
        byte[] offsets = withDelays ? new byte[n] : null;
        int[] at = {0};
        RandomConnectivity.generate(r, nIn, nOut, (pre, post, w, d) -> {
            int k = at[0]++;
            targets[k] = post;
            weights[k] = w;
            if (offsets != null) {
                offsets[k] = (byte) (d - r.delayTicks());
            }
        });
        sortRows(rowStart, targets, weights, offsets);
        return new CsrConnectivity(nIn, nOut, r.delayTicks(), rowStart, targets, weights, offsets,
                r.delayMaxTicks());
    }

    /** Whether every weight has the same bits (so that one float stands for all of them). */
    private static boolean uniform(float[] weights) {
        if (weights.length == 0) {
            return false;
        }
        int bits = Float.floatToRawIntBits(weights[0]);
        for (float w : weights) {
            if (Float.floatToRawIntBits(w) != bits) {
                return false;
            }
        }
        return true;
    }

    /** Stable insertion sort of each row by (delay offset, target); rows are short and usually already sorted. */
    private static void sortRows(int[] rowStart, int[] targets, float[] weights, byte[] offsets) {
        for (int row = 0; row + 1 < rowStart.length; row++) {
            int lo = rowStart[row];
            int hi = rowStart[row + 1];
            for (int k = lo + 1; k < hi; k++) {
                int t = targets[k];
                float w = weights[k];
                int d = offsets == null ? 0 : offsets[k] & 0xFF;
                long key = ((long) d << 32) | t;
                int m = k - 1;
                while (m >= lo && (((long) (offsets == null ? 0 : offsets[m] & 0xFF) << 32) | targets[m]) > key) {
                    targets[m + 1] = targets[m];
                    weights[m + 1] = weights[m];
                    if (offsets != null) {
                        offsets[m + 1] = offsets[m];
                    }
                    m--;
                }
                targets[m + 1] = t;
                weights[m + 1] = w;
                if (offsets != null) {
                    offsets[m + 1] = (byte) d;
                }
            }
        }
    }

    @Override
    public int firstGroup(int src) {
        return rowStart[src] < rowStart[src + 1] ? rowStart[src] : -1;
    }

    @Override
    public int groupDelay(int src, int cursor) {
        return delayOffsets == null ? delay : delay + (delayOffsets[cursor] & 0xFF);
    }

    @Override
    public int deliverGroup(int src, int cursor, float[] acc, int base, TouchSet touched) {
        final int end = rowStart[src + 1];
        final int[] t = targets;
        final float[] w = weights;
        int k = cursor;
        if (delayOffsets == null) {
            if (w == null) {
                deliverUniform(k, end, acc, base, touched);
            } else if (touched == null) {
                for (; k < end; k++) {
                    acc[base + t[k]] += w[k];
                }
            } else {
                for (; k < end; k++) {
                    acc[base + t[k]] += w[k];
                    touched.add(t[k]);
                }
            }
            return -1;
        }
        final byte[] d = delayOffsets;
        final byte group = d[cursor];
        for (; k < end && d[k] == group; k++) {
            acc[base + t[k]] += w == null ? weight : w[k];
            if (touched != null) {
                touched.add(t[k]);
            }
        }
        return k < end ? k : -1;
    }

    /** Synapses [from, to) of one row, all of weight {@link #weight}, without delay groups. */
    private void deliverUniform(int from, int to, float[] acc, int base, TouchSet touched) {
        final int[] t = targets;
        final float u = weight;
        if (touched == null) {
            for (int k = from; k < to; k++) {
                acc[base + t[k]] += u;
            }
        } else {
            for (int k = from; k < to; k++) {
                acc[base + t[k]] += u;
                touched.add(t[k]);
            }
        }
    }

    @Override
    public int deliverGroup(int src, int cursor, long[] acc, int base, TouchSet touched) {
        final int end = rowStart[src + 1];
        final int[] t = targets;
        final float[] w = weights;
        int k = cursor;
        if (delayOffsets == null) {
            if (touched == null) {
                for (; k < end; k++) {
                    acc[base + t[k]] += (long) (w == null ? weight : w[k]);
                }
            } else {
                for (; k < end; k++) {
                    acc[base + t[k]] += (long) (w == null ? weight : w[k]);
                    touched.add(t[k]);
                }
            }
            return -1;
        }
        final byte[] d = delayOffsets;
        final byte group = d[cursor];
        for (; k < end && d[k] == group; k++) {
            acc[base + t[k]] += (long) (w == null ? weight : w[k]);
            if (touched != null) {
                touched.add(t[k]);
            }
        }
        return k < end ? k : -1;
    }

    @Override
    public int maxDelay() {
        return maxDelay;
    }

    @Override
    public int outDegree(int src) {
        return rowStart[src + 1] - rowStart[src];
    }

    @Override
    public long synapseCount() {
        return targets.length;
    }

    @Override
    public long bytes() {
        return 4L * targets.length + (weights == null ? 0 : 4L * weights.length)
                + (delayOffsets == null ? 0 : delayOffsets.length) + 4L * rowStart.length;
    }
}
