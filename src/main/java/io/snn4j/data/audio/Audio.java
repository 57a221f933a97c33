package io.snn4j.data.audio;

import java.util.Arrays;

/**
 * A mono recording: samples in [-1, 1] at {@code sampleRate} Hz, plus where it came from (channel count, bits per
 * sample and encoding of the source file, before mix-down). Immutable and thread-safe: the array is copied in and out.
 *
 * <p>An empty recording (zero samples) is allowed; readers return one for a file whose data chunk/body is empty.
 *
 * @param samples         mono samples in [-1, 1]; copied
 * @param sampleRate      samples per second, finite and &gt; 0
 * @param sourceChannels  channels in the source before mix-down to mono, &gt;= 1
 * @param sourceBits      bits per sample in the source (container size), &gt;= 1
 * @param sourceFormat    encoding of the source, for example {@code "wav pcm"}, {@code "wav float"},
 *                        {@code "sphere pcm"}
 */
public record Audio(float[] samples, double sampleRate, int sourceChannels, int sourceBits, String sourceFormat) {
    public Audio {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("sampleRate must be finite and > 0, was " + sampleRate);
        }
        if (sourceChannels < 1) {
            throw new IllegalArgumentException("sourceChannels must be >= 1, was " + sourceChannels);
        }
        if (sourceBits < 1) {
            throw new IllegalArgumentException("sourceBits must be >= 1, was " + sourceBits);
        }
        if (sourceFormat == null) {
            throw new IllegalArgumentException("sourceFormat must not be null");
        }
        samples = samples.clone();
        for (int i = 0; i < samples.length; i++) {
            float s = samples[i];
            if (!(s >= -1f && s <= 1f)) {
                throw new IllegalArgumentException("samples must lie in [-1, 1], sample " + i + " was " + s);
            }
        }
    }

    /** A copy of the samples. */
    @Override
    public float[] samples() {
        return samples.clone();
    }

    /** Number of samples. */
    public int sampleCount() {
        return samples.length;
    }

    /** Copies the samples into {@code dst} (written, length &gt;= {@link #sampleCount()}). */
    public void copySamples(float[] dst) {
        System.arraycopy(samples, 0, dst, 0, samples.length);
    }

    /** Duration in seconds: sample count / sample rate. */
    public double durationSeconds() {
        return samples.length / sampleRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audio a && Arrays.equals(samples, a.samples) && sampleRate == a.sampleRate
                && sourceChannels == a.sourceChannels && sourceBits == a.sourceBits
                && sourceFormat.equals(a.sourceFormat);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(samples) + Double.hashCode(sampleRate);
    }

    @Override
    public String toString() {
        return "Audio[" + samples.length + " samples, " + sampleRate + " Hz, source " + sourceChannels + " ch "
                + sourceBits + "-bit " + sourceFormat + "]";
    }
}
