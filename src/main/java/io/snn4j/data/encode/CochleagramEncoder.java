package io.snn4j.data.encode;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;

/**
 * Encodes a {@link Cochleagram} into input spikes, one input channel per cochleagram channel (or a fixed multiple of
 * it, see {@link #channelCount(int)}). Implementations are immutable and thread-safe; any randomness comes from a
 * generator derived from {@code (seed, sampleIndex)} only.
 */
public interface CochleagramEncoder {
    /**
     * @param cochleagram the front-end output
     * @param ticks       length of the spike trains: spikes at or after it are dropped
     * @param seed        the data set's seed
     * @param sampleIndex index of the sample in its data set
     */
    InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex);

    /** Input channels produced for a cochleagram of {@code cochleagramChannels} channels. */
    int channelCount(int cochleagramChannels);
}
