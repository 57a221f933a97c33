package io.snn4j.data.audio;

import java.util.Arrays;

/**
 * The output of an auditory front-end: {@code channels} x {@code frames} analog values at {@code frameRateHz}
 * frames per second, channel-major ({@code values[c * frames + f]}), channel 0 the highest characteristic frequency
 * (as Lyon's cochlea orders them). Immutable: arrays are copied in and out.
 *
 * @param channels          filter channels, &gt;= 1
 * @param frames            frames, &gt;= 0
 * @param frameRateHz       frames per second, finite and &gt; 0
 * @param values            {@code channels * frames} finite values; copied
 * @param centreFrequencies characteristic frequency of each channel in Hz, {@code channels} entries; copied
 */
public record Cochleagram(int channels, int frames, double frameRateHz, float[] values, double[] centreFrequencies) {
    public Cochleagram {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, was " + frames);
        }
        if (!(frameRateHz > 0) || Double.isInfinite(frameRateHz)) {
            throw new IllegalArgumentException("frameRateHz must be finite and > 0, was " + frameRateHz);
        }
        if (values == null || values.length != (long) channels * frames) {
            throw new IllegalArgumentException("values must hold channels x frames = " + (long) channels * frames
                    + " entries, had " + (values == null ? "null" : values.length));
        }
        if (centreFrequencies == null || centreFrequencies.length != channels) {
            throw new IllegalArgumentException("centreFrequencies must hold " + channels + " entries, had "
                    + (centreFrequencies == null ? "null" : centreFrequencies.length));
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " (channel " + i / Math.max(frames, 1) + ") is "
                        + values[i]);
            }
        }
        centreFrequencies = centreFrequencies.clone();
    }

    /** Value of channel {@code c} at frame {@code f}. */
    public float value(int c, int f) {
        return values[c * frames + f];
    }

    /** A copy of the values, channel-major. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** A copy of the centre frequencies. */
    @Override
    public double[] centreFrequencies() {
        return centreFrequencies.clone();
    }

    /** Duration covered, in seconds. */
    public double durationSeconds() {
        return frames / frameRateHz;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cochleagram c && c.channels == channels && c.frames == frames
                && c.frameRateHz == frameRateHz && Arrays.equals(c.values, values)
                && Arrays.equals(c.centreFrequencies, centreFrequencies);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(centreFrequencies);
    }

    @Override
    public String toString() {
        return "Cochleagram[" + channels + " channels x " + frames + " frames at " + frameRateHz + " Hz]";
    }
}
