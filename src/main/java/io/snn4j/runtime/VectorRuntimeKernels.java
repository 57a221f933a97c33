package io.snn4j.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The runtime's loops with the Java Vector API: whole vectors of the preferred float species, then the scalar loop for the tail. Lanewise multiply and add
 * round exactly as the scalar code (no fused multiply-add), so results are bit-identical to
 * {@link ScalarRuntimeKernels}. Loaded only through {@link RuntimeKernels#vector()}. Stateless and thread-safe.
 */
final class VectorRuntimeKernels extends RuntimeKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    @Override
    public String name() {
        return "vector";
    }

    @Override
    void addRow(float[] acc, float[] w, int off, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, acc, i).add(FloatVector.fromArray(F, w, off + i)).intoArray(acc, i);
        }
        for (; i < n; i++) {
            acc[i] += w[off + i];
        }
    }

    /** Rows added per pass over the accumulator: few enough streams for the hardware prefetchers. */
    private static final int ROW_GROUP = 8;

    @Override
    void addRows(float[] acc, float[] w, int[] rows, int count, int n) {
        int bound = F.loopBound(n);
        for (int g = 0; g < count; g += ROW_GROUP) {
            int end = Math.min(count, g + ROW_GROUP);
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector a = FloatVector.fromArray(F, acc, i);
                for (int r = g; r < end; r++) {
                    a = a.add(FloatVector.fromArray(F, w, rows[r] * n + i));
                }
                a.intoArray(acc, i);
            }
            for (; i < n; i++) {
                float a = acc[i];
                for (int r = g; r < end; r++) {
                    a += w[rows[r] * n + i];
                }
                acc[i] = a;
            }
        }
    }

    @Override
    void addConstant(float[] acc, int from, int to, float c) {
        int i = from;
        int bound = from + F.loopBound(to - from);
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, acc, i).add(c).intoArray(acc, i);
        }
        for (; i < to; i++) {
            acc[i] += c;
        }
    }

    @Override
    int updateLif(Population p, float[] v, float[] e0, float[] e1, float[] r0, float[] r1, float[] refractoryLeft,
                  int t, int[] out) {
        if (e1 == null && p.bias == 0f) {
            return updatePlain(p, v, e0, r0, refractoryLeft, t, out);
        }
        return updateGeneral(p, v, e0, e1, r0, r1, refractoryLeft, t, out);
    }

    /** {@link #updateLif} for the common case of one synapse type and no bias (the HM2-BP networks). */
    private static int updatePlain(Population p, float[] v, float[] e0, float[] r0, float[] refractoryLeft, int t,
                                   int[] out) {
        final int n = p.size;
        final int bound = F.loopBound(n);
        final float dm = p.decayMem;
        final float ds0 = p.decaySyn0;
        final float g0 = p.gain0;
        final float th = p.thresholdValue;
        final float refr = p.refractoryTicks;
        final float flush = Population.FLUSH;
        final FloatVector zero = FloatVector.zero(F);
        boolean busy = false;
        int spiked = 0;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector a0 = FloatVector.fromArray(F, e0, i).mul(ds0).add(FloatVector.fromArray(F, r0, i));
            zero.intoArray(r0, i);
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(dm).add(a0.mul(g0));
            FloatVector left = FloatVector.fromArray(F, refractoryLeft, i);
            VectorMask<Float> refractory = left.compare(VectorOperators.GT, 0f);
            if (refractory.anyTrue()) {
                vv = vv.blend(zero, refractory);
                left.sub(1f).max(0f).intoArray(refractoryLeft, i);
                busy = true;
            }
            if (vv.compare(VectorOperators.GT, th).anyTrue()) {
                vv.intoArray(v, i);
                for (int j = i; j < i + L; j++) {
                    if (v[j] > th) {
                        out[spiked++] = j;
                        v[j] = 0f;
                        refractoryLeft[j] = refr;
                    }
                }
                vv = FloatVector.fromArray(F, v, i);
                busy |= refr > 0f;
            }
            VectorMask<Float> small = vv.abs().max(a0.abs()).compare(VectorOperators.LT, flush);
            if (small.anyTrue()) {
                vv = vv.blend(zero, small);
                a0 = a0.blend(zero, small);
            }
            busy |= !small.allTrue();
            vv.intoArray(v, i);
            a0.intoArray(e0, i);
        }
        int r = ScalarRuntimeKernels.updateRange(p, v, e0, null, r0, null, refractoryLeft, t, out, i, n, spiked);
        return busy ? r | 1 : r;
    }

    private static int updateGeneral(Population p, float[] v, float[] e0, float[] e1, float[] r0, float[] r1,
                                     float[] refractoryLeft, int t, int[] out) {
        final int n = p.size;
        final int bound = F.loopBound(n);
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
        final FloatVector zero = FloatVector.zero(F);
        boolean busy = hasBias;
        int spiked = 0;
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(dm);
            FloatVector a0 = FloatVector.fromArray(F, e0, i).mul(ds0).add(FloatVector.fromArray(F, r0, i));
            zero.intoArray(r0, i);
            FloatVector a1 = zero;
            if (two) {
                a1 = FloatVector.fromArray(F, e1, i).mul(ds1).add(FloatVector.fromArray(F, r1, i));
                zero.intoArray(r1, i);
                vv = vv.add(a0.mul(g0).add(a1.mul(g1)));
            } else {
                vv = vv.add(a0.mul(g0));
            }
            if (hasBias) {
                vv = vv.add(bias);
            }
            FloatVector left = FloatVector.fromArray(F, refractoryLeft, i);
            VectorMask<Float> refractory = left.compare(VectorOperators.GT, 0f);
            if (refractory.anyTrue()) {
                vv = vv.blend(zero, refractory);
                left = left.sub(1f).max(0f);
                left.intoArray(refractoryLeft, i);
                busy = true;
            }
            // a refractory neuron is at 0 now, and 0 is never above a threshold >= 0
            if (vv.compare(VectorOperators.GT, th).anyTrue()) {
                vv.intoArray(v, i);
                for (int j = i; j < i + L; j++) {
                    if (v[j] > th) {
                        out[spiked++] = j;
                        v[j] = 0f;
                        refractoryLeft[j] = refr;
                    }
                }
                vv = FloatVector.fromArray(F, v, i);
                busy |= refr > 0f;
            }
            if (!hasBias) {
                // |v|, |a0|, |a1| all below FLUSH exactly when their maximum is (a NaN lane is never small either way)
                FloatVector largest = two ? vv.abs().max(a0.abs()).max(a1.abs()) : vv.abs().max(a0.abs());
                VectorMask<Float> small = largest.compare(VectorOperators.LT, flush);
                if (small.allTrue()) {
                    vv = zero;
                    a0 = zero;
                    a1 = zero;
                } else {
                    busy = true;
                    vv = vv.blend(zero, small);
                    a0 = a0.blend(zero, small);
                    a1 = a1.blend(zero, small);
                }
            }
            vv.intoArray(v, i);
            a0.intoArray(e0, i);
            if (two) {
                a1.intoArray(e1, i);
            }
        }
        int r = ScalarRuntimeKernels.updateRange(p, v, e0, e1, r0, r1, refractoryLeft, t, out, i, n, spiked);
        return busy ? r | 1 : r;
    }
}
