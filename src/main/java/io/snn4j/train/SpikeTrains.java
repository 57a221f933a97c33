package io.snn4j.train;

import io.snn4j.event.SpikeRecord;
import java.util.Arrays;

/**
 * Spike trains of every neuron of a network as struct-of-arrays (CSR): neuron g's ascending spike times are
 * {@code times[start[g] .. start[g] + count[g])}. Rebuilt from a {@link SpikeRecord} (which is in tick order) by a
 * counting sort; buffers are reused and grow only when a run has more spikes than any before. Not thread-safe.
 */
final class SpikeTrains {
    final int[] count;
    final int[] start;
    int[] times;

    SpikeTrains(int neurons) {
        count = new int[neurons];
        start = new int[neurons + 1];
        times = new int[1024];
    }

    void fill(SpikeRecord record) {
        final int n = count.length;
        Arrays.fill(count, 0);
        final int size = record.size();
        for (int k = 0; k < size; k++) {
            count[record.neuron(k)]++;
        }
        start[0] = 0;
        for (int g = 0; g < n; g++) {
            start[g + 1] = start[g] + count[g];
        }
        if (times.length < size) {
            times = new int[Math.max(size, times.length * 2)];
        }
        // count doubles as the fill cursor, restored by the pass
        for (int k = 0; k < size; k++) {
            int g = record.neuron(k);
            int at = start[g + 1] - count[g];
            times[at] = record.tick(k);
            count[g]--;
        }
        for (int g = 0; g < n; g++) {
            count[g] = start[g + 1] - start[g];
        }
    }

    /** Sets the trains of neurons {@code [0, n)} from per-neuron lists (for small hand-built cases and overrides). */
    void set(int[][] trains) {
        int total = 0;
        for (int[] t : trains) {
            total += t.length;
        }
        if (times.length < total) {
            times = new int[total];
        }
        int at = 0;
        for (int g = 0; g < trains.length; g++) {
            start[g] = at;
            count[g] = trains[g].length;
            System.arraycopy(trains[g], 0, times, at, trains[g].length);
            at += trains[g].length;
        }
        start[trains.length] = at;
    }

    /**
     * Copies the trains of {@code src} neurons {@code off .. off + n} into neurons {@code 0 .. n}, replacing the train
     * of neuron {@code override} (when &gt;= 0) by {@code overrideTimes}.
     */
    void copyFrom(SpikeTrains src, int off, int n, int override, int[] overrideTimes) {
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += i == override ? overrideTimes.length : src.count[off + i];
        }
        if (times.length < total) {
            times = new int[Math.max(total, times.length * 2)];
        }
        int at = 0;
        for (int i = 0; i < n; i++) {
            start[i] = at;
            if (i == override) {
                System.arraycopy(overrideTimes, 0, times, at, overrideTimes.length);
                count[i] = overrideTimes.length;
            } else {
                System.arraycopy(src.times, src.start[off + i], times, at, src.count[off + i]);
                count[i] = src.count[off + i];
            }
            at += count[i];
        }
        start[n] = at;
    }
}
