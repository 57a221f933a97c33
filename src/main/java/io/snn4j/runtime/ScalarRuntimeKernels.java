package io.snn4j.runtime;

/** The runtime's loops one element at a time; the reference {@link VectorRuntimeKernels} equals bit for bit. */
final class ScalarRuntimeKernels extends RuntimeKernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    void addRow(float[] acc, float[] w, int off, int n) {
        for (int i = 0; i < n; i++) {
            acc[i] += w[off + i];
        }
    }

    @Override
    void addRows(float[] acc, float[] w, int[] rows, int count, int n) {
        for (int r = 0; r < count; r++) {
            int off = rows[r] * n;
            for (int i = 0; i < n; i++) {
                acc[i] += w[off + i];
            }
        }
    }

    @Override
    void addConstant(float[] acc, int from, int to, float c) {
        for (int i = from; i < to; i++) {
            acc[i] += c;
        }
    }

    @Override
    int updateLif(Population p, float[] v, float[] e0, float[] e1, float[] r0, float[] r1, float[] refractoryLeft,
                  int t, int[] out) {
        return updateRange(p, v, e0, e1, r0, r1, refractoryLeft, t, out, 0, p.size, 0);
    }

    /** {@link #updateLif} over neurons [from, to), appending after {@code spiked} spikes already in out. */
    static int updateRange(Population p, float[] v, float[] e0, float[] e1, float[] r0, float[] r1,
                           float[] refractoryLeft, int t, int[] out, int from, int to, int spiked) {
        final float dm = p.decayMem;
        final float ds0 = p.decaySyn0;
        final float g0 = p.gain0;
        final float ds1 = p.decaySyn1;
        final float g1 = p.gain1;
        final float bias = p.bias;
        final boolean hasBias = bias != 0f;
        final float th = p.thresholdValue;
        final float refr = p.refractoryTicks;
        final float flush = Population.FLUSH;
        final boolean two = e1 != null;
        int busy = hasBias ? 1 : 0;
        int n = spiked;
        for (int i = from; i < to; i++) {
            float vv = v[i] * dm;
            float a0 = e0[i] * ds0 + r0[i];
            r0[i] = 0f;
            float a1 = 0f;
            if (two) {
                a1 = e1[i] * ds1 + r1[i];
                r1[i] = 0f;
                vv = vv + (a0 * g0 + a1 * g1);
            } else {
                vv = vv + a0 * g0;
            }
            if (hasBias) {
                vv = vv + bias;
            }
            float left = refractoryLeft[i];
            if (left > 0f) {
                vv = 0f;
                refractoryLeft[i] = left - 1f;
                busy = 1;
            } else if (vv > th) {
                out[n++] = i;
                vv = 0f;
                refractoryLeft[i] = refr;
                if (refr > 0f) {
                    busy = 1;
                }
            }
            if (!hasBias) {
                if (Math.abs(vv) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                    vv = 0f;
                    a0 = 0f;
                    a1 = 0f;
                } else {
                    busy = 1;
                }
            }
            v[i] = vv;
            e0[i] = a0;
            if (two) {
                e1[i] = a1;
            }
        }
        return n << 1 | busy;
    }
}
