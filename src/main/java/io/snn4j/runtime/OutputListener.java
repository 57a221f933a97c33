package io.snn4j.runtime;

/** Told of the output spikes of every tick that has some, as the session simulates it. */
@FunctionalInterface
public interface OutputListener {
    /**
     * @param tick    the tick (since the session's reset)
     * @param neurons read only during the call: the output neurons that spiked, ascending
     * @param count   how many entries of {@code neurons} are valid
     */
    void onOutputSpikes(long tick, int[] neurons, int count);
}
