package io.snn4j.data.encode;

import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bernoulli-per-tick rate coding of grey images, as HM2-BP's {@code generatePoissonSpikes}: pixel {@code p} (0..255)
 * spikes at each tick {@code t = 1 .. tickCount-1} independently with probability
 * <pre>
 *   P(spike at t) = maxProbability * p / 255        (reference: maxProbability = 1 / 5.5, so p / (5.5 * 255))
 * </pre>
 * Tick 0 is silent and zero pixels never spike (they draw no random numbers). The generator is
 * {@code new SplittableRandom(Seeds.mix(seed, sampleIndex))} (inlined), so a sample's spikes depend only on (seed,
 * index).
 * Draw order: ticks ascending, then non-zero pixels ascending, one {@code nextDouble()} each; a spike when it is
 * {@code < P}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RateEncoder implements ImageEncoder {
    /** The reference maximum probability per tick, 1 / 5.5. */
    public static final double REFERENCE_MAX_PROBABILITY = 1.0 / 5.5;

    private final int tickCount;
    private final double maxProbability;

    /**
     * @param tickCount      ticks per sample (spikes in 1..tickCount-1), &gt;= 2
     * @param maxProbability spike probability per tick of a 255 pixel, in (0, 1]
     */
    public RateEncoder(int tickCount, double maxProbability) {
        if (tickCount < 2) {
            throw new IllegalArgumentException("rate encoder: tickCount must be >= 2, was " + tickCount);
        }
        if (!(maxProbability > 0 && maxProbability <= 1)) {
            throw new IllegalArgumentException("rate encoder: maxProbability must be in (0, 1], was "
                    + maxProbability);
        }
        this.tickCount = tickCount;
        this.maxProbability = maxProbability;
    }

    /** Reference setting: {@code maxProbability = 1/5.5}. */
    public static RateEncoder reference(int tickCount) {
        return new RateEncoder(tickCount, REFERENCE_MAX_PROBABILITY);
    }

    @Override
    public int tickCount() {
        return tickCount;
    }

    public double maxProbability() {
        return maxProbability;
    }

    /** Per-tick spike probability of a pixel value 0..255. */
    public double probability(int pixel) {
        return maxProbability * pixel / 255.0;
    }

    @Override
    public InputSpikes encode(byte[] pixels, long seed, long sampleIndex) {
        final int n = pixels.length;
        final int[] active = new int[n];
        // u < P with u = (x >>> 11) * 2^-53 (nextDouble) is, for the integer x >>> 11, the same as x >>> 11 < limit
        // with limit = ceil(P * 2^53) (P * 2^53 is exact; when it is an integer, ceil leaves it)
        final long[] limit = new long[n];
        int a = 0;
        for (int i = 0; i < n; i++) {
            int p = pixels[i] & 0xFF;
            if (p != 0) {
                active[a] = i;
                limit[a] = (long) Math.ceil(probability(p) * 0x1.0p53);
                a++;
            }
        }
        // the generator of new SplittableRandom(s), inlined (SplitMix64: state += GOLDEN_GAMMA, then mix64); the
        // draws are the same numbers in the same order, and the loop stores without branching on the draw
        long state = Seeds.mix(seed, sampleIndex);
        int expected = (int) Math.min(Integer.MAX_VALUE - 8, 16 + (long) (a * maxProbability * tickCount * 1.2));
        int[] ticks = new int[Math.max(16, expected)];
        int[] channels = new int[ticks.length];
        // draw k of a tick uses state + (k + 1) * GOLDEN_GAMMA: one tick's draws come from a loop the JIT vectorises
        final long[] steps = new long[a];
        for (int k = 0; k < a; k++) {
            steps[k] = (k + 1) * GOLDEN_GAMMA;
        }
        // per draw: 1 when draw < limit (both in [0, 2^53]), computed in the vectorised loop
        final long[] hit = new long[a];
        final long perTick = a * GOLDEN_GAMMA;
        int m = 0;
        for (int t = 1; t < tickCount; t++) {
            if (m + a > ticks.length) {
                int grown = Math.max(ticks.length * 2, m + a);
                ticks = Arrays.copyOf(ticks, grown);
                channels = Arrays.copyOf(channels, grown);
            }
            for (int k = 0; k < a; k++) {
                hit[k] = ((mix64(state + steps[k]) >>> 11) - limit[k]) >>> 63;
            }
            state += perTick;
            final int first = m;
            for (int k = 0; k < a; k++) { // one store per draw; the tick is written for the spikes only
                channels[m] = active[k];
                m += (int) hit[k];
            }
            Arrays.fill(ticks, first, m, t);
        }
        return InputSpikes.ofOrdered(n, ticks, channels, m); // ticks ascending, then channels ascending
    }

    /** The increment of {@link SplittableRandom}'s state for a generator made with {@code new SplittableRandom(s)}. */
    static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** {@link SplittableRandom}'s output function (Stafford's Mix13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "RateEncoder[tickCount=" + tickCount + ", maxProbability=" + maxProbability + "]";
    }
}
