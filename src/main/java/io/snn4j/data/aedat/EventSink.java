package io.snn4j.data.aedat;

import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import java.util.Arrays;

/**
 * Growable struct-of-arrays buffer that collects decoded events, checks addresses against the sensor (when known)
 * and builds the {@link EventStream}. Single-threaded.
 */
final class EventSink {
    private final boolean lenient;
    private final String source;
    private int width;
    private int height;
    private long[] timestampsUs = new long[4096];
    private short[] xs = new short[4096];
    private short[] ys = new short[4096];
    private byte[] polarities = new byte[4096];
    private int n;
    private int maxX = -1;
    private int maxY = -1;
    private long bad;

    EventSink(boolean lenient, String source) {
        this.lenient = lenient;
        this.source = source;
    }

    /** Sets the sensor size; 0 x 0 means unknown (then the size is the largest address plus one). */
    void setSensor(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * Appends one event, or counts it as bad (lenient) / throws (strict) when outside the sensor or int16 range.
     *
     * @param offset byte offset of the event in the file, for messages
     */
    void add(long timestampUs, int x, int y, int polarity, long offset) throws MalformedDataException {
        int w = width > 0 ? width : Short.MAX_VALUE + 1;
        int h = height > 0 ? height : Short.MAX_VALUE + 1;
        if (x < 0 || x >= w || y < 0 || y >= h) {
            if (!lenient) {
                throw new MalformedDataException(source, offset, "event address (x = " + x + ", y = " + y
                        + ") outside the " + (width > 0 ? width + " x " + height + " sensor" : "int16 range"));
            }
            bad++;
            return;
        }
        if (n == timestampsUs.length) {
            if (n >= Integer.MAX_VALUE - 16) {
                throw new MalformedDataException(source, offset, "more than " + n
                        + " events do not fit in one event stream");
            }
            int c = (int) Math.min(Integer.MAX_VALUE - 16, 2L * n);
            timestampsUs = Arrays.copyOf(timestampsUs, c);
            xs = Arrays.copyOf(xs, c);
            ys = Arrays.copyOf(ys, c);
            polarities = Arrays.copyOf(polarities, c);
        }
        timestampsUs[n] = timestampUs;
        xs[n] = (short) x;
        ys[n] = (short) y;
        polarities[n] = (byte) polarity;
        if (x > maxX) {
            maxX = x;
        }
        if (y > maxY) {
            maxY = y;
        }
        n++;
    }

    /** Counts a record that was skipped as malformed elsewhere. */
    void countBad() {
        bad++;
    }

    long bad() {
        return bad;
    }

    EventStream toStream() {
        int w = width > 0 ? width : Math.max(1, maxX + 1);
        int h = height > 0 ? height : Math.max(1, maxY + 1);
        return EventStream.ofFirst(w, h, n, timestampsUs, xs, ys, polarities);
    }
}
