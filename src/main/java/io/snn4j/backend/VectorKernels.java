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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ScalarKernels SCALAR = new ScalarKernels();
    /** Integers of the float lane count (same bit width), so their masks convert lane for lane. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, S.vectorShape());

    @Override
    public void integrate(float[] v, float[] e0, float[] r0, int n, float dm, float ds0, float g0, float bias) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector a0 = FloatVector.fromArray(S, e0, i).mul(ds0).add(FloatVector.fromArray(S, r0, i));
            a0.intoArray(e0, i);
            zero.intoArray(r0, i);
            FloatVector.fromArray(S, v, i).mul(dm).add(a0.mul(g0)).add(bias).intoArray(v, i);
        }
        ScalarKernels.integrateRange(v, e0, r0, bound, n, dm, ds0, g0, bias);
    }

    @Override
    public void integrate(float[] v, float[] e0, float[] e1, float[] r0, float[] r1, int n, float dm, float ds0,
                          float ds1, float g0, float g1, float bias) {
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector a0 = FloatVector.fromArray(S, e0, i).mul(ds0).add(FloatVector.fromArray(S, r0, i));
            FloatVector a1 = FloatVector.fromArray(S, e1, i).mul(ds1).add(FloatVector.fromArray(S, r1, i));
            a0.intoArray(e0, i);
            a1.intoArray(e1, i);
            zero.intoArray(r0, i);
            zero.intoArray(r1, i);
            FloatVector.fromArray(S, v, i).mul(dm).add(a0.mul(g0).add(a1.mul(g1))).add(bias).intoArray(v, i);
        }
        ScalarKernels.integrateRange(v, e0, e1, r0, r1, bound, n, dm, ds0, ds1, g0, g1, bias);
    }

    @Override
    public int nextAbove(float[] v, int from, int n, float threshold) {
        int i = from;
        int bound = from + S.loopBound(n - from);
        for (; i < bound; i += S.length()) {
            VectorMask<Float> hit = FloatVector.fromArray(S, v, i).compare(VectorOperators.GT, threshold);
            if (hit.anyTrue()) {
                return i + hit.firstTrue();
            }
        }
        return SCALAR.nextAbove(v, i, n, threshold);
    }

    @Override
    public void clampRefractory(float[] v, int[] until, int n, int t) {
        int bound = S.loopBound(n);
        for (int i = 0; i < bound; i += S.length()) {
            VectorMask<Integer> hold = IntVector.fromArray(I, until, i).compare(VectorOperators.GE, t);
            if (hold.anyTrue()) { // on the float bits as integers: a float mask cast is slow in JDK 17; int 0 is +0f
                FloatVector.fromArray(S, v, i).reinterpretAsInts().blend(0, hold).reinterpretAsFloats()
                        .intoArray(v, i);
            }
        }
        ScalarKernels.clampRange(v, until, bound, n, t);
    }

    @Override
    public int settle(float[] v, float[] e0, float[] e1, int n, float flush, int[] active, boolean[] marked) {
        int bound = S.loopBound(n);
        int count = 0;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector vv = FloatVector.fromArray(S, v, i);
            FloatVector a0 = FloatVector.fromArray(S, e0, i);
            FloatVector a1 = e1 == null ? null : FloatVector.fromArray(S, e1, i);
            VectorMask<Float> small = vv.abs().compare(VectorOperators.LT, flush)
                    .and(a0.abs().compare(VectorOperators.LT, flush));
            if (a1 != null) {
                small = small.and(a1.abs().compare(VectorOperators.LT, flush));
            }
            if (small.anyTrue()) {
                vv = vv.blend(0f, small);
                a0 = a0.blend(0f, small);
                vv.intoArray(v, i);
                a0.intoArray(e0, i);
                if (a1 != null) {
                    a1 = a1.blend(0f, small);
                    a1.intoArray(e1, i);
                }
            }
            VectorMask<Float> busy = vv.compare(VectorOperators.NE, 0f).or(a0.compare(VectorOperators.NE, 0f));
            if (a1 != null) {
                busy = busy.or(a1.compare(VectorOperators.NE, 0f));
            }
            // JDK 17 has no fast mask-to-bits (toLong, intoArray); trueCount is: all or none in one go, else by lane
            int busyLanes = busy.trueCount();
            if (busyLanes == S.length()) {
                for (int l = 0; l < S.length(); l++) {
                    marked[i + l] = true;
                    active[count++] = i + l;
                }
            } else if (busyLanes == 0) {
                for (int l = 0; l < S.length(); l++) {
                    marked[i + l] = false;
                }
            } else {
                count = listBusy(v, e0, e1, i, i + S.length(), active, marked, count);
            }
        }
        return ScalarKernels.settleRange(v, e0, e1, bound, n, flush, active, marked, count);
    }

    /**
     * Lanes [from, to) after the vector flush: marks and lists the busy ones (any of v, e0, e1 not +-0) without
     * branching on them. The flush test is not repeated: the lanes it applies to are 0 already.
     */
    private static int listBusy(float[] v, float[] e0, float[] e1, int from, int to, int[] active, boolean[] marked,
                                int count) {
        for (int i = from; i < to; i++) {
            int bits = Float.floatToRawIntBits(v[i]) | Float.floatToRawIntBits(e0[i])
                    | (e1 == null ? 0 : Float.floatToRawIntBits(e1[i]));
            boolean busy = (bits & 0x7fffffff) != 0;
            marked[i] = busy;
            active[count] = i; // count <= i: inside the list
            count += busy ? 1 : 0;
        }
        return count;
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

    /** Four rows per pass over {@code dst}, so its vectors are loaded and stored once per four rows. */
    @Override
    public void addRows(float[] dst, int dstOff, float[] src, int[] rows, int from, int to, int stride, int srcOff,
                        int n) {
        int r = from;
        for (; r + 4 <= to; r += 4) {
            addFour(dst, dstOff, src, rows[r] * stride + srcOff, rows[r + 1] * stride + srcOff,
                    rows[r + 2] * stride + srcOff, rows[r + 3] * stride + srcOff, n);
        }
        for (; r < to; r++) {
            addTo(dst, dstOff, src, rows[r] * stride + srcOff, n);
        }
    }

    private static void addFour(float[] dst, int d, float[] src, int o0, int o1, int o2, int o3, int n) {
        final int bound = S.loopBound(n);
        int i = 0;
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, dst, d + i)
                    .add(FloatVector.fromArray(S, src, o0 + i))
                    .add(FloatVector.fromArray(S, src, o1 + i))
                    .add(FloatVector.fromArray(S, src, o2 + i))
                    .add(FloatVector.fromArray(S, src, o3 + i))
                    .intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] = dst[d + i] + src[o0 + i] + src[o1 + i] + src[o2 + i] + src[o3 + i];
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
        for (; k < bound; k += S.length()) {
            FloatVector gk = FloatVector.fromArray(S, g, k);
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
        for (; k < bound; k += S.length()) {
            FloatVector wk = FloatVector.fromArray(S, w, k);
            FloatVector gk = FloatVector.fromArray(S, g, k).add(FloatVector.fromArray(S, c, cOff + k - from).mul(wk));
            FloatVector mk = FloatVector.fromArray(S, m, k).mul(b1).add(gk.mul(c1));
            FloatVector vk = FloatVector.fromArray(S, v, k).mul(b2).add(gk.mul(c2).mul(gk));
            mk.intoArray(m, k);
            vk.intoArray(v, k);
            FloatVector step = mk.mul(stepSize).div(vk.mul(vScale).sqrt().add(eps));
            wk.sub(step).intoArray(w, k);
        }
        SCALAR.adamStepDecayed(w, g, m, v, k, to, c, cOff + k - from, b1, c1, b2, c2, stepSize, vScale, eps);
    }

    @Override
    public String name() {
        return "vector";
    }
}
