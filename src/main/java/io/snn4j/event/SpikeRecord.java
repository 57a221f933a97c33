package io.snn4j.event;

import java.util.Arrays;

/**
 * A growable record of spikes as two parallel int arrays (tick, neuron), in the order they were added. Engines add
 * spikes tick by tick and, within a tick, by ascending neuron index, so two records of the same run compare equal
 * element by element.
 *
 * <p>Not thread-safe.
 */
public final class SpikeRecord {
    private int[] ticks;
    private int[] neurons;
    private int size;

    public SpikeRecord() {
        this(1024);
    }

    public SpikeRecord(int initialCapacity) {
        ticks = new int[Math.max(16, initialCapacity)];
        neurons = new int[ticks.length];
    }

    public void add(int tick, int neuron) {
        if (size == ticks.length) {
            int cap = ticks.length * 2;
            ticks = Arrays.copyOf(ticks, cap);
            neurons = Arrays.copyOf(neurons, cap);
        }
        ticks[size] = tick;
        neurons[size] = neuron;
        size++;
    }

    public int size() {
        return size;
    }

    public int tick(int i) {
        return ticks[i];
    }

    public int neuron(int i) {
        return neurons[i];
    }

    public void clear() {
        size = 0;
    }

    /** Index of the first entry where the two records differ, or -1 when they are equal. */
    public int firstDifference(SpikeRecord other) {
        int n = Math.min(size, other.size);
        for (int i = 0; i < n; i++) {
            if (ticks[i] != other.ticks[i] || neurons[i] != other.neurons[i]) {
                return i;
            }
        }
        return size == other.size ? -1 : n;
    }
}
