package io.snn4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A buffered reader over an {@link InputStream} for binary decoders: the decoder looks at {@link #buffer()} from
 * {@link #position()} to {@link #limit()} directly, asks for at least {@code n} bytes with {@link #ensure(int)} and
 * moves on with {@link #advance(int)}. {@link #offset()} is the byte offset of {@link #position()} in the stream, for
 * error messages. The buffer grows only as far as a single {@code ensure} asks. Not thread-safe.
 */
public final class ByteInput implements AutoCloseable {
    private final InputStream in;
    private final String source;
    private byte[] buf;
    private int pos;
    private int limit;
    private long base;
    private boolean eof;

    /**
     * @param in         the stream, read from its current position (which counts as offset 0)
     * @param source     the name used in error messages
     * @param bufferSize initial buffer size in bytes
     */
    public ByteInput(InputStream in, String source, int bufferSize) {
        this.in = in;
        this.source = source;
        this.buf = new byte[Math.max(64, bufferSize)];
    }

    public String source() {
        return source;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    /** Bytes buffered after the position. */
    public int available() {
        return limit - pos;
    }

    /** Byte offset of {@link #position()} from the start of the stream. */
    public long offset() {
        return base + pos;
    }

    public void advance(int n) {
        assert n >= 0 && n <= limit - pos;
        pos += n;
    }

    /**
     * Makes at least {@code n} bytes available after the position, reading as needed.
     *
     * @return false when the stream ends first (then {@link #available()} bytes are all that is left)
     */
    public boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            base += pos;
            limit -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, (int) Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
        }
        while (limit < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit >= n;
    }

    /**
     * True when more bytes can be had without blocking: some are buffered, or the stream says it holds some (a file
     * does until its end; a socket only what has arrived).
     */
    public boolean moreWithoutBlocking() throws IOException {
        return limit > pos || in.available() > 0;
    }

    /** True when no byte is left. */
    public boolean atEnd() throws IOException {
        return !ensure(1);
    }

    /** Copies {@code n} bytes into {@code dst[off ..]}, throwing at a premature end. */
    public void readFully(byte[] dst, int off, int n, String what) throws IOException {
        int done = 0;
        while (done < n) {
            if (limit == pos && !ensure(Math.min(n - done, buf.length))) {
                if (available() == 0) {
                    throw new MalformedDataException(source, offset(), "input ends inside the " + what + " ("
                            + (n - done) + " of " + n + " bytes missing)", new EOFException());
                }
            }
            int k = Math.min(n - done, limit - pos);
            System.arraycopy(buf, pos, dst, off + done, k);
            pos += k;
            done += k;
        }
    }

    /** Skips {@code n} bytes, throwing at a premature end. */
    public void skip(long n, String what) throws IOException {
        long left = n;
        while (left > 0) {
            if (limit == pos && !ensure(1)) {
                throw new MalformedDataException(source, offset(), "input ends inside the " + what + " (" + left
                        + " of " + n + " bytes missing)");
            }
            int k = (int) Math.min(left, limit - pos);
            pos += k;
            left -= k;
        }
    }

    /** Little-endian int32 at {@code position() + at}; the caller ensured the bytes. */
    public int int32(int at) {
        int p = pos + at;
        return (buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8 | (buf[p + 2] & 0xFF) << 16 | (buf[p + 3] & 0xFF) << 24;
    }

    /** Little-endian int16 at {@code position() + at}, sign-extended; the caller ensured the bytes. */
    public short int16(int at) {
        int p = pos + at;
        return (short) ((buf[p] & 0xFF) | (buf[p + 1] & 0xFF) << 8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
