package io.snn4j.neuron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integer-mode parameters of a LIF population (schema 1.2, {@code FixedPointProto} 6-11): the exact integer tick that
 * fixed-point hardware and snn4j's integer mode run. State (synaptic currents {@code e_k}, membrane {@code v}) is a
 * signed integer in units of {@code scale / 2^fracBits}; a synapse of integer weight q adds {@code q << fracBits}.
 * With {@code S = decayShift}, {@code mul(x, d) = signum(x) * ((|x| * d) >> S)} and {@code sat} the clamp to
 * {@code ±(2^(accumulatorBits-1) - 1)}, one tick t &gt;= 1 of a neuron in output channel c is
 * <pre>
 *   v   = mul(v, 2^S - decayMem)
 *   e_k = sat(mul(e_k, 2^S - decaySyn[k]) + (R_k &lt;&lt; fracBits))      R_k: integer weights arriving this tick
 *   v   = sat(v + sum_k mul(e_k, decaySyn[k]) + biasState[c])
 *   refractory: v = 0                        else if v &gt;= thresholdState[c]: spike, v = 0
 * </pre>
 * Tick 0 is dead. {@code decayMem = round(2^S / tauMem)}, {@code decaySyn[k] = round(2^S / tauSyn_k)}: the float
 * model's 1/tau, exact when tau is a power of two up to 2^S (see {@link FixedLifConstants} for the arithmetic). The
 * kept part of a decay is truncated toward zero, so a state without input reaches exactly 0.
 *
 * <p>Ranges (they keep every intermediate of a tick inside a signed 64-bit integer): accumulator 2..32 bits,
 * decayShift 1..30, fracBits 0..30, decay constants in [0, 2^S] (synaptic ones &gt;= 1), thresholds in
 * [1, 2^(A-1) - 1], biases within ±(2^(A-1) - 1). Immutable by contract (callers must not modify the arrays).
 *
 * @param accumulatorBits width A of the current and membrane accumulators
 * @param fracBits        fractional bits of the state below one weight unit
 * @param decayShift      S of the multiply-and-shift decays
 * @param decayMem        round(2^S / tauMem)
 * @param decaySyn        round(2^S / tauSyn_k), one per synapse type
 * @param thresholdState  threshold in state units, one per output channel (one for a per-tensor scale)
 * @param biasState       bias in state units per channel, or empty for no bias
 */
