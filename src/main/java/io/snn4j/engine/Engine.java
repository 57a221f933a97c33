package io.snn4j.engine;

import io.snn4j.event.InputSpikes;

/**
 * A simulator of one compiled network. Every engine computes the same discrete dynamics
 * ({@link io.snn4j.neuron.LifConstants}); they differ in how they spend work. An engine owns mutable state and is
 * used from one thread; create one per thread to run samples in parallel.
 */
public interface Engine {
    /**
     * Simulates ticks [0, ticks) from rest, driven by {@code input} (spikes of the input population; those at ticks
     * &gt;= ticks are ignored).
     *
     * @param recordSpikes whether to keep the full spike trains in the result
     */
    default SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes) {
        return run(input, ticks, recordSpikes, new int[0]);
    }

    /**
     * As {@link #run(InputSpikes, int, boolean)}, also recording the membrane potential of each probed neuron at the
     * end of every tick (after threshold and reset) in {@link SimulationResult#membraneTrace(int)}.
     *
     * @param probes read; global indices of LIF neurons to trace
     */
    SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes);

    /** Which engine. */
    String name();
}
