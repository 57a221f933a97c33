package io.snn4j.data.encode;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;

/**
 * Send-on-delta (level-crossing) coding of a cochleagram: each channel keeps a reference level {@code r}, initially 0,
 * that moves in steps of {@code threshold}. At frame {@code f} with value {@code v}:
 * <pre>
 * if v - r &gt;= threshold:  m = floor((v - r) / threshold) ON spikes,   r += m * threshold
 * if r - v &gt;= threshold:  m = floor((r - v) / threshold) OFF spikes,  r -= m * threshold
 * </pre>
 * The {@code m} spikes of a frame go to ticks {@code 1 + f * ticksPerFrame + j}, {@code j = 0 .. min(m,
 * ticksPerFrame) - 1} (at most one per tick; the reference still moves by all {@code m} steps). ON spikes use input
 * channel {@code c}; with OFF channels, OFF spikes use channel {@code channels + c} (so {@link #channelCount} is
 * twice the cochleagram's), without them falling levels only move the reference. Ticks {@code >= ticks} are dropped;
 * tick 0 is silent. Deterministic: the seed and sample index are not used.
 *
 * <p>Immutable and thread-safe.
 */
public final class DeltaEncoder implements CochleagramEncoder {
    private final int ticksPerFrame;
    private final double threshold;
    private final boolean offChannels;

    /**
     * @param ticksPerFrame ticks per frame (and most spikes per frame and channel), 1..10000
     * @param threshold     level step, finite and &gt; 0
     * @param offChannels   emit OFF spikes on a second bank of channels
     */
    public DeltaEncoder(int ticksPerFrame, double threshold, boolean offChannels) {
        if (ticksPerFrame < 1 || ticksPerFrame > 10_000) {
            throw new IllegalArgumentException("delta: ticksPerFrame must lie in 1..10000, was " + ticksPerFrame);
        }
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("delta: threshold must be finite and > 0, was " + threshold);
        }
        this.ticksPerFrame = ticksPerFrame;
        this.threshold = threshold;
        this.offChannels = offChannels;
    }

    public int ticksPerFrame() {
        return ticksPerFrame;
    }

    public double threshold() {
        return threshold;
    }

    public boolean offChannels() {
        return offChannels;
    }

    @Override
    public int channelCount(int cochleagramChannels) {
        return offChannels ? 2 * cochleagramChannels : cochleagramChannels;
    }

    @Override
    public InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex) {
        if (ticks < 1) {
            throw new IllegalArgumentException("delta: ticks must be >= 1, was " + ticks);
        }
        final int frames = cochleagram.frames();
        final int channels = cochleagram.channels();
        final float[] values = cochleagram.values();
        final double step = threshold;
        SpikeCollector out = new SpikeCollector(channels * 8);
        for (int c = 0; c < channels; c++) {
            double r = 0;
            for (int f = 0; f < frames; f++) {
                double v = values[c * frames + f];
                long m;
                int channel;
                if (v - r >= step) {
                    m = (long) Math.floor((v - r) / step);
                    r += m * step;
                    channel = c;
                } else if (r - v >= step) {
                    m = (long) Math.floor((r - v) / step);
                    r -= m * step;
                    if (!offChannels) {
                        continue;
                    }
                    channel = channels + c;
                } else {
                    continue;
                }
                long first = 1 + (long) f * ticksPerFrame;
                long count = Math.min(m, ticksPerFrame);
                for (long t = first; t < first + count && t < ticks; t++) {
                    out.add((int) t, channel);
                }
            }
        }
        return out.toInputSpikes(channelCount(channels), ticks);
    }

    @Override
    public String toString() {
        return "DeltaEncoder[ticksPerFrame=" + ticksPerFrame + ", threshold=" + threshold + ", offChannels="
                + offChannels + "]";
    }
}
