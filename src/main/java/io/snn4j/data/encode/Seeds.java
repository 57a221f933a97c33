package io.snn4j.data.encode;

/**
 * Derives independent per-sample seeds, so that a sample's random draws depend only on (seed, sample index) and not on
 * the order or thread in which samples are produced.
 *
 * <p>{@code new SplittableRandom(s)} and {@code new SplittableRandom(s + k * gamma)} produce overlapping streams, so
 * consecutive seeds such as {@code seed + index} are not safe; {@link #mix} passes (seed, index) through two rounds of
 * a 64-bit finaliser (the MurmurHash3 / SplitMix64 avalanche step) instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A well-mixed seed for sample {@code index} under {@code seed}. */
    public static long mix(long seed, long index) {
        return avalanche(avalanche(seed) ^ (index * GOLDEN_GAMMA + GOLDEN_GAMMA));
    }

    /** A well-mixed seed for (seed, a, b), e.g. (seed, epoch, index). */
    public static long mix(long seed, long a, long b) {
        return mix(mix(seed, a), b);
    }

    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
