package io.snn4j.neuron;

/**
 * Per-tick integer constants of one integer-mode LIF population ({@link FixedLifParameters}), and the two primitive
 * operations of the integer tick. Engines evaluate, for a neuron i of channel {@code c = i / neuronsPerChannel}:
 * <pre>
 *   v  = mul(v, keepMem)                                   keepMem = 2^S - decayMem
 *   e0 = sat(mul(e0, keepSyn0) + input(r0))               input(r) = clamp(r, -2^A, 2^A) &lt;&lt; fracBits
 *   e1 = sat(mul(e1, keepSyn1) + input(r1))
 *   v  = sat(v + mul(e0, decaySyn0) + mul(e1, decaySyn1) + bias[c])
 *   if refractory: v = 0                    else if v &gt;= threshold[c]: spike, v = 0
 * </pre>
 * The clamp of r before the shift does not change the saturated result (|mul(e, keep)| &lt; 2^(A-1), so any
 * |r| &gt;= 2^A saturates the sum either way); it keeps {@code r << fracBits} within 63 bits. All arithmetic is in
 * {@code long}; states fit in {@code int}. Immutable by contract.
 *
 * @param shift             decay shift S
 * @param fracBits          fractional state bits
 * @param keepMem           2^S - decayMem: the kept part of the membrane
 * @param decaySyn0         synapse type 0 gain constant (round(2^S / tauSyn0))
 * @param decaySyn1         synapse type 1 gain constant (0 when absent)
 * @param keepSyn0          2^S - decaySyn0
 * @param keepSyn1          2^S - decaySyn1 (0 when absent)
 * @param max               largest state magnitude 2^(A-1) - 1
 * @param inputLimit        2^A, the clamp of a tick's summed integer input before the shift
 * @param neuronsPerChannel neurons sharing one threshold (population size / channels)
 * @param threshold         read-only; threshold per channel in state units
 * @param bias              read-only; bias per channel in state units (zeros when none)
 * @param hasBias           whether any bias is non-zero
 * @param refractoryTicks   refractory period
 */
public record FixedLifConstants(int shift, int fracBits, long keepMem, long decaySyn0, long decaySyn1, long keepSyn0,
                                long keepSyn1, long max,
                                long inputLimit, int neuronsPerChannel, long[] threshold, long[] bias,
                                boolean hasBias, int refractoryTicks) {

    public static FixedLifConstants of(LifParameters lif, FixedLifParameters f, int size) {
        int ch = f.channels();
        long[] bias = new long[ch];
        if (f.biasState().length == ch) {
            System.arraycopy(f.biasState(), 0, bias, 0, ch);
        }
        long one = 1L << f.decayShift();
        long ds0 = Integer.toUnsignedLong(f.decaySyn()[0]);
        long ds1 = f.decaySyn().length > 1 ? Integer.toUnsignedLong(f.decaySyn()[1]) : 0;
        return new FixedLifConstants(f.decayShift(), f.fracBits(), one - f.decayMem(), ds0, ds1, one - ds0,
                f.decaySyn().length > 1 ? one - ds1 : 0, f.maxState(),
                1L << f.accumulatorBits(), size / ch, f.thresholdState().clone(), bias, f.hasBias(),
                lif.refractoryTicks());
    }

    /** {@code signum(x) * ((|x| * d) >> shift)}: truncation toward zero; |x| &lt; 2^31, d &lt;= 2^30. */
    public static long mul(long x, long d, int shift) {
        return x >= 0 ? (x * d) >> shift : -((-x * d) >> shift);
    }

    /** The summed input of one tick in state units: {@code clamp(r, -limit, limit) << fracBits}. */
    public static long input(long r, long limit, int fracBits) {
        return (r > limit ? limit : r < -limit ? -limit : r) << fracBits;
    }
}
