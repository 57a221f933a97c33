package io.snn4j.data.nmnist;

import io.snn4j.io.AtomicFiles;
import io.snn4j.data.EventStream;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an {@link EventStream} in the N-MNIST binary format (Orchard et al. 2015): a flat array of 5-byte events
 * with no header, in time order.
 *
 * <pre>
 * byte  0        1        2                     3         4
 *       xxxxxxxx yyyyyyyy p ttttttt             tttttttt  tttttttt
 *       x 0..255 y 0..255 polarity (1 = ON)     timestamp bits 22..0, unsigned microseconds
 *                         + timestamp bits 22..16
 * </pre>
 *
 * <p>The format cannot hold x above 255, y above 239 ({@code y = 240} marks a timestamp-overflow record, see
 * {@link NmnistReader}), timestamps outside 0..2^23-1 µs (8.39 s) or events out of time order; such streams are
 * rejected before anything is written. Files are written to a temporary file in the target
 * folder and then renamed over the target, so a reader never sees a half-written file.
 *
 * <p>Stateless and thread-safe.
 */
public final class NmnistWriter {
    /** Bytes per event. */
    public static final int RECORD_BYTES = 5;
    /** Largest timestamp the 23-bit field holds, in microseconds. */
    public static final long MAX_TIMESTAMP_US = (1L << 23) - 1;
    /** Largest x address the 8-bit field holds. */
    public static final int MAX_X = 255;
    /** Largest y address: {@code y = 240} is the reader's overflow marker, so rows stop at 239. */
    public static final int MAX_Y = NmnistReader.OVERFLOW_MARKER_Y - 1;

    private NmnistWriter() {
    }

    /**
     * Encodes the stream as N-MNIST records.
     *
     * @return a new array of {@code 5 * events.size()} bytes
     * @throws IllegalArgumentException naming the first event the format cannot hold
     */
    public static byte[] encode(EventStream events) {
        int n = events.size();
        if ((long) n * RECORD_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N-MNIST encoding: " + n + " events do not fit in one byte array");
        }
        byte[] out = new byte[n * RECORD_BYTES];
        long previousUs = 0;
        for (int i = 0; i < n; i++) {
            int x = events.x(i);
            int y = events.y(i);
            long t = events.timestampUs(i);
            if (x > MAX_X || y > MAX_Y) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + i + ": address (" + x + ", " + y
                        + ") must have x in 0.." + MAX_X + " and y in 0.." + MAX_Y + " (8-bit fields; y = "
                        + NmnistReader.OVERFLOW_MARKER_Y + " marks a timestamp overflow)");
            }
            if (t < 0 || t > MAX_TIMESTAMP_US) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + i + ": timestamp must be in 0.."
                        + MAX_TIMESTAMP_US + " us (23-bit field), was " + t);
            }
            if (t < previousUs) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + i + ": timestamps must be "
                        + "non-decreasing, was " + t + " us after " + previousUs + " us");
            }
            previousUs = t;
            int o = i * RECORD_BYTES;
            out[o] = (byte) x;
            out[o + 1] = (byte) y;
            out[o + 2] = (byte) ((events.polarity(i) << 7) | (int) (t >>> 16));
            out[o + 3] = (byte) (t >>> 8);
            out[o + 4] = (byte) t;
        }
        return out;
    }

    /**
     * Writes the stream to {@code file} atomically: the bytes go to a temporary file in the same folder, which is then
     * renamed to {@code file}, replacing an existing file.
     *
     * @throws IllegalArgumentException when the format cannot hold the stream (nothing is written)
     * @throws IOException              when writing or renaming fails (the temporary file is removed)
     */
    public static void write(EventStream events, Path file) throws IOException {
        byte[] bytes = encode(events);
        writeAtomically(bytes, file);
    }

    private static void writeAtomically(byte[] bytes, Path file) throws IOException {
        AtomicFiles.writeBytes(file, bytes);
    }
}
