package io.snn4j.event;

import java.util.Arrays;

/**
 * External input to a network: spikes of the input population's neurons ("channels"), as two parallel arrays sorted
 * by tick. Several events of one channel in one tick are one spike (they are merged on construction).
 *
 * <p>Immutable and thread-safe. The arrays passed in are copied; {@link #tick(int)} and {@link #channel(int)} read
 * the stored values.
 */
public final class InputSpikes {
    private final int channelCount;
    private final int[] ticks;
    private final int[] channels;

    private InputSpikes(int channelCount, int[] ticks, int[] channels) {
        this.channelCount = channelCount;
        this.ticks = ticks;
        this.channels = channels;
    }

    /**
     * Builds input spikes from parallel arrays.
     *
     * @param channelCount number of input channels (size of the input population), &gt;= 0
     * @param ticks        read; tick of each spike, non-negative and non-decreasing; length n
     * @param channels     read; channel of each spike in [0, channelCount); length n
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public static InputSpikes of(int channelCount, int[] ticks, int[] channels) {
        if (channelCount < 0) {
            throw new IllegalArgumentException("channelCount must be >= 0, was " + channelCount);
        }
        if (ticks.length != channels.length) {
            throw new IllegalArgumentException(
                    "ticks and channels must have equal length, were " + ticks.length + " and " + channels.length);
        }
        int n = ticks.length;
        for (int i = 0; i < n; i++) {
            if (ticks[i] < 0) {
                throw new IllegalArgumentException("spike " + i + ": tick must be >= 0, was " + ticks[i]);
            }
            if (i > 0 && ticks[i] < ticks[i - 1]) {
                throw new IllegalArgumentException("spike " + i + ": ticks must be non-decreasing, " + ticks[i]
                        + " follows " + ticks[i - 1]);
            }
            if (channels[i] < 0 || channels[i] >= channelCount) {
                throw new IllegalArgumentException("spike " + i + ": channel must be in [0, " + channelCount
                        + "), was " + channels[i]);
            }
        }
        int[] t = ticks.clone();
        int[] c = channels.clone();
        int m = sortAndMergeRuns(t, c, n);
        return new InputSpikes(channelCount, Arrays.copyOf(t, m), Arrays.copyOf(c, m));
    }

    /**
     * Builds input spikes from the first {@code n} entries of arrays already in the stored order: ticks non-decreasing
     * and, within a tick, channels strictly increasing (what an encoder that draws tick by tick, channels ascending,
     * produces). Checked in one pass, without the copy, sort and merge of {@link #of}; the arrays are kept (when
     * {@code n} is their length) or trimmed, so the caller must not change them afterwards.
     *
     * @throws IllegalArgumentException naming the first offending index and value
     */
    public static InputSpikes ofOrdered(int channelCount, int[] ticks, int[] channels, int n) {
        if (channelCount < 0) {
            throw new IllegalArgumentException("channelCount must be >= 0, was " + channelCount);
        }
        if (n < 0 || n > ticks.length || n > channels.length) {
            throw new IllegalArgumentException("n must be in [0, " + Math.min(ticks.length, channels.length)
                    + "], was " + n);
        }
        for (int i = 0; i < n; i++) {
            if (ticks[i] < 0) {
                throw new IllegalArgumentException("spike " + i + ": tick must be >= 0, was " + ticks[i]);
            }
            if (channels[i] < 0 || channels[i] >= channelCount) {
                throw new IllegalArgumentException("spike " + i + ": channel must be in [0, " + channelCount
                        + "), was " + channels[i]);
            }
            if (i > 0 && (ticks[i] < ticks[i - 1] || (ticks[i] == ticks[i - 1] && channels[i] <= channels[i - 1]))) {
                throw new IllegalArgumentException("spike " + i + ": (tick " + ticks[i] + ", channel " + channels[i]
                        + ") does not follow (tick " + ticks[i - 1] + ", channel " + channels[i - 1]
                        + "): ticks must be non-decreasing and channels increasing within a tick");
            }
        }
        return new InputSpikes(channelCount, n == ticks.length ? ticks : Arrays.copyOf(ticks, n),
                n == channels.length ? channels : Arrays.copyOf(channels, n));
    }

    /** Sorts each run of equal ticks by channel and drops repeated channels; returns the new length. */
    private static int sortAndMergeRuns(int[] t, int[] c, int n) {
        int out = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && t[end] == t[start]) {
                end++;
            }
            Arrays.sort(c, start, end);
            for (int i = start; i < end; i++) {
                if (i == start || c[i] != c[i - 1]) {
                    t[out] = t[i];
                    c[out] = c[i];
                    out++;
                }
            }
            start = end;
        }
        return out;
    }

    public static InputSpikes empty(int channelCount) {
        return of(channelCount, new int[0], new int[0]);
    }

    public int channelCount() {
        return channelCount;
    }

    public int size() {
        return ticks.length;
    }

    public int tick(int i) {
        return ticks[i];
    }

    public int channel(int i) {
        return channels[i];
    }

    /** Tick of the last spike, or -1 when there are none. */
    public int lastTick() {
        return ticks.length == 0 ? -1 : ticks[ticks.length - 1];
    }

    /** Copy of the ticks array. */
    public int[] ticks() {
        return ticks.clone();
    }

    /** Copy of the channels array. */
    public int[] channels() {
        return channels.clone();
    }
}
