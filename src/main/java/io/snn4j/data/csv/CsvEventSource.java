package io.snn4j.data.csv;

import io.snn4j.data.ByteInput;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFormat;
import io.snn4j.data.StreamEventSource;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streams events from CSV text: a header line {@code t,x,y,p}, then one event per line, {@code t} an integer in
 * microseconds, {@code x} and {@code y} integers in 0..32767, {@code p} 0 or 1 (LF or CRLF line ends; a last line
 * without a line end is accepted). The format has no sensor size, so {@link #width()} and {@link #height()} are 0.
 * Strict reading throws at the first malformed line, naming its byte offset and line number; lenient reading counts
 * it. Not thread-safe.
 */
public final class CsvEventSource extends StreamEventSource {
    /** The header line. */
    public static final String HEADER = "t,x,y,p";
    private static final int MAX_LINE = 256;

    private long line = 1;
    private final long[] fields = new long[4];

    /** Reads and checks the header line. */
    public CsvEventSource(InputStream stream, String source, boolean lenient) throws IOException {
        super(new ByteInput(stream, source, 1 << 16), lenient, EventFormat.CSV);
        try {
            int n = lineLength();
            String head = n < 0 ? "" : new String(in.buffer(), in.position(), n, StandardCharsets.ISO_8859_1).strip();
            if (!head.replace(" ", "").equals(HEADER)) {
                throw new MalformedDataException(source, 0, "CSV events need the header line '" + HEADER
                        + "', found '" + head.replaceAll("[^\\x20-\\x7E]", "?") + "'");
            }
            skipLine(n);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public boolean read(EventBatch batch) throws IOException {
        batch.clear();
        while (batch.remaining() > 0) {
            int n = lineLength();
            if (n < 0) {
                break;
            }
            line++;
            if (parse(in.buffer(), in.position(), in.position() + n)) {
                batch.add(fields[0], (int) fields[1], (int) fields[2], (int) fields[3]);
            }
            skipLine(n);
            if (!batch.isEmpty() && !in.moreWithoutBlocking()) {
                break;
            }
        }
        return !batch.isEmpty();
    }

    /** Length of the next line without its line end, -1 at the end of the input; skips empty lines. */
    private int lineLength() throws IOException {
        while (true) {
            if (!in.ensure(1)) {
                return -1;
            }
            for (int n = 0; ; n++) {
                if (n >= in.available() && !in.ensure(n + 1)) {
                    return n;
                }
                if (n > MAX_LINE) {
                    throw new MalformedDataException(in.source(), in.offset(), "line " + (line + 1)
                            + " is longer than " + MAX_LINE + " characters");
                }
                byte c = in.buffer()[in.position() + n];
                if (c == '\n') {
                    int len = n > 0 && in.buffer()[in.position() + n - 1] == '\r' ? n - 1 : n;
                    if (len == 0) {
                        in.advance(n + 1);
                        line++;
                        break;
                    }
                    return len;
                }
            }
        }
    }

    private void skipLine(int n) throws IOException {
        in.advance(n);
        if (in.ensure(1) && in.buffer()[in.position()] == '\r') {
            in.advance(1);
        }
        if (in.ensure(1) && in.buffer()[in.position()] == '\n') {
            in.advance(1);
        }
    }

    /** Parses one line into {@link #fields}; false (lenient) or an exception when malformed. */
    private boolean parse(byte[] b, int from, int to) throws MalformedDataException {
        int p = from;
        for (int f = 0; f < 4; f++) {
            while (p < to && b[p] == ' ') {
                p++;
            }
            boolean negative = p < to && b[p] == '-';
            if (negative) {
                p++;
            }
            int start = p;
            long v = 0;
            while (p < to && b[p] >= '0' && b[p] <= '9') {
                int d = b[p] - '0';
                if (v > (Long.MAX_VALUE - d) / 10) {
                    return malformed(b, from, to, "a number outside the 64-bit range");
                }
                v = v * 10 + d;
                p++;
            }
            while (p < to && b[p] == ' ') {
                p++;
            }
            boolean endOk = f < 3 ? p < to && b[p] == ',' : p == to;
            if (p == start || !endOk) {
                return malformed(b, from, to, "expected 4 integers t,x,y,p");
            }
            fields[f] = negative ? -v : v;
            p++;
        }
        if (fields[1] < 0 || fields[1] > Short.MAX_VALUE || fields[2] < 0 || fields[2] > Short.MAX_VALUE) {
            return malformed(b, from, to, "x and y must be in 0.." + Short.MAX_VALUE);
        }
        if (fields[3] != 0 && fields[3] != 1) {
            return malformed(b, from, to, "p must be 0 or 1");
        }
        return true;
    }

    private boolean malformed(byte[] b, int from, int to, String problem) throws MalformedDataException {
        if (!lenient) {
            String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7E]", "?");
            throw new MalformedDataException(in.source(), in.offset(), "line " + line + " '" + text + "': " + problem);
        }
        bad++;
        return false;
    }
}