public record FixedLifParameters(int accumulatorBits, int fracBits, int decayShift, int decayMem, int[] decaySyn,
                                 long[] thresholdState, long[] biasState) {
    public static final int MAX_ACCUMULATOR_BITS = 32;
    public static final int MAX_DECAY_SHIFT = 30;
    public static final int MAX_FRAC_BITS = 30;

    public FixedLifParameters {
        decaySyn = decaySyn == null ? new int[0] : decaySyn;
        thresholdState = thresholdState == null ? new long[0] : thresholdState;
        biasState = biasState == null ? new long[0] : biasState;
        List<String> problems = problems(accumulatorBits, fracBits, decayShift, decayMem, decaySyn, thresholdState,
                biasState);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Every rule the values break, as messages naming the field, the rule and the value; empty when valid. */
    public static List<String> problems(long accumulatorBits, long fracBits, long decayShift, long decayMem,
                                        int[] decaySyn, long[] thresholdState, long[] biasState) {
        List<String> out = new ArrayList<>();
        if (accumulatorBits < 2 || accumulatorBits > MAX_ACCUMULATOR_BITS) {
            out.add("integer mode needs accumulator_bits in [2, " + MAX_ACCUMULATOR_BITS + "], was "
                    + accumulatorBits);
        }
        if (decayShift < 1 || decayShift > MAX_DECAY_SHIFT) {
            out.add("decay_shift must be in [1, " + MAX_DECAY_SHIFT + "] (0: no integer mode), was " + decayShift);
        }
        if (fracBits < 0 || fracBits > MAX_FRAC_BITS) {
            out.add("frac_bits must be in [0, " + MAX_FRAC_BITS + "], was " + fracBits);
        }
        long one = decayShift >= 1 && decayShift <= MAX_DECAY_SHIFT ? 1L << decayShift : Long.MAX_VALUE;
        if (decayMem < 0 || decayMem > one) {
            out.add("decay_mem must be in [0, 2^decay_shift = " + one + "], was " + decayMem);
        }
        if (decaySyn.length < 1 || decaySyn.length > 2) {
            out.add("decay_syn must have one entry per synapse type (1 or 2), had " + decaySyn.length);
        }
        for (int k = 0; k < decaySyn.length; k++) {
            long d = Integer.toUnsignedLong(decaySyn[k]);
            if (d < 1 || d > one) {
                out.add("decay_syn[" + k + "] must be in [1, 2^decay_shift = " + one + "], was " + d);
            }
        }
        long max = accumulatorBits >= 2 && accumulatorBits <= 63 ? (1L << (accumulatorBits - 1)) - 1
                : Long.MAX_VALUE;
        if (thresholdState.length < 1) {
            out.add("threshold_state needs one entry per scale, had none");
        }
        for (int c = 0; c < thresholdState.length; c++) {
            if (thresholdState[c] < 1 || thresholdState[c] > max) {
                out.add("threshold_state[" + c + "] must be in [1, " + max + "] (the accumulator), was "
                        + thresholdState[c]);
                break;
            }
        }
        if (biasState.length != 0 && biasState.length != thresholdState.length) {
            out.add("bias_state must be empty or have one entry per scale (" + thresholdState.length + "), had "
                    + biasState.length);
        }
        for (int c = 0; c < biasState.length; c++) {
            if (Math.abs(biasState[c]) > max) {
                out.add("bias_state[" + c + "] must be within ±" + max + " (the accumulator), was " + biasState[c]);
                break;
            }
        }
        return out;
    }

    /** {@code round(2^shift / tau)}, the multiply-and-shift constant of a time constant in ticks. */
    public static long decayOf(double tauTicks, int shift) {
        return Math.round(Math.scalb(1.0, shift) / tauTicks);
    }

    /** Number of scales (output channels; 1 for a per-tensor scale). */
    public int channels() {
        return thresholdState.length;
    }

    /** Largest state magnitude, {@code 2^(accumulatorBits-1) - 1}. */
    public long maxState() {
        return (1L << (accumulatorBits - 1)) - 1;
    }

    public boolean hasBias() {
        for (long b : biasState) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rules that tie these parameters to the population's float parameters and size: decay constants equal to
     * {@code round(2^S / tau)}, one decay_syn per synapse type, a channel count that divides the population.
     */
    public List<String> problemsWith(LifParameters lif, int size, int shapeChannels) {
        List<String> out = new ArrayList<>();
        long dm = decayOf(lif.tauMemTicks(), decayShift);
        if (decayMem != dm) {
            out.add("decay_mem must be round(2^" + decayShift + " / tau_mem " + lif.tauMemTicks() + ") = " + dm
                    + ", was " + decayMem);
        }
        if (decaySyn.length != lif.synapseTypes()) {
            out.add("decay_syn must have one entry per synapse type (" + lif.synapseTypes() + "), had "
                    + decaySyn.length);
        } else {
            for (int k = 0; k < decaySyn.length; k++) {
                long ds = decayOf(lif.tauSynTicks(k), decayShift);
                if (Integer.toUnsignedLong(decaySyn[k]) != ds) {
                    out.add("decay_syn[" + k + "] must be round(2^" + decayShift + " / tau_syn " + lif.tauSynTicks(k)
                            + ") = " + ds + ", was " + Integer.toUnsignedLong(decaySyn[k]));
                }
            }
        }
        int c = channels();
        if (c != 1 && c != size && c != shapeChannels) {
            out.add("threshold_state must have 1, " + shapeChannels + " (channels) or " + size
                    + " (neurons) entries, had " + c);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedLifParameters f && f.accumulatorBits == accumulatorBits && f.fracBits == fracBits
                && f.decayShift == decayShift && f.decayMem == decayMem && Arrays.equals(f.decaySyn, decaySyn)
                && Arrays.equals(f.thresholdState, thresholdState) && Arrays.equals(f.biasState, biasState);
    }

    @Override
    public int hashCode() {
        return ((accumulatorBits * 31 + fracBits) * 31 + decayShift) * 31 + decayMem
                + 17 * Arrays.hashCode(thresholdState);
    }

    @Override
    public String toString() {
        return "FixedLifParameters[acc " + accumulatorBits + ", frac " + fracBits + ", shift " + decayShift
                + ", decayMem " + decayMem + ", decaySyn " + Arrays.toString(decaySyn) + ", " + channels()
                + " thresholds]";
    }
}
