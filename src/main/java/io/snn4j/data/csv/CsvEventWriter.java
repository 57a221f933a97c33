package io.snn4j.data.csv;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes events as CSV text: the header {@code t,x,y,p}, then one line per event ({@code t} in microseconds as given,
 * {@code p} 0 or 1), LF line ends. {@link #writeTriggers} writes triggers the same way with the header
 * {@code t,id,value}. Not thread-safe.
 */
public final class CsvEventWriter implements EventWriter {
    /** Header of a trigger CSV. */
    public static final String TRIGGER_HEADER = "t,id,value";

    private final OutputStream out;
    private final byte[] line = new byte[64];

    /** Writes the header line to {@code out} (which the caller buffers and closes). */
    public CsvEventWriter(OutputStream out) throws IOException {
        this(out, CsvEventSource.HEADER);
    }

    private CsvEventWriter(OutputStream out, String header) throws IOException {
        this.out = out;
        out.write((header + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A writer for trigger lines {@code t,id,value} under their header. */
    public static CsvEventWriter forTriggers(OutputStream out) throws IOException {
        return new CsvEventWriter(out, TRIGGER_HEADER);
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        final long[] t = batch.timestampsUs();
        final short[] xs = batch.xs();
        final short[] ys = batch.ys();
        final byte[] ps = batch.polarities();
        for (int i = 0, n = batch.size(); i < n; i++) {
            writeLine(t[i], xs[i], ys[i], ps[i]);
        }
    }

    /** Writes the triggers of {@code batch} as {@code t,id,value} lines. */
    public void writeTriggers(EventBatch batch) throws IOException {
        final long[] t = batch.triggerTimestampsUs();
        final byte[] ids = batch.triggerIds();
        final byte[] values = batch.triggerValues();
        for (int i = 0, n = batch.triggerCount(); i < n; i++) {
            writeLine(t[i], ids[i], values[i], -1);
        }
    }

    private void writeLine(long t, int a, int b, int c) throws IOException {
        int p = put(line, 0, t);
        line[p++] = ',';
        p = put(line, p, a);
        line[p++] = ',';
        p = put(line, p, b);
        if (c >= 0) {
            line[p++] = ',';
            line[p++] = (byte) ('0' + c);
        }
        line[p++] = '\n';
        out.write(line, 0, p);
    }

    /** Writes the decimal digits of {@code v} at {@code p}; returns the position after them. */
    private static int put(byte[] b, int p, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                byte[] s = Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, b, p, s.length);
                return p + s.length;
            }
            b[p++] = '-';
            v = -v;
        }
        int start = p;
        do {
            b[p++] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        for (int i = start, j = p - 1; i < j; i++, j--) {
            byte tmp = b[i];
            b[i] = b[j];
            b[j] = tmp;
        }
        return p;
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
