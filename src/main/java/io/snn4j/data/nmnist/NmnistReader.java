package io.snn4j.data.nmnist;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventSources;
import io.snn4j.data.EventStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads N-MNIST {@code .bin} recordings (and SLAYER's {@code .bs2}, which are the same bytes) into an
 * {@link EventStream}.
 *
 * <p>The file is a headerless array of 5-byte records, one per event:
 * <pre>
 *  byte   0        1        2                 3        4
 *       +--------+--------+-+-------+--------+--------+
 *       |   x    |   y    |p| timestamp (23 bits, us)  |
 *       +--------+--------+-+-------+--------+--------+
 *  x = b0, y = b1, polarity = b2 &gt;&gt; 7 (1 = ON),
 *  timestampUs = (b2 &amp; 0x7F) &lt;&lt; 16 | b3 &lt;&lt; 8 | b4
 * </pre>
 * A record with {@code y == 240} is a timestamp-overflow marker from the ATIS tools: it is not an event and adds
 * {@value #OVERFLOW_STEP_US} us to the timestamps of all later records.
 *
 * <p>Strict reading (the default) throws {@link MalformedDataException} at the first bad record, naming the file, the
 * record's byte offset and the problem: a file size that is not a multiple of 5, an address outside the sensor, or a
 * timestamp smaller than the previous event's. Lenient reading skips such records (and a trailing partial record) and
 * counts them in {@link EventFile#badRecordCount()}.
 *
 * <p>Both methods drain a {@link NmnistEventSource}, which streams the same records in bounded memory; no object per
 * event. Instances are immutable and thread-safe.
 */
public final class NmnistReader {
    /** Bytes per record. */
    public static final int RECORD_BYTES = 5;
    /** N-MNIST sensor width (the ATIS window of the data set). */
    public static final int NMNIST_WIDTH = 34;
    /** N-MNIST sensor height. */
    public static final int NMNIST_HEIGHT = 34;
    /** The {@code y} value that marks a timestamp-overflow record. */
    public static final int OVERFLOW_MARKER_Y = 240;
    /** Microseconds added to later timestamps by each overflow marker (2^13). */
    public static final int OVERFLOW_STEP_US = 1 << 13;

    private final int width;
    private final int height;
    private final boolean lenient;

    /** A strict reader for the 34 x 34 N-MNIST sensor. */
    public NmnistReader() {
        this(NMNIST_WIDTH, NMNIST_HEIGHT, false);
    }

    /** A reader for the 34 x 34 N-MNIST sensor. */
    public NmnistReader(boolean lenient) {
        this(NMNIST_WIDTH, NMNIST_HEIGHT, lenient);
    }

    /**
     * @param width   sensor width, 1..256 (x is one byte)
     * @param height  sensor height, 1..240 ({@code y = 240} is the overflow marker)
     * @param lenient skip and count bad records instead of throwing
     */
    public NmnistReader(int width, int height, boolean lenient) {
        if (width < 1 || width > 256) {
            throw new IllegalArgumentException("width must be in 1..256, was " + width);
        }
        if (height < 1 || height > OVERFLOW_MARKER_Y) {
            throw new IllegalArgumentException("height must be in 1.." + OVERFLOW_MARKER_Y + ", was " + height);
        }
        this.width = width;
        this.height = height;
        this.lenient = lenient;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isLenient() {
        return lenient;
    }

    /**
     * Reads one recording.
     *
     * @throws MalformedDataException naming the file and byte offset of the first bad record (strict reading), or
     *                                when the file is too large for one stream
     * @throws IOException            when the file cannot be read
     */
    public EventFile read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new MalformedDataException(file.toString(), 0,
                    "file of " + size + " bytes is too large for one event stream (at most "
                            + (Integer.MAX_VALUE - 8) + " bytes); stream it with NmnistEventSource instead");
        }
        return EventSources.readAll(new NmnistEventSource(Files.newInputStream(file), file.toString(), width, height,
                lenient, (int) Math.min(1 << 16, size + 1)), (int) Math.min(1 << 16, size / RECORD_BYTES + 1));
    }

    /**
     * Decodes records from {@code data[from .. from + length)}.
     *
     * @param data   read
     * @param source the name used in error messages; byte offsets in them are relative to {@code from}
     */
    public EventFile decode(byte[] data, int from, int length, String source) throws MalformedDataException {
        if (from < 0 || length < 0 || from > data.length - length) {
            throw new IllegalArgumentException("range [" + from + ", " + from + " + " + length
                    + ") outside an array of length " + data.length);
        }
        try {
            return EventSources.readAll(new NmnistEventSource(new ByteArrayInputStream(data, from, length), source,
                    width, height, lenient, Math.min(1 << 16, length + 1)),
                    Math.min(1 << 16, length / RECORD_BYTES + 1));
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
    }
}
