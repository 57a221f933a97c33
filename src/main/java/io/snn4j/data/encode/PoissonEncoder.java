package io.snn4j.data.encode;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import java.util.SplittableRandom;

/**
 * Rate coding of a cochleagram: each channel spikes at each tick independently (Bernoulli per tick, the discrete-time
 * Poisson process) with the probability of the frame the tick falls in,
 * <pre>
 *   P(spike of channel c at tick t) = maxProbability * min(1, max(0, value(c, f)) / maxValue)
 *   f = (t - 1) / ticksPerFrame
 * </pre>
 * for {@code t = 1 .. min(ticks, frames * ticksPerFrame + 1) - 1}; tick 0 is silent, as in {@link RateEncoder} and
 * {@link BsaEncoder}. The generator is {@code new SplittableRandom(Seeds.mix(seed, sampleIndex))}; draw order: ticks
 * ascending, then channels ascending, one {@code nextDouble()} per channel whose probability is non-zero, a spike when
 * it is below the probability. A sample's spikes therefore depend only on (seed, sampleIndex).
 *
 * <p>Immutable and thread-safe.
 */
public final class PoissonEncoder implements CochleagramEncoder {
    private final int ticksPerFrame;
    private final double maxValue;
    private final double maxProbability;

    /**
     * @param ticksPerFrame  ticks per cochleagram frame, 1..10000
     * @param maxValue       value that gets {@code maxProbability} (larger values are clipped), finite and &gt; 0
     * @param maxProbability spike probability per tick at {@code maxValue}, in (0, 1]
     */
    public PoissonEncoder(int ticksPerFrame, double maxValue, double maxProbability) {
        if (ticksPerFrame < 1 || ticksPerFrame > 10_000) {
            throw new IllegalArgumentException("poisson: ticksPerFrame must lie in 1..10000, was " + ticksPerFrame);
        }
        if (!(maxValue > 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("poisson: maxValue must be finite and > 0, was " + maxValue);
        }
        if (!(maxProbability > 0 && maxProbability <= 1)) {
            throw new IllegalArgumentException("poisson: maxProbability must lie in (0, 1], was " + maxProbability);
        }
        this.ticksPerFrame = ticksPerFrame;
        this.maxValue = maxValue;
        this.maxProbability = maxProbability;
    }

    public int ticksPerFrame() {
        return ticksPerFrame;
    }

    public double maxValue() {
        return maxValue;
    }

    public double maxProbability() {
        return maxProbability;
    }

    /** Spike probability per tick for a cochleagram value. */
    public double probability(double value) {
        return maxProbability * Math.min(1.0, Math.max(0.0, value) / maxValue);
    }

    @Override
    public int channelCount(int cochleagramChannels) {
        return cochleagramChannels;
    }

    @Override
    public InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex) {
        if (ticks < 1) {
            throw new IllegalArgumentException("poisson: ticks must be >= 1, was " + ticks);
        }
        final int frames = cochleagram.frames();
        final int channels = cochleagram.channels();
        final float[] values = cochleagram.values();
        final double[] prob = new double[values.length];
        double expected = 0;
        for (int i = 0; i < values.length; i++) {
            prob[i] = probability(values[i]);
            expected += prob[i];
        }
        final int end = (int) Math.min(ticks, (long) frames * ticksPerFrame + 1);
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, sampleIndex));
        SpikeCollector out = new SpikeCollector((int) Math.min(1 << 24, expected * ticksPerFrame * 1.2 + 16));
        for (int t = 1; t < end; t++) {
            int f = (t - 1) / ticksPerFrame;
            for (int c = 0, p = f; c < channels; c++, p += frames) {
                double q = prob[p];
                if (q > 0 && rng.nextDouble() < q) {
                    out.add(t, c);
                }
            }
        }
        return out.toInputSpikes(channels, ticks);
    }

    @Override
    public String toString() {
        return "PoissonEncoder[ticksPerFrame=" + ticksPerFrame + ", maxValue=" + maxValue + ", maxProbability="
                + maxProbability + "]";
    }
}
