package io.snn4j.data.encode;

import io.snn4j.event.InputSpikes;

/**
 * Encodes one grey-level image (pixel values 0..255, channel = pixel index in the array's order, for MNIST IDX files
 * row-major {@code y * 28 + x}) into input spikes. Implementations are immutable and thread-safe; any randomness comes
 * from a generator derived from {@code (seed, sampleIndex)} only.
 */
public interface ImageEncoder {
    /**
     * @param pixels      read; unsigned grey values 0..255 (a {@code byte} is read as {@code b & 0xFF})
     * @param seed        the data set's seed
     * @param sampleIndex index of the sample in its data set
     */
    InputSpikes encode(byte[] pixels, long seed, long sampleIndex);

    /** Number of ticks of the produced trains (spikes lie in {@code 0 .. tickCount-1}). */
    int tickCount();
}
