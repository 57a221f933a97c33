package io.snn4j.runtime;

/**
 * The synapses of one projection of a loaded model, in the form a session delivers spikes through. A spike of
 * source neuron {@code src} at tick t adds its weights into the target's delay ring slot {@code (t + delay) & mask}
 * of the projection's synapse type. The order in which one spike's weights reach a target is the stepped engine's
 * (each target at most once per delay group; explicit sparse lists keep repeated (pre, post) pairs in list order), so
 * float sums agree bit for bit.
 *
 * <p>Integer mode adds the quantised weights (in integer units, before the {@code << frac_bits} of the tick) into
 * {@code long} slots instead. Immutable; shared by every session of the model.
 */
abstract class Projection {
    final String name;
    final int source;
    final int target;
    final int synapse;
    final int delay;
    final int sourceSize;
    final int targetSize;

    Projection(String name, int source, int target, int synapse, int delay, int sourceSize, int targetSize) {
        this.name = name;
        this.source = source;
        this.target = target;
        this.synapse = synapse;
        this.delay = delay;
        this.sourceSize = sourceSize;
        this.targetSize = targetSize;
    }

    /** Largest delay in ticks. */
    int maxDelay() {
        return delay;
    }

    /** Whether quantised weights are present (integer mode needs them). */
    abstract boolean hasIntegerWeights();

