package io.snn4j.data.nmnist;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Streams events into the N-MNIST 5-byte record format (layout in {@link NmnistWriter}), refusing what the format
 * cannot hold with an {@link IllegalArgumentException} naming the event: x above 255, y above 239 ({@code y = 240}
 * marks a timestamp overflow), a timestamp outside 0..2^23 - 1 us, or timestamps going backwards. Not thread-safe.
 */
public final class NmnistEventWriter implements EventWriter {
    private final OutputStream out;
    private final byte[] buf = new byte[NmnistWriter.RECORD_BYTES * 4096];
    private long written;
    private long previousUs;

    /** Writes to {@code out} (which the caller closes). */
    public NmnistEventWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        final long[] t = batch.timestampsUs();
        final short[] xs = batch.xs();
        final short[] ys = batch.ys();
        final byte[] ps = batch.polarities();
        int o = 0;
        for (int i = 0, n = batch.size(); i < n; i++) {
            int x = xs[i];
            int y = ys[i];
            long us = t[i];
            long index = written + i;
            if (x < 0 || x > NmnistWriter.MAX_X || y < 0 || y > NmnistWriter.MAX_Y) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + index + ": address (" + x + ", " + y
                        + ") must have x in 0.." + NmnistWriter.MAX_X + " and y in 0.." + NmnistWriter.MAX_Y
                        + " (8-bit fields; y = " + NmnistReader.OVERFLOW_MARKER_Y + " marks a timestamp overflow)");
            }
            if (us < 0 || us > NmnistWriter.MAX_TIMESTAMP_US) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + index + ": timestamp must be in 0.."
                        + NmnistWriter.MAX_TIMESTAMP_US + " us (23-bit field), was " + us);
            }
            if (us < previousUs) {
                throw new IllegalArgumentException("N-MNIST encoding: event " + index + ": timestamps must be "
                        + "non-decreasing, was " + us + " us after " + previousUs + " us");
            }
            previousUs = us;
            buf[o] = (byte) x;
            buf[o + 1] = (byte) y;
            buf[o + 2] = (byte) ((ps[i] << 7) | (int) (us >>> 16));
            buf[o + 3] = (byte) (us >>> 8);
            buf[o + 4] = (byte) us;
            o += NmnistWriter.RECORD_BYTES;
            if (o == buf.length) {
                out.write(buf, 0, o);
                o = 0;
            }
        }
        out.write(buf, 0, o);
        written += batch.size();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
