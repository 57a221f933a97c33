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
    SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes);

    /** Which engine. */
    String name();
}
