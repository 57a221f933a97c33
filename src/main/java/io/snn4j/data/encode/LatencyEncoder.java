package io.snn4j.data.encode;

import io.snn4j.event.InputSpikes;
import java.util.Arrays;

/**
 * Latency (time-to-first-spike) coding of grey images: each non-zero pixel spikes exactly once, brighter pixels
 * earlier; zero pixels are silent. For pixel {@code p} in 1..255, with integer division,
 * <pre>
 *   tick = 1 + ((255 - p) * (tickCount - 2)) / 255
 * </pre>
 * so 255 spikes at tick 1 and the faintest pixels at tick {@code tickCount - 2} at the latest (tick 0 is unused, as in
 * the rate coder). Deterministic: the seed and index are ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class LatencyEncoder implements ImageEncoder {
    private final int tickCount;

    /** @param tickCount ticks per sample, &gt;= 2 */
    public LatencyEncoder(int tickCount) {
        if (tickCount < 2) {
            throw new IllegalArgumentException("latency encoder: tickCount must be >= 2, was " + tickCount);
        }
        this.tickCount = tickCount;
    }

    @Override
    public int tickCount() {
        return tickCount;
    }

    /** Spike tick of pixel value 1..255. */
    public int tickOf(int pixel) {
        if (pixel < 1 || pixel > 255) {
            throw new IllegalArgumentException("latency encoder: pixel must be in 1..255, was " + pixel);
        }
        return 1 + (int) (((long) (255 - pixel) * (tickCount - 2)) / 255);
    }

    @Override
    public InputSpikes encode(byte[] pixels, long seed, long sampleIndex) {
        final int n = pixels.length;
        long[] keys = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int p = pixels[i] & 0xFF;
            if (p != 0) {
                keys[m++] = ((long) tickOf(p) << 32) | i;
            }
        }
        Arrays.sort(keys, 0, m);
        int[] ticks = new int[m];
        int[] channels = new int[m];
        for (int k = 0; k < m; k++) {
            ticks[k] = (int) (keys[k] >>> 32);
            channels[k] = (int) keys[k];
        }
        return InputSpikes.of(n, ticks, channels);
    }

    @Override
    public String toString() {
        return "LatencyEncoder[tickCount=" + tickCount + "]";
    }
}
