package io.snn4j.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels with the Java Vector API ({@code jdk.incubator.vector}, JDK 17: needs
 * {@code --add-modules jdk.incubator.vector} to compile and run): full vectors of the preferred species, then a scalar
 * tail. Lanewise multiply and add round exactly as the scalar code, so results are bit-identical. Load it only through
 * {@link KernelProvider}, which checks that the module is present. Stateless and thread-safe.
 */
final class VectorKernels implements Kernels {
    /**
     * At most 256 bits unless the system property {@code snn4j.vector.bits} asks for another width (64 .. 512). One
     * width for every kernel: two shapes in one JVM split the Vector API's type profiles and its calls fall back to
     * plain Java (measured: the runtime at 0.85x scalar). On JDK 17 on an AVX-512 machine (AMD EPYC), 256 bits against
     * 512, interleaved: {@code bench runtime} vector/scalar 3.21x, 3.13x, 3.30x against 2.96x, 2.96x, 2.92x (the
     * mask-heavy LIF tick, 250-310 ns against 330-350 ns per 800 neurons); {@code bench cuba} (stepped, the fused
     * biased tick) the same within its spread: 8.22, 8.91, 9.13 against 7.86, 9.17, 9.05 e7 synaptic events/s.
     */
    private static final VectorSpecies<Float> S = species(Integer.getInteger("snn4j.vector.bits", 256));
    private static final ScalarKernels SCALAR = new ScalarKernels();
    /** Integers of the float lane count (same bit width), so their masks convert lane for lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());

    private static VectorSpecies<Float> species(int bits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bits >= preferred.vectorBitSize()) {
            return preferred;
        }
        return VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(Math.max(64,
                Integer.highestOneBit(bits))));
    }

    @Override
    public void addTo(float[] dst, int dstOff, float[] src, int srcOff, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, dst, dstOff + i).add(FloatVector.fromArray(S, src, srcOff + i))
                    .intoArray(dst, dstOff + i);
        }
        SCALAR.addTo(dst, dstOff + i, src, srcOff + i, n - i);
    }

    /**
     * All the rows in one pass over {@code dst}: eight vectors of {@code dst} (then four, then one) stay in registers
     * while every row adds its part, in row order, so each lane gets the additions one row at a time would make, in
     * the same order. Loads and stores {@code dst} once per call instead of once per eight rows, and walks the rows in
     * short contiguous pieces (measured on the MNIST input delivery, about 19 rows of 800 floats per tick: four
     * vectors 1.3x the former eight-row passes; eight vectors, with half the loop overhead per addition and twice the
     * independent additions in flight, a further 1.05x on the whole forward pass of {@code mnist-mlp}, 719 against
     * 758 us per sample, medians of 12 interleaved rounds).
     */
    @Override
    public void addRows(float[] dst, int dstOff, float[] src, int[] rows, int from, int to, int stride, int srcOff,
                        int n) {
        if (to - from <= 1) {
            if (to > from) {
                addTo(dst, dstOff, src, rows[from] * stride + srcOff, n);
            }
            return;
        }
        final int l = S.length();
        final int step = 4 * l;
        int i = 0;
        for (; i + 2 * step <= n; i += 2 * step) {
            final int d = dstOff + i;
            FloatVector a0 = FloatVector.fromArray(S, dst, d);
            FloatVector a1 = FloatVector.fromArray(S, dst, d + l);
            FloatVector a2 = FloatVector.fromArray(S, dst, d + 2 * l);
            FloatVector a3 = FloatVector.fromArray(S, dst, d + 3 * l);
            FloatVector a4 = FloatVector.fromArray(S, dst, d + 4 * l);
            FloatVector a5 = FloatVector.fromArray(S, dst, d + 5 * l);
            FloatVector a6 = FloatVector.fromArray(S, dst, d + 6 * l);
            FloatVector a7 = FloatVector.fromArray(S, dst, d + 7 * l);
            for (int r = from; r < to; r++) {
                final int o = rows[r] * stride + srcOff + i;
                a0 = a0.add(FloatVector.fromArray(S, src, o));
                a1 = a1.add(FloatVector.fromArray(S, src, o + l));
                a2 = a2.add(FloatVector.fromArray(S, src, o + 2 * l));
                a3 = a3.add(FloatVector.fromArray(S, src, o + 3 * l));
                a4 = a4.add(FloatVector.fromArray(S, src, o + 4 * l));
                a5 = a5.add(FloatVector.fromArray(S, src, o + 5 * l));
                a6 = a6.add(FloatVector.fromArray(S, src, o + 6 * l));
                a7 = a7.add(FloatVector.fromArray(S, src, o + 7 * l));
            }
            a0.intoArray(dst, d);
            a1.intoArray(dst, d + l);
            a2.intoArray(dst, d + 2 * l);
            a3.intoArray(dst, d + 3 * l);
            a4.intoArray(dst, d + 4 * l);
            a5.intoArray(dst, d + 5 * l);
            a6.intoArray(dst, d + 6 * l);
            a7.intoArray(dst, d + 7 * l);
        }
        for (; i + step <= n; i += step) {
            final int d = dstOff + i;
            FloatVector a0 = FloatVector.fromArray(S, dst, d);
            FloatVector a1 = FloatVector.fromArray(S, dst, d + l);
            FloatVector a2 = FloatVector.fromArray(S, dst, d + 2 * l);
            FloatVector a3 = FloatVector.fromArray(S, dst, d + 3 * l);
            for (int r = from; r < to; r++) {
                final int o = rows[r] * stride + srcOff + i;
                a0 = a0.add(FloatVector.fromArray(S, src, o));
                a1 = a1.add(FloatVector.fromArray(S, src, o + l));
                a2 = a2.add(FloatVector.fromArray(S, src, o + 2 * l));
                a3 = a3.add(FloatVector.fromArray(S, src, o + 3 * l));
            }
            a0.intoArray(dst, d);
            a1.intoArray(dst, d + l);
            a2.intoArray(dst, d + 2 * l);
            a3.intoArray(dst, d + 3 * l);
        }
        for (; i + l <= n; i += l) {
            FloatVector a = FloatVector.fromArray(S, dst, dstOff + i);
            for (int r = from; r < to; r++) {
                a = a.add(FloatVector.fromArray(S, src, rows[r] * stride + srcOff + i));
            }
            a.intoArray(dst, dstOff + i);
        }
        for (; i < n; i++) {
            float x = dst[dstOff + i];
            for (int r = from; r < to; r++) {
                x += src[rows[r] * stride + srcOff + i];
            }
            dst[dstOff + i] = x;
        }
    }

