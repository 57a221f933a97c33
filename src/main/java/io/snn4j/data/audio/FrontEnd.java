package io.snn4j.data.audio;

/**
 * An auditory front-end: turns a mono recording into a {@link Cochleagram}. Implementations are immutable and
 * thread-safe; {@link #apply} resamples a recording whose rate differs from {@link #sampleRate()} with the
 * band-limited {@link Resampler} first.
 */
public interface FrontEnd {
    /** The rate the filters are designed for, Hz. */
    double sampleRate();

    /** Output channels. */
    int channels();

    /** Output frames per second. */
    double frameRateHz();

    /** The cochleagram of {@code audio}; an empty recording gives zero frames. */
    Cochleagram apply(Audio audio);
}
