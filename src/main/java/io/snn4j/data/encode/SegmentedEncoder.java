package io.snn4j.data.encode;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;

/**
 * Time segments of an utterance as separate input channels: another encoder's spikes keep their ticks, and a spike of
 * channel {@code c} at tick {@code t} goes to channel {@code s * C + c} of segment
 * <pre>
 *   s = min(K - 1, floor(K * t / L)),   L = min(ticks, frames * ticksPerFrame)
 * </pre>
 * where {@code C} is the inner encoder's channel count, {@code K} the number of segments and {@code L} the length of
 * the utterance in ticks (its cochleagram's frames; spikes in the inner encoder's tail after the last frame count to
 * the last segment). So a hidden neuron can tell "energy in this band early in the word" from "late in the word",
 * whatever the speaker's tempo, since the segments stretch with the utterance. An MLP on the plain channels sees
 * little more than each band's rate over the whole word, and that depends on the speaker's voice more than on the
 * word. Measured on FSDD, leave-one-speaker-out, {@code fsdd-mlp}'s other settings: see that model's file.
 *
 * <p>Immutable and thread-safe when the inner encoder is.
 */
public final class SegmentedEncoder implements CochleagramEncoder {
    /** The most segments accepted. */
    public static final int MAX_SEGMENTS = 64;

    private final CochleagramEncoder inner;
    private final int segments;
    private final int ticksPerFrame;

    /**
     * @param inner         the encoder whose spikes are routed
     * @param segments      segments per utterance, 1..{@value #MAX_SEGMENTS} (1: the inner encoder's channels as they
     *                      are)
     * @param ticksPerFrame ticks per cochleagram frame of the inner encoder, &gt;= 1
     */
    public SegmentedEncoder(CochleagramEncoder inner, int segments, int ticksPerFrame) {
        if (inner == null) {
            throw new IllegalArgumentException("segmented encoder: the inner encoder must not be null");
        }
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException("segmented encoder: segments must lie in 1.." + MAX_SEGMENTS
                    + ", was " + segments);
        }
        if (ticksPerFrame < 1) {
            throw new IllegalArgumentException("segmented encoder: ticksPerFrame must be >= 1, was "
                    + ticksPerFrame);
        }
        this.inner = inner;
        this.segments = segments;
        this.ticksPerFrame = ticksPerFrame;
    }

    @Override
    public InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex) {
        InputSpikes s = inner.encode(cochleagram, ticks, seed, sampleIndex);
        if (segments == 1) {
            return s;
        }
        final int per = s.channelCount();
        final long length = Math.max(1, Math.min(ticks, (long) cochleagram.frames() * ticksPerFrame));
        final int n = s.size();
        final int[] t = new int[n];
        final int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = s.tick(i);
            int segment = (int) Math.min(segments - 1, (long) t[i] * segments / length);
            c[i] = segment * per + s.channel(i);
        }
        // one tick's spikes share a segment, so channels stay increasing within a tick
        return InputSpikes.ofOrdered(Math.multiplyExact(per, segments), t, c, n);
    }

    @Override
    public int channelCount(int cochleagramChannels) {
        return Math.multiplyExact(segments, inner.channelCount(cochleagramChannels));
    }

    @Override
    public String toString() {
        return "SegmentedEncoder[" + inner + ", segments=" + segments + "]";
    }
}