    @Override
    public void addProduct(float[] acc, int accOff, float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector p = FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i));
            FloatVector.fromArray(S, acc, accOff + i).add(p).intoArray(acc, accOff + i);
        }
        SCALAR.addProduct(acc, accOff + i, x, xOff + i, y, yOff + i, n - i);
    }

    @Override
    public void product(float[] dst, int dstOff, float[] x, int xOff, float[] y, int yOff, int n) {
        int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(dst, dstOff + i);
        }
        SCALAR.product(dst, dstOff + i, x, xOff + i, y, yOff + i, n - i);
    }

    /** {@code (float) Math.sqrt(x)} of a float is its correctly rounded float square root, as the lanewise one. */
    @Override
    public void adamStep(float[] w, float[] g, float[] m, float[] v, int from, int to, float b1, float c1, float b2,
                         float c2, float stepSize, float vScale, float eps) {
        int k = from;
        int bound = from + S.loopBound(to - from);
        final boolean zeros = g == null;
        final FloatVector zero = FloatVector.zero(S);
        for (; k < bound; k += S.length()) {
            FloatVector gk = zeros ? zero : FloatVector.fromArray(S, g, k);
            FloatVector mk = FloatVector.fromArray(S, m, k).mul(b1).add(gk.mul(c1));
            FloatVector vk = FloatVector.fromArray(S, v, k).mul(b2).add(gk.mul(c2).mul(gk));
            mk.intoArray(m, k);
            vk.intoArray(v, k);
            FloatVector step = mk.mul(stepSize).div(vk.mul(vScale).sqrt().add(eps));
            FloatVector.fromArray(S, w, k).sub(step).intoArray(w, k);
        }
        SCALAR.adamStep(w, g, m, v, k, to, b1, c1, b2, c2, stepSize, vScale, eps);
    }

    @Override
    public void adamStepDecayed(float[] w, float[] g, float[] m, float[] v, int from, int to, float[] c, int cOff,
                                float b1, float c1, float b2, float c2, float stepSize, float vScale, float eps) {
        int k = from;
        int bound = from + S.loopBound(to - from);
        final boolean zeros = g == null;
        final FloatVector zero = FloatVector.zero(S);
        for (; k < bound; k += S.length()) {
            FloatVector wk = FloatVector.fromArray(S, w, k);
            FloatVector gk = (zeros ? zero : FloatVector.fromArray(S, g, k))
                    .add(FloatVector.fromArray(S, c, cOff + k - from).mul(wk));
            FloatVector mk = FloatVector.fromArray(S, m, k).mul(b1).add(gk.mul(c1));
            FloatVector vk = FloatVector.fromArray(S, v, k).mul(b2).add(gk.mul(c2).mul(gk));
            mk.intoArray(m, k);
            vk.intoArray(v, k);
            FloatVector step = mk.mul(stepSize).div(vk.mul(vScale).sqrt().add(eps));
            wk.sub(step).intoArray(w, k);
        }
        SCALAR.adamStepDecayed(w, g, m, v, k, to, c, cOff + k - from, b1, c1, b2, c2, stepSize, vScale, eps);
    }

    /** One vector per window at the default 256 bits; other widths go through {@link #addTo}. */
    @Override
    public void addWindows(float[] dst, int dstOff, int dstStep, float[] src, int srcOff, int srcStep, int count) {
        if (S.length() != WINDOW) {
            for (int r = 0; r < count; r++) {
                addTo(dst, dstOff + r * dstStep, src, srcOff + r * srcStep, WINDOW);
            }
            return;
        }
        for (int r = 0; r < count; r++) {
            int d = dstOff + r * dstStep;
            FloatVector.fromArray(S, dst, d).add(FloatVector.fromArray(S, src, srcOff + r * srcStep))
                    .intoArray(dst, d);
        }
    }

    @Override
    public int lanes() {
        return S.length();
    }

    @Override
    public String name() {
        return "vector";
    }

    /** 0, 1, 2, ... : lane numbers as floats, to clear one lane of a mask at a time. */
    private static final float[] LANES = laneNumbers();

    private static float[] laneNumbers() {
        float[] l = new float[S.length()];
        for (int j = 0; j < l.length; j++) {
            l[j] = j;
        }
        return l;
    }

    /**
     * One pass per vector: leak, input, refractory hold, threshold, reset and flush. Refractory and flushed lanes are
     * blended without branching (a branch on them mispredicts), busy lanes are counted in a vector and summed once
     * (no mask-to-integer count per vector), the rare spikes are read from the mask with {@code firstTrue}, and
     * lanewise multiply and add round exactly as the scalar code.
     */
    @Override
    public long lifTick(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t,
                        float dm, float ds0, float ds1, float g0, float g1, float th, int refr, float flush,
                        int[] spikes) {
        final int lanes = S.length();
        final int bound = S.loopBound(n);
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector laneNumbers = FloatVector.fromArray(S, LANES, 0);
        final boolean two = e1 != null;
        int spiked = 0;
        IntVector busyLanes = IntVector.zero(I);
        for (int i = 0; i < bound; i += lanes) {
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(dm);
            FloatVector a0 = FloatVector.fromArray(S, e0, i).mul(ds0).add(FloatVector.fromArray(S, r0, i));
            zero.intoArray(r0, i);
            FloatVector a1 = zero;
            if (two) {
                a1 = FloatVector.fromArray(S, e1, i).mul(ds1).add(FloatVector.fromArray(S, r1, i));
                zero.intoArray(r1, i);
                vv = vv.add(a0.mul(g0).add(a1.mul(g1)));
            } else {
                vv = vv.add(a0.mul(g0));
            }
            VectorMask<Integer> hold = IntVector.fromArray(I, until, i).compare(VectorOperators.GE, t);
            vv = vv.reinterpretAsInts().blend(0, hold).reinterpretAsFloats(); // int 0 is +0f
            // a held neuron is at 0 now, and 0 is never above a threshold > 0
            VectorMask<Float> spike = vv.compare(VectorOperators.GT, th);
            if (spike.anyTrue()) {
                VectorMask<Float> rest = spike;
                do {
                    int j = rest.firstTrue();
                    spikes[spiked++] = i + j;
                    until[i + j] = t + refr;
                    rest = rest.and(laneNumbers.compare(VectorOperators.NE, (float) j));
                } while (rest.anyTrue());
                vv = vv.blend(zero, spike);
            }
            VectorMask<Float> small = vv.abs().compare(VectorOperators.LT, flush)
                    .and(a0.abs().compare(VectorOperators.LT, flush));
            if (two) {
                small = small.and(a1.abs().compare(VectorOperators.LT, flush));
            }
            vv = vv.blend(zero, small);
            a0 = a0.blend(zero, small);
            a1 = a1.blend(zero, small);
            busyLanes = busyLanes.blend(busyLanes.add(1), small.not().cast(I));
            vv.intoArray(v, i);
            a0.intoArray(e0, i);
            if (two) {
                a1.intoArray(e1, i);
            }
        }
        int busy = busyLanes.reduceLanes(VectorOperators.ADD);
        if (bound == n) {
            return (long) spiked << 32 | busy;
        }
        return ScalarKernels.lifTickRange(v, e0, e1, r0, r1, until, bound, n, t, dm, ds0, ds1, g0, g1, th, refr,
                flush, spikes, spiked, busy);
    }

    /**
     * As {@link #lifTick}: one pass per vector, the refractory hold blended, spikes read from the mask. The spike
     * loop is written out in both kernels on purpose: moved into a method that takes the mask, the tick ran 1.5x
     * slower (460-470 ns against 290-330 ns per 800 neurons, interleaved), the mask no longer kept in a register.
     */
    @Override
    public int lifTickBiased(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int[] until, int n, int t,
                             float dm, float ds0, float ds1, float g0, float g1, float bias, float th, int refr,
                             int[] spikes) {
        final int bound = S.loopBound(n);
        final FloatVector zero = FloatVector.zero(S);
        final FloatVector laneNumbers = FloatVector.fromArray(S, LANES, 0);
        int spiked = 0;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector a0 = FloatVector.fromArray(S, e0, i).mul(ds0).add(FloatVector.fromArray(S, r0, i));
            a0.intoArray(e0, i);
            zero.intoArray(r0, i);
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(dm);
            if (e1 != null) {
                FloatVector a1 = FloatVector.fromArray(S, e1, i).mul(ds1).add(FloatVector.fromArray(S, r1, i));
                a1.intoArray(e1, i);
                zero.intoArray(r1, i);
                vv = vv.add(a0.mul(g0).add(a1.mul(g1))).add(bias);
            } else {
                vv = vv.add(a0.mul(g0)).add(bias);
            }
            VectorMask<Integer> hold = IntVector.fromArray(I, until, i).compare(VectorOperators.GE, t);
            vv = vv.reinterpretAsInts().blend(0, hold).reinterpretAsFloats(); // int 0 is +0f
            VectorMask<Float> spike = vv.compare(VectorOperators.GT, th);
            if (spike.anyTrue()) {
                VectorMask<Float> rest = spike;
                do {
                    int j = rest.firstTrue();
                    spikes[spiked++] = i + j;
                    until[i + j] = t + refr;
                    rest = rest.and(laneNumbers.compare(VectorOperators.NE, (float) j));
                } while (rest.anyTrue());
                vv = vv.blend(zero, spike);
            }
            vv.intoArray(v, i);
        }
        return ScalarKernels.lifTickBiasedRange(v, e0, e1, r0, r1, until, bound, n, t, dm, ds0, ds1, g0, g1, bias, th,
                refr, spikes, spiked);
    }
}
