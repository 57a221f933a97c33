package io.snn4j.engine;

import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;

/**
 * What one run produced: spike counts per neuron, the full spike trains when they were recorded, and the classifier
 * decision. Immutable once returned (the spike record must not be modified).
 */
public final class SimulationResult {
    /** {@link #predictedClass()} when the output population did not spike. */
    public static final int NO_OUTPUT_SPIKES = -1;

    private final CompiledNetwork net;
    private final int ticks;
    private final int[] counts;
    private final SpikeRecord spikes;
    private final float[][] traces;
    private final long saturations;

    SimulationResult(CompiledNetwork net, int ticks, int[] counts, SpikeRecord spikes, float[][] traces) {
        this(net, ticks, counts, spikes, traces, 0);
    }

    SimulationResult(CompiledNetwork net, int ticks, int[] counts, SpikeRecord spikes, float[][] traces,
                     long saturations) {
        this.saturations = saturations;
        this.net = net;
        this.ticks = ticks;
        this.counts = counts;
        this.spikes = spikes;
        this.traces = traces;
    }

    /**
     * Membrane potential of the k-th probed neuron at the end of each tick (a copy; length ticks). In integer mode the
     * integer state (units of scale / 2^frac_bits), converted to float.
     */
    public float[] membraneTrace(int k) {
        return traces[k].clone();
    }

    /**
     * Integer mode: how many times a synaptic current or membrane was clamped to the accumulator range during the
     * run (0 in float mode). A calibrated export never saturates on its calibration data; a non-zero count says the
     * integer network left the range the hardware computes exactly in.
     */
    public long saturations() {
        return saturations;
    }

    public NetworkSpec network() {
        return net.spec();
    }

    public int ticks() {
        return ticks;
    }

    /** Spikes of population {@code p} over the run. */
    public long populationSpikes(int p) {
        long n = 0;
        for (int g = net.offset(p), end = g + net.size(p); g < end; g++) {
            n += counts[g];
        }
        return n;
    }

    /** Spike count of each neuron of population {@code p} (a copy). */
    public int[] neuronCounts(int p) {
        return java.util.Arrays.copyOfRange(counts, net.offset(p), net.offset(p) + net.size(p));
    }

    public long totalSpikes() {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Synaptic events the run's spikes caused (spikes times out-degree, over all projections). */
    public long synapticEvents() {
        long n = 0;
        for (int g = 0; g < counts.length; g++) {
            if (counts[g] != 0) {
                n += counts[g] * net.outDegree(g);
            }
        }
        return n;
    }

    /** Full spike trains (global neuron indices), or null when the run did not record them. */
    public SpikeRecord spikes() {
        return spikes;
    }

    /**
     * The class the output population votes for: the neuron with most spikes, ties to the lowest index;
     * {@link #NO_OUTPUT_SPIKES} when no output neuron spiked.
     *
     * @throws IllegalStateException when the network has no output population
     */
    public int predictedClass() {
        int out = net.spec().output();
        if (out < 0) {
            throw new IllegalStateException("network '" + net.spec().name() + "' has no output population");
        }
        return argmax(counts, net.offset(out), net.size(out));
    }

    static int argmax(int[] counts, int from, int n) {
        int best = NO_OUTPUT_SPIKES;
        int bestCount = 0;
        for (int i = 0; i < n; i++) {
            if (counts[from + i] > bestCount) {
                bestCount = counts[from + i];
                best = i;
            }
        }
        return best;
    }
}