    /**
     * Delivers a spike of {@code src} at tick {@code t}.
     *
     * @param slots   written: the delay ring of the target and synapse type, [slot][neuron]
     * @param touched written: {@code touched[slot] = true} for every slot that received something
     */
    abstract void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k);

    /** Delivers the spikes {@code srcs[0 .. count)} of tick t, in that order. */
    void deliverAll(int[] srcs, int count, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k) {
        for (int s = 0; s < count; s++) {
            deliver(srcs[s], t, slots, mask, touched, k);
        }
    }

    /** As {@link #deliver} with the quantised weights into integer slots. */
    abstract void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched);

    /** Bytes of the weight arrays. */
    abstract long bytes();

    /** All-to-all, stored source-major so that one spike adds one contiguous row. */
    static final class Dense extends Projection {
        private final float[] weightsBySource;
        private final int[] quantizedBySource;

        /** @param weights read; target-major (out x in) as in the file */
        Dense(String name, int source, int target, int synapse, int delay, int nIn, int nOut, float[] weights,
              int[] quantized) {
            super(name, source, target, synapse, delay, nIn, nOut);
            weightsBySource = transpose(weights, nIn, nOut);
            quantizedBySource = quantized == null ? null : transpose(quantized, nIn, nOut);
        }

        static float[] transpose(float[] w, int nIn, int nOut) {
            float[] t = new float[w.length];
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    t[i * nOut + o] = w[o * nIn + i];
                }
            }
            return t;
        }

        static int[] transpose(int[] w, int nIn, int nOut) {
            int[] t = new int[w.length];
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    t[i * nOut + o] = w[o * nIn + i];
                }
            }
            return t;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantizedBySource != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k) {
            int slot = (t + delay) & mask;
            k.addRow(slots[slot], weightsBySource, src * targetSize, targetSize);
            touched[slot] = true;
        }

        @Override
        void deliverAll(int[] srcs, int count, int t, float[][] slots, int mask, boolean[] touched,
                        RuntimeKernels k) {
            int slot = (t + delay) & mask;
            k.addRows(slots[slot], weightsBySource, srcs, count, targetSize);
            touched[slot] = true;
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            int slot = (t + delay) & mask;
            long[] acc = slots[slot];
            int[] q = quantizedBySource;
            int off = src * targetSize;
            for (int o = 0, n = targetSize; o < n; o++) {
                acc[o] += q[off + o];
            }
            touched[slot] = true;
        }

        @Override
        long bytes() {
            return 4L * weightsBySource.length + (quantizedBySource == null ? 0 : 4L * quantizedBySource.length);
        }
    }

    /**
     * Compressed sparse rows by source neuron, each row sorted stably by (delay, target); per-synapse delays as
     * one unsigned byte {@code delay - minDelay}, or null when all are equal.
     */
    static final class Sparse extends Projection {
        private final int[] rowStart;
        private final int[] targets;
        private final float[] weights;
        private final int[] quantized;
        private final byte[] delayOffsets;
        private final int maxDelay;

        /**
         * @param pre       read; source of each synapse
         * @param post      read; target of each synapse
         * @param weights   read
         * @param delays    read; per-synapse delays, or null (all {@code delay})
         * @param quantized read; per-synapse integer weights, or null
         */
        Sparse(String name, int source, int target, int synapse, int delay, int nIn, int nOut, int[] pre,
               int[] post, float[] weights, int[] delays, int maxDelay, int[] quantized) {
            super(name, source, target, synapse, delay, nIn, nOut);
            int n = pre.length;
            rowStart = new int[nIn + 1];
            for (int k = 0; k < n; k++) {
                rowStart[pre[k] + 1]++;
            }
            for (int i = 0; i < nIn; i++) {
                rowStart[i + 1] += rowStart[i];
            }
            int[] fill = java.util.Arrays.copyOf(rowStart, nIn);
            targets = new int[n];
            this.weights = new float[n];
            this.quantized = quantized == null ? null : new int[n];
            delayOffsets = delays == null ? null : new byte[n];
            for (int k = 0; k < n; k++) {
                int at = fill[pre[k]]++;
                targets[at] = post[k];
                this.weights[at] = weights[k];
                if (quantized != null) {
                    this.quantized[at] = quantized[k];
                }
                if (delays != null) {
                    delayOffsets[at] = (byte) (delays[k] - delay);
                }
            }
            this.maxDelay = maxDelay;
            sortRows();
        }

        /** Stable insertion sort of each row by (delay offset, target). */
        private void sortRows() {
            for (int row = 0; row < sourceSize; row++) {
                int lo = rowStart[row];
                int hi = rowStart[row + 1];
                for (int k = lo + 1; k < hi; k++) {
                    long key = key(k);
                    int t = targets[k];
                    float w = weights[k];
                    int q = quantized == null ? 0 : quantized[k];
                    byte d = delayOffsets == null ? 0 : delayOffsets[k];
                    int m = k - 1;
                    while (m >= lo && key(m) > key) {
                        move(m, m + 1);
                        m--;
                    }
                    targets[m + 1] = t;
                    weights[m + 1] = w;
                    if (quantized != null) {
                        quantized[m + 1] = q;
                    }
                    if (delayOffsets != null) {
                        delayOffsets[m + 1] = d;
                    }
                }
            }
        }

        private long key(int k) {
            return ((long) (delayOffsets == null ? 0 : delayOffsets[k] & 0xFF) << 32) | targets[k];
        }

        private void move(int from, int to) {
            targets[to] = targets[from];
            weights[to] = weights[from];
            if (quantized != null) {
                quantized[to] = quantized[from];
            }
            if (delayOffsets != null) {
                delayOffsets[to] = delayOffsets[from];
            }
        }

        @Override
        int maxDelay() {
            return maxDelay;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantized != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k) {
            final int end = rowStart[src + 1];
            final int[] tg = targets;
            final float[] w = weights;
            int s = rowStart[src];
            if (delayOffsets == null) {
                if (s < end) {
                    int slot = (t + delay) & mask;
                    float[] acc = slots[slot];
                    for (; s < end; s++) {
                        acc[tg[s]] += w[s];
                    }
                    touched[slot] = true;
                }
                return;
            }
            final byte[] d = delayOffsets;
            while (s < end) {
                byte group = d[s];
                int slot = (t + delay + (group & 0xFF)) & mask;
                float[] acc = slots[slot];
                for (; s < end && d[s] == group; s++) {
                    acc[tg[s]] += w[s];
                }
                touched[slot] = true;
            }
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            final int end = rowStart[src + 1];
            int s = rowStart[src];
            while (s < end) {
                int group = delayOffsets == null ? 0 : delayOffsets[s] & 0xFF;
                int slot = (t + delay + group) & mask;
                long[] acc = slots[slot];
                for (; s < end && (delayOffsets == null || (delayOffsets[s] & 0xFF) == group); s++) {
                    acc[targets[s]] += quantized[s];
                }
                touched[slot] = true;
            }
        }

        @Override
        long bytes() {
            return 8L * targets.length + (delayOffsets == null ? 0 : delayOffsets.length) + 4L * rowStart.length
                    + (quantized == null ? 0 : 4L * quantized.length);
        }
    }

    /** Neuron i to neuron i, one weight per neuron or one shared weight. */
    static final class OneToOne extends Projection {
        private final float[] weights;
        private final int[] quantized;

        OneToOne(String name, int source, int target, int synapse, int delay, int n, float[] weights,
                 int[] quantized) {
            super(name, source, target, synapse, delay, n, n);
            this.weights = weights;
            this.quantized = quantized;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantized != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k) {
            int slot = (t + delay) & mask;
            slots[slot][src] += weights.length == 1 ? weights[0] : weights[src];
            touched[slot] = true;
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            int slot = (t + delay) & mask;
            slots[slot][src] += quantized[src];
            touched[slot] = true;
        }

        @Override
        long bytes() {
            return 4L * weights.length + (quantized == null ? 0 : 4L * quantized.length);
        }
    }

    /**
     * 2-D convolution with shared weights (out, in, ky, kx), delivered by scattering: an input spike at (c, y, x)
     * reaches output (oc, oy, ox) through tap (ky, kx) = (y + pad - oy*stride, x + pad - ox*stride).
     */
    static final class Conv2d extends Projection {
        private final int inC;
        private final int inH;
        private final int inW;
        private final int outC;
        private final int outH;
        private final int outW;
        private final int k;
        private final int stride;
        private final int pad;
        private final float[] weights;
        private final int[] quantized;

        Conv2d(String name, int source, int target, int synapse, int delay, Population in, Population out, int kernel,
               int stride, int pad, float[] weights, int[] quantized) {
            super(name, source, target, synapse, delay, in.size, out.size);
            inC = in.channels;
            inH = in.height;
            inW = in.width;
            outC = out.channels;
            outH = out.height;
            outW = out.width;
            k = kernel;
            this.stride = stride;
            this.pad = pad;
            this.weights = weights;
            this.quantized = quantized;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantized != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels kernels) {
            int slot = (t + delay) & mask;
            float[] acc = slots[slot];
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
                        acc[(oc * outH + oy) * outW + ox] += weights[((oc * inC + c) * k + ky) * k + kx];
                    }
                }
            }
            touched[slot] = true;
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            int slot = (t + delay) & mask;
            long[] acc = slots[slot];
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
                        acc[(oc * outH + oy) * outW + ox] += quantized[((oc * inC + c) * k + ky) * k + kx];
                    }
                }
            }
            touched[slot] = true;
        }

        @Override
        long bytes() {
            return 4L * weights.length + (quantized == null ? 0 : 4L * quantized.length);
        }
    }

    /** Spiking sum pooling: an input spike at (c, y, x) reaches every window of channel c that contains (y, x). */
    static final class Pool extends Projection {
        private final int inH;
        private final int inW;
        private final int outH;
        private final int outW;
        private final int k;
        private final int stride;
        private final float weight;
        /** Integer weight per target neuron (from the per-channel values), or null. */
        private final int[] quantizedByTarget;

        Pool(String name, int source, int target, int synapse, int delay, Population in, Population out, int kernel,
             int stride, float weight, int[] quantizedByTarget) {
            super(name, source, target, synapse, delay, in.size, out.size);
            inH = in.height;
            inW = in.width;
            outH = out.height;
            outW = out.width;
            k = kernel;
            this.stride = stride;
            this.weight = weight;
            this.quantizedByTarget = quantizedByTarget;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantizedByTarget != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels kernels) {
            int slot = (t + delay) & mask;
            float[] acc = slots[slot];
            final int c = src / (inH * inW);
            final int y = (src / inW) % inH;
            final int x = src % inW;
            int oyLo = Math.max(0, Math.floorDiv(y - k + stride, stride));
            int oyHi = Math.min(outH - 1, y / stride);
            int oxLo = Math.max(0, Math.floorDiv(x - k + stride, stride));
            int oxHi = Math.min(outW - 1, x / stride);
            for (int oy = oyLo; oy <= oyHi; oy++) {
                for (int ox = oxLo; ox <= oxHi; ox++) {
                    acc[(c * outH + oy) * outW + ox] += weight;
                }
            }
            touched[slot] = true;
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            int slot = (t + delay) & mask;
            long[] acc = slots[slot];
            final int c = src / (inH * inW);
            final int y = (src / inW) % inH;
            final int x = src % inW;
            int oyLo = Math.max(0, Math.floorDiv(y - k + stride, stride));
            int oyHi = Math.min(outH - 1, y / stride);
            int oxLo = Math.max(0, Math.floorDiv(x - k + stride, stride));
            int oxHi = Math.min(outW - 1, x / stride);
            for (int oy = oyLo; oy <= oyHi; oy++) {
                for (int ox = oxLo; ox <= oxHi; ox++) {
                    int target = (c * outH + oy) * outW + ox;
                    acc[target] += quantizedByTarget[target];
                }
            }
            touched[slot] = true;
        }

        @Override
        long bytes() {
            return quantizedByTarget == null ? 0 : 4L * quantizedByTarget.length;
        }
    }

    /** Fixed lateral inhibition: a spike of neuron l adds {@code weight} (= -strength) to every other neuron. */
    static final class Lateral extends Projection {
        private final float weight;
        private final int[] quantizedByTarget;

        Lateral(String name, int population, int synapse, int delay, int n, float weight, int[] quantizedByTarget) {
            super(name, population, population, synapse, delay, n, n);
            this.weight = weight;
            this.quantizedByTarget = quantizedByTarget;
        }

        @Override
        boolean hasIntegerWeights() {
            return quantizedByTarget != null;
        }

        @Override
        void deliver(int src, int t, float[][] slots, int mask, boolean[] touched, RuntimeKernels k) {
            int slot = (t + delay) & mask;
            float[] acc = slots[slot];
            k.addConstant(acc, 0, src, weight);
            k.addConstant(acc, src + 1, targetSize, weight);
            touched[slot] = true;
        }

        @Override
        void deliverInteger(int src, int t, long[][] slots, int mask, boolean[] touched) {
            int slot = (t + delay) & mask;
            long[] acc = slots[slot];
            for (int i = 0, n = targetSize; i < n; i++) {
                if (i != src) {
                    acc[i] += quantizedByTarget[i];
                }
            }
            touched[slot] = true;
        }

        @Override
        long bytes() {
            return quantizedByTarget == null ? 0 : 4L * quantizedByTarget.length;
        }
    }
}
