package io.snn4j.data.encode;

import io.snn4j.event.InputSpikes;
import java.util.Arrays;

/**
 * Collects (tick, channel) spikes in any order and hands them out as {@link InputSpikes} sorted by tick with a stable
 * counting sort. Not thread-safe; one per encode call.
 */
final class SpikeCollector {
    private int[] ticks;
    private int[] channels;
    private int size;

    SpikeCollector(int capacity) {
        ticks = new int[Math.max(16, capacity)];
        channels = new int[ticks.length];
    }

    void add(int tick, int channel) {
        if (size == ticks.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
            if (grown == size) {
                throw new IllegalStateException("more than " + size + " spikes in one sample");
            }
            ticks = Arrays.copyOf(ticks, grown);
            channels = Arrays.copyOf(channels, grown);
        }
        ticks[size] = tick;
        channels[size] = channel;
        size++;
    }

    int size() {
        return size;
    }

    /** The spikes sorted by tick; all ticks must lie in {@code [0, tickCount)}. */
    InputSpikes toInputSpikes(int channelCount, int tickCount) {
        int[] start = new int[tickCount + 1];
        for (int i = 0; i < size; i++) {
            start[ticks[i] + 1]++;
        }
        for (int t = 0; t < tickCount; t++) {
            start[t + 1] += start[t];
        }
        int[] sortedTicks = new int[size];
        int[] sortedChannels = new int[size];
        for (int i = 0; i < size; i++) {
            int p = start[ticks[i]]++;
            sortedTicks[p] = ticks[i];
            sortedChannels[p] = channels[i];
        }
        return InputSpikes.of(channelCount, sortedTicks, sortedChannels);
    }
}
