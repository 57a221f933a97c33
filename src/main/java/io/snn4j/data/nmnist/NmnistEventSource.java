package io.snn4j.data.nmnist;

import io.snn4j.data.ByteInput;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFormat;
import io.snn4j.data.StreamEventSource;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams an N-MNIST {@code .bin} / {@code .bs2} recording record by record (layout and rules in
 * {@link NmnistReader}): overflow markers ({@code y = 240}) add 2^13 us to later timestamps; strict reading throws at
 * an address outside the sensor, a timestamp going backwards or a trailing partial record, lenient reading counts
 * them. Not thread-safe.
 */
public final class NmnistEventSource extends StreamEventSource {
    private long overflowUs;
    private long lastUs = Long.MIN_VALUE;

    /** A source for the 34 x 34 N-MNIST sensor. */
    public NmnistEventSource(InputStream stream, String source, boolean lenient) {
        this(stream, source, NmnistReader.NMNIST_WIDTH, NmnistReader.NMNIST_HEIGHT, lenient, 1 << 16);
    }

    NmnistEventSource(InputStream stream, String source, int width, int height, boolean lenient, int bufferBytes) {
        super(new ByteInput(stream, source, bufferBytes), lenient, EventFormat.NMNIST);
        this.width = width;
        this.height = height;
    }

    @Override
    public boolean read(EventBatch batch) throws IOException {
        batch.clear();
        final int rb = NmnistReader.RECORD_BYTES;
        final long[] ts = batch.timestampsUs();
        final short[] xs = batch.xs();
        final short[] ys = batch.ys();
        final byte[] ps = batch.polarities();
        final int capacity = batch.capacity();
        int n = 0;
        while (n < capacity) {
            if (!in.ensure(rb)) {
                int left = in.available();
                if (left > 0) {
                    if (!lenient) {
                        throw new MalformedDataException(in.source(), in.offset(), "file size " + (in.offset() + left)
                                + " is not a multiple of " + rb + " bytes: a partial record of " + left
                                + " bytes starts here");
                    }
                    bad++;
                    in.advance(left);
                }
                break;
            }
            final byte[] b = in.buffer();
            final int start = in.position();
            final int records = Math.min(in.available() / rb, capacity - n);
            int off = start;
            for (int k = 0; k < records; k++, off += rb) {
                final int x = b[off] & 0xFF;
                final int y = b[off + 1] & 0xFF;
                final int b2 = b[off + 2] & 0xFF;
                if (y == NmnistReader.OVERFLOW_MARKER_Y) {
                    overflowUs += NmnistReader.OVERFLOW_STEP_US;
                    continue;
                }
                final long t = overflowUs + (((b2 & 0x7F) << 16) | ((b[off + 3] & 0xFF) << 8) | (b[off + 4] & 0xFF));
                if (x >= width || y >= height) {
                    if (!lenient) {
                        throw new MalformedDataException(in.source(), in.offset() + (off - start), "event address (x = "
                                + x + ", y = " + y + ") outside the " + width + " x " + height + " sensor");
                    }
                    bad++;
                    continue;
                }
                if (t < lastUs) {
                    if (!lenient) {
                        throw new MalformedDataException(in.source(), in.offset() + (off - start),
                                "timestamp goes backwards: " + t + " us after " + lastUs + " us");
                    }
                    bad++;
                    continue;
                }
                lastUs = t;
                ts[n] = t;
                xs[n] = (short) x;
                ys[n] = (short) y;
                ps[n] = (byte) (b2 >>> 7);
                n++;
            }
            in.advance(off - start);
            if (n > 0 && !in.moreWithoutBlocking()) {
                break;
            }
        }
        batch.setSize(n);
        return !batch.isEmpty();
    }
}
