package io.snn4j.runtime;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The runtime's loops with the Java Vector API: whole vectors of the preferred float species, then the scalar loop for
 * the tail. Lanewise multiply and add round exactly as the scalar code (no fused multiply-add), so results are
 * bit-identical to {@link ScalarRuntimeKernels}. Loaded only through {@link RuntimeKernels#vector()}. Stateless and
 * thread-safe.
 *
 * <p>What keeps them fast on JDK 17 (checked with {@code -XX:+PrintInlining}: every vector operation below is an
 * intrinsic, no vector escapes to the heap): the spike rows of a dense projection are added four at a time with their
 * offsets in locals, so the bounds checks of the loads are hoisted out of the loop; the membrane update, refractory
 * hold, threshold test and flush run in one pass per vector, and a block takes its rare branches (refractory lanes,
 * spikes) only when a mask test says so; the spiking lanes are read from the mask ({@code firstTrue}) instead of
 * storing the vector and scanning it; the flush test compares integer magnitudes instead of the NaN-aware float
 * {@code max}. {@code VectorMask.toLong} is avoided: on JDK 17 it is not an intrinsic and allocates.
 */
final class VectorRuntimeKernels extends RuntimeKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** 0, 1, 2, ... : lane numbers as floats. */
    private static final float[] LANES = new float[L];

    static {
        for (int j = 0; j < L; j++) {
            LANES[j] = j;
        }
    }

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

    /**
     * Rows added in one pass over the accumulator, each with its offset in a local so that the loop's bounds checks
     * are hoisted out of it (an offset read from {@code rows} inside the loop would be checked at every load).
     */
    @Override
    void addRows(float[] acc, float[] w, int[] rows, int count, int n) {
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            addFour(acc, w, rows[r] * n, rows[r + 1] * n, rows[r + 2] * n, rows[r + 3] * n, n);
        }
        if (count - r >= 2) {
            addTwo(acc, w, rows[r] * n, rows[r + 1] * n, n);
            r += 2;
        }
        if (r < count) {
            addRow(acc, w, rows[r] * n, n);
        }
    }

    private static void addFour(float[] acc, float[] w, int o0, int o1, int o2, int o3, int n) {
        final int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, acc, i)
                    .add(FloatVector.fromArray(F, w, o0 + i))
                    .add(FloatVector.fromArray(F, w, o1 + i))
                    .add(FloatVector.fromArray(F, w, o2 + i))
                    .add(FloatVector.fromArray(F, w, o3 + i))
                    .intoArray(acc, i);
        }
        for (; i < n; i++) {
            acc[i] = acc[i] + w[o0 + i] + w[o1 + i] + w[o2 + i] + w[o3 + i];
        }
    }

    private static void addTwo(float[] acc, float[] w, int o0, int o1, int n) {
        final int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, acc, i)
                    .add(FloatVector.fromArray(F, w, o0 + i))
                    .add(FloatVector.fromArray(F, w, o1 + i))
                    .intoArray(acc, i);
        }
        for (; i < n; i++) {
            acc[i] = acc[i] + w[o0 + i] + w[o1 + i];
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
        final FloatVector lanes = FloatVector.fromArray(F, LANES, 0);
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
                left = left.sub(1f).max(0f);
                left.intoArray(refractoryLeft, i);
                busy = true;
            }
            // a refractory neuron is at 0 now, and 0 is never above a threshold >= 0
            VectorMask<Float> spike = vv.compare(VectorOperators.GT, th);
            if (spike.anyTrue()) {
                // the set lanes one by one, without a round trip through memory
                VectorMask<Float> rest = spike;
                do {
                    int j = rest.firstTrue();
                    out[spiked++] = i + j;
                    rest = rest.and(lanes.compare(VectorOperators.NE, (float) j));
                } while (rest.anyTrue());
                left.blend(refr, spike).intoArray(refractoryLeft, i);
                vv = vv.blend(zero, spike);
                busy |= refr > 0f;
            }
            // |v| < FLUSH and |a0| < FLUSH exactly when the larger magnitude is: compared as the ordered bit
            // patterns of non-negative floats (a NaN's pattern is above every number's, so it is never small)
            VectorMask<Float> small = vv.abs().reinterpretAsInts().max(a0.abs().reinterpretAsInts())
                    .reinterpretAsFloats().compare(VectorOperators.LT, flush);
            if (small.anyTrue()) {
                busy |= !small.allTrue();
                vv = vv.blend(zero, small);
                a0 = a0.blend(zero, small);
            } else {
                busy = true;
            }
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
        final FloatVector lanes = FloatVector.fromArray(F, LANES, 0);
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
            VectorMask<Float> spike = vv.compare(VectorOperators.GT, th);
            if (spike.anyTrue()) {
                VectorMask<Float> rest = spike;
                do {
                    int j = rest.firstTrue();
                    out[spiked++] = i + j;
                    rest = rest.and(lanes.compare(VectorOperators.NE, (float) j));
                } while (rest.anyTrue());
                left.blend(refr, spike).intoArray(refractoryLeft, i);
                vv = vv.blend(zero, spike);
                busy |= refr > 0f;
            }
            if (!hasBias) {
                // |v|, |a0|, |a1| all below FLUSH exactly when the largest is (as in updatePlain)
                IntVector largest = vv.abs().reinterpretAsInts().max(a0.abs().reinterpretAsInts());
                if (two) {
                    largest = largest.max(a1.abs().reinterpretAsInts());
                }
                VectorMask<Float> small = largest.reinterpretAsFloats().compare(VectorOperators.LT, flush);
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
