package io.snn4j.runtime;

/**
 * One population of a loaded model: its shape and, for a LIF population, the per-tick float constants (and the
 * integer constants of integer mode). Immutable; shared by every session of the model.
 */
final class Population {
    /** States smaller in magnitude than this are flushed to exact zero at the end of a tick (no-bias populations). */
    static final float FLUSH = 1e-12f;

    final String name;
    final int size;
    final int channels;
    final int height;
    final int width;
    final boolean isInput;
    final int synapseTypes;
    final float decayMem;
    final float decaySyn0;
    final float decaySyn1;
    final float gain0;
    final float gain1;
    final float bias;
    /** Largest float not above the exact threshold: a membrane v spikes when v &gt; thresholdValue. */
    final float thresholdValue;
    final int refractoryTicks;
    /** Initial membrane potentials, or null when the population starts at rest. */
    final float[] initialPotentials;
    /** Integer-mode constants, or null. */
    final IntegerLif integer;

    /** An input population. */
    Population(String name, int channels, int height, int width) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.size = channels * height * width;
        this.isInput = true;
        synapseTypes = 0;
        decayMem = decaySyn0 = decaySyn1 = gain0 = gain1 = bias = thresholdValue = 0f;
        refractoryTicks = 0;
        initialPotentials = null;
        integer = null;
    }

    /**
     * A LIF population; the constants are derived in double and rounded to float once, as the engines' compiler
     * does: decay 1 - 1/tau, gain 1/tau, threshold the largest float not above threshold - 1e-6 (threshold when
     * strict).
     */
    Population(String name, int channels, int height, int width, double tauMem, double tauSyn0, double tauSyn1,
               double threshold, boolean strict, int refractoryTicks, double bias, float[] initialPotentials,
               IntegerLif integer) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.size = channels * height * width;
        this.isInput = false;
        boolean two = tauSyn1 != 0;
        synapseTypes = two ? 2 : 1;
        decayMem = (float) (1.0 - 1.0 / tauMem);
        decaySyn0 = (float) (1.0 - 1.0 / tauSyn0);
        decaySyn1 = two ? (float) (1.0 - 1.0 / tauSyn1) : 0f;
        gain0 = (float) (1.0 / tauSyn0);
        gain1 = two ? (float) (1.0 / tauSyn1) : 0f;
        this.bias = (float) bias;
        thresholdValue = floatBelow(strict ? threshold : threshold - 1e-6);
        this.refractoryTicks = refractoryTicks;
        this.initialPotentials = initialPotentials;
        this.integer = integer;
    }

    /** Largest float not above x: for every float v, {@code v > floatBelow(x)} exactly when {@code v > x}. */
    static float floatBelow(double x) {
        float f = (float) x;
        return (double) f > x ? Math.nextDown(f) : f;
    }

    /**
     * Integer-mode constants of a LIF population (model.proto, FixedPointProto 1.2), expanded per neuron from the
     * per-channel values.
     */
    static final class IntegerLif {
        final int fracBits;
        final int decayShift;
        final long decayMem;
        final long decaySyn0;
        final long decaySyn1;
        /** Saturation bound 2^(accumulator_bits-1) - 1. */
        final long limit;
        /** Clamp of a tick's summed integer input before the shift: 2^accumulator_bits. */
        final long inputLimit;
        /** Threshold in state units, per neuron: spike when v &gt;= threshold. */
        final long[] thresholdState;
        /** Bias in state units per neuron, or null when the population has no bias. */
        final long[] biasState;

        IntegerLif(int fracBits, int decayShift, long decayMem, long decaySyn0, long decaySyn1, long limit,
                   long[] thresholdState, long[] biasState) {
            this.fracBits = fracBits;
            this.decayShift = decayShift;
            this.decayMem = decayMem;
            this.decaySyn0 = decaySyn0;
            this.decaySyn1 = decaySyn1;
            this.limit = limit;
            this.inputLimit = 2 * (limit + 1);
            this.thresholdState = thresholdState;
            this.biasState = biasState;
        }
    }
}
