package io.snn4j.data.dataset;

import io.snn4j.event.InputSpikes;

/**
 * An indexed, labelled collection of input spike trains. {@link #load(int)} produces sample {@code i}'s spikes; for a
 * given data set object it returns equal spikes every time it is called with the same index (randomness is derived
 * from the data set's seed and the index only), so loading may run on any thread in any order.
 *
 * <p>Implementations in this package are immutable and thread-safe, provided their sources are.
 */
public interface Dataset {
    /** Number of samples. */
    int size();

    /** Class label of sample {@code index}, &gt;= 0; cheap (does not load the spikes). */
    int label(int index);

    /**
     * Spikes of sample {@code index}.
     *
     * @throws IndexOutOfBoundsException if index is not in [0, size)
     * @throws java.io.UncheckedIOException if a backing file cannot be read
     */
    InputSpikes load(int index);

    /** Input channels of every sample. */
    int channelCount();

    /** Ticks of every sample: all spikes lie in {@code 0 .. tickCount-1}. */
    int tickCount();

    /** The file sample {@code index} was read from, or "" when it has none (drawn or decoded data). */
    default String source(int index) {
        checkIndex(index, size());
        return "";
    }

    /** Sample {@code index} with its label, spikes loaded on first use. */
    default Sample sample(int index) {
        checkIndex(index, size());
        return Sample.lazy(index, label(index), () -> load(index));
    }

    /** Throws {@link IndexOutOfBoundsException} naming the index and size. */
    static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("sample index must be in [0, " + size + "), was " + index);
        }
    }
}
