package io.snn4j.data;

import java.util.Arrays;

/**
 * Address-event data of one recording as struct-of-arrays: timestamp (microseconds), x, y and polarity of each event,
 * in file order, plus the sensor size.
 *
 * <p>Immutable and thread-safe: the arrays are copied in and never handed out raw (the {@code copy...} methods return
 * copies; the indexed accessors read one value).
 */
public final class EventStream {
    private final int width;
    private final int height;
    private final long[] timestampsUs;
    private final short[] xs;
    private final short[] ys;
    private final byte[] polarities;

    private EventStream(int width, int height, long[] timestampsUs, short[] xs, short[] ys, byte[] polarities) {
        this.width = width;
        this.height = height;
        this.timestampsUs = timestampsUs;
        this.xs = xs;
        this.ys = ys;
        this.polarities = polarities;
    }

    /**
     * @param width        sensor width in pixels, 1..32767
     * @param height       sensor height in pixels, 1..32767
     * @param timestampsUs read; length n
     * @param xs           read; each in [0, width); length n
     * @param ys           read; each in [0, height); length n
     * @param polarities   read; each 0 (OFF) or 1 (ON); length n
     * @throws IllegalArgumentException naming the first offending event
     */
    public static EventStream of(int width, int height, long[] timestampsUs, short[] xs, short[] ys,
                                 byte[] polarities) {
        return ofFirst(width, height, timestampsUs.length, timestampsUs, xs, ys, polarities);
    }

    /** As {@link #of}, using the first {@code n} entries of each array (buffers may be longer). */
    public static EventStream ofFirst(int width, int height, int n, long[] timestampsUs, short[] xs, short[] ys,
                                      byte[] polarities) {
        if (width < 1 || width > Short.MAX_VALUE || height < 1 || height > Short.MAX_VALUE) {
            throw new IllegalArgumentException("sensor size must be in 1..32767, was " + width + " x " + height);
        }
        if (n < 0 || timestampsUs.length < n || xs.length < n || ys.length < n || polarities.length < n) {
            throw new IllegalArgumentException("event arrays shorter than n = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (xs[i] < 0 || xs[i] >= width || ys[i] < 0 || ys[i] >= height) {
                throw new IllegalArgumentException("event " + i + ": address (" + xs[i] + ", " + ys[i]
                        + ") outside the " + width + " x " + height + " sensor");
            }
            if (polarities[i] != 0 && polarities[i] != 1) {
                throw new IllegalArgumentException("event " + i + ": polarity must be 0 or 1, was " + polarities[i]);
            }
        }
        return new EventStream(width, height, Arrays.copyOf(timestampsUs, n), Arrays.copyOf(xs, n),
                Arrays.copyOf(ys, n), Arrays.copyOf(polarities, n));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int size() {
        return timestampsUs.length;
    }

    public long timestampUs(int i) {
        return timestampsUs[i];
    }

    public int x(int i) {
        return xs[i];
    }

    public int y(int i) {
        return ys[i];
    }

    public int polarity(int i) {
        return polarities[i];
    }

    public long[] copyTimestampsUs() {
        return timestampsUs.clone();
    }

    public short[] copyXs() {
        return xs.clone();
    }

    public short[] copyYs() {
        return ys.clone();
    }

    public byte[] copyPolarities() {
        return polarities.clone();
    }
}
