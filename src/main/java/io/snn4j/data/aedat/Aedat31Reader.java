package io.snn4j.data.aedat;

import io.snn4j.data.ByteInput;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.MalformedDataException;
import io.snn4j.data.StreamEventSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the polarity events of an AEDAT 3.1 file (cAER / DV; DVS128 Gesture uses it).
 *
 * <pre>
 * "#!AER-DAT3.1\r\n", further "#..." header lines (e.g. "#Source 1: DVS128"), "#!END-HEADER\r\n"
 * packets, little-endian: 28-byte header
 *   int16 eventType (1 = polarity)  int16 eventSource  int32 eventSize  int32 eventTSOffset
 *   int32 eventTSOverflow  int32 eventCapacity  int32 eventNumber  int32 eventValid
 * then eventCapacity x eventSize bytes; the first eventNumber events are filled.
 * polarity event (8 bytes): uint32 data: bit 0 valid, bit 1 polarity (1 = ON), bits 2-16 y, bits 17-31 x;
 *                           int32 timestamp; full timestamp = eventTSOverflow &lt;&lt; 31 | timestamp (us)
 * </pre>
 * Events whose valid bit is 0 are left out (they are not errors). Packets of other types are skipped and counted. The
 * sensor size comes from the {@code #Source} line of the polarity packets' source when it names a known chip (DVS128,
 * DAVIS240, DAVIS346, DVXplorer), else from the largest address plus one. The origin is the upper-left corner.
 * {@link #open} streams the events in constant memory; {@link #read} drains that. Instances are immutable and
 * thread-safe.
 */
public final class Aedat31Reader {
    /** The version line of the files this reader accepts. */
    public static final String VERSION = "#!AER-DAT3.1";
    static final int PACKET_HEADER_BYTES = 28;
    static final int POLARITY_TYPE = 1;

    private static final Pattern SOURCE_LINE = Pattern.compile("#Source (\\d+): *(.*)");

    private final boolean lenient;

    public Aedat31Reader(boolean lenient) {
        this.lenient = lenient;
    }

    /**
     * Reads all polarity events of {@code file} into memory: a wrapper that drains {@link #open}.
     *
     * @throws MalformedDataException naming file and byte offset: wrong version line, missing end of header, a
     *                                packet running past the end, a polarity packet with eventSize other than 8, an
     *                                eventNumber above eventCapacity, an event outside the sensor (strict)
     */
    public EventFile read(Path file) throws IOException {
        return EventSources.readAll(open(Files.newInputStream(file), file.toString(), Files.size(file)),
                file.toString());
    }

    /**
     * Reads the header from {@code stream} and returns a source of the polarity events that follow, packet by packet
     * and event by event (constant memory whatever the packet sizes). The sensor size is known after the first
     * polarity packet.
     *
     * @param totalSize bytes in the stream when known (a file), else -1
     */
    public EventSource open(InputStream stream, String source, long totalSize) throws IOException {
        ByteInput in = new ByteInput(stream, source, 1 << 16);
        try {
            in.ensure(VERSION.length() + 2);
            byte[] head = new byte[Math.min(VERSION.length() + 2, in.available())];
            System.arraycopy(in.buffer(), in.position(), head, 0, head.length);
            checkVersion(head, source, VERSION);
            HeaderLines header = HeaderLines.read(in, "#!END-HEADER");
            return new Source(in, header, totalSize, lenient);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static final class Source extends StreamEventSource {
        private final HeaderLines header;
        private final long totalSize;
        // Sensor unknown: the largest address plus one must still be a valid sensor size (at most 32767).
        private int checkWidth = Short.MAX_VALUE;
        private int checkHeight = Short.MAX_VALUE;
        // The sensor is looked up once, for the first polarity packet (its 16-bit source id may be negative).
        private boolean sensorLookedUp;
        private long overflowHigh;
        private int eventsLeft;
        private long bytesAfter;

        Source(ByteInput in, HeaderLines header, long totalSize, boolean lenient) {
            super(in, lenient, EventFormat.AEDAT31);
            this.header = header;
            this.totalSize = totalSize;
        }

        @Override
        public boolean read(EventBatch batch) throws IOException {
            batch.clear();
            final long[] ts = batch.timestampsUs();
            final short[] xs = batch.xs();
            final short[] ys = batch.ys();
            final byte[] ps = batch.polarities();
            final int capacity = batch.capacity();
            int n = 0;
            while (n < capacity) {
                if (eventsLeft == 0) {
                    if (bytesAfter > 0) {
                        in.skip(bytesAfter, "packet");
                        bytesAfter = 0;
                    }
                    if ((n > 0 && !in.moreWithoutBlocking()) || !nextPolarityPacket()) {
                        break;
                    }
                    continue;
                }
                int k = Math.min(eventsLeft, capacity - n);
                if (!in.ensure(8)) {
                    throw new MalformedDataException(in.source(), in.offset(), "input ends inside a polarity packet");
                }
                k = Math.min(k, in.available() / 8);
                final byte[] b = in.buffer();
                final int start = in.position();
                int p = start;
                for (int e = 0; e < k; e++, p += 8) {
                    int word = (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16
                            | (b[p + 3] & 0xFF) << 24;
                    if ((word & 1) == 0) {
                        continue;
                    }
                    int x = (word >>> 17) & 0x7FFF;
                    int y = (word >>> 2) & 0x7FFF;
                    if (x >= checkWidth || y >= checkHeight) {
                        if (!lenient) {
                            throw new MalformedDataException(in.source(), in.offset() + (p - start),
                                    "event address (x = "
                                    + x + ", y = " + y + ") outside the " + (width > 0 ? width + " x " + height
                                    + " sensor" : "32767 x 32767 an unnamed sensor may have"));
                        }
                        bad++;
                        continue;
                    }
                    int tl = (b[p + 4] & 0xFF) | (b[p + 5] & 0xFF) << 8 | (b[p + 6] & 0xFF) << 16
                            | (b[p + 7] & 0xFF) << 24;
                    ts[n] = overflowHigh | (tl & 0xFFFFFFFFL);
                    xs[n] = (short) x;
                    ys[n] = (short) y;
                    ps[n] = (byte) ((word >>> 1) & 1);
                    n++;
                }
                in.advance(p - start);
                eventsLeft -= k;
            }
            batch.setSize(n);
            return n > 0;
        }

        /** Skips other packets up to the next polarity packet's events; false at the end of the input. */
        private boolean nextPolarityPacket() throws IOException {
            while (true) {
                long pos = in.offset();
                if (!in.ensure(PACKET_HEADER_BYTES)) {
                    if (in.available() == 0) {
                        return false;
                    }
                    throw new MalformedDataException(in.source(), pos, "truncated packet header: " + in.available()
                            + " bytes left, need " + PACKET_HEADER_BYTES);
                }
                int type = in.int16(0);
                int eventSource = in.int16(2);
                int eventSize = in.int32(4);
                int overflow = in.int32(12);
                int capacity = in.int32(16);
                int number = in.int32(20);
                long bytes = (long) capacity * eventSize;
                long left = totalSize >= 0 ? totalSize - pos - PACKET_HEADER_BYTES : Long.MAX_VALUE;
                if (eventSize < 1 || capacity < 0 || bytes > left) {
                    throw new MalformedDataException(in.source(), pos, "packet of type " + type + " declares "
                            + capacity + " events of " + eventSize + " bytes, running past the end of the file ("
                            + left + " bytes left)");
                }
                if (number < 0 || number > capacity) {
                    throw new MalformedDataException(in.source(), pos, "packet eventNumber " + number
                            + " outside 0..eventCapacity " + capacity);
                }
                if (type != POLARITY_TYPE) {
                    in.advance(PACKET_HEADER_BYTES);
                    in.skip(bytes, "packet of type " + type);
                    skipped++;
                    continue;
                }
                if (eventSize != 8) {
                    throw new MalformedDataException(in.source(), pos, "polarity packet eventSize must be 8, was "
                            + eventSize);
                }
                in.advance(PACKET_HEADER_BYTES);
                if (!sensorLookedUp) {
                    sensorLookedUp = true;
                    int[] size = sensorSize(header, eventSource);
                    width = size[0];
                    height = size[1];
                    if (width > 0) {
                        checkWidth = width;
                        checkHeight = height;
                    }
                }
                overflowHigh = (long) overflow << 31;
                eventsLeft = number;
                bytesAfter = (long) (capacity - number) * 8;
                if (number > 0) {
                    return true;
                }
            }
        }

    }

    /** Width and height for the chip named on the {@code #Source <id>:} line, or {0, 0} when unknown. */
    static int[] sensorSize(HeaderLines header, int sourceId) {
        for (String line : header.lines()) {
            Matcher m = SOURCE_LINE.matcher(line.strip());
            // An id of more than 9 digits cannot be a packet's 16-bit source id (and would overflow an int).
            if (m.matches() && m.group(1).length() <= 9 && Integer.parseInt(m.group(1)) == sourceId) {
                return chipSize(m.group(2));
            }
        }
        return new int[] {0, 0};
    }

    /** Width and height of a chip by (part of) its name, or {0, 0} when unknown. */
    static int[] chipSize(String chip) {
        String c = chip.toUpperCase(Locale.ROOT);
        if (c.contains("DVS128")) {
            return new int[] {128, 128};
        }
        if (c.contains("DAVIS346")) {
            return new int[] {346, 260};
        }
        if (c.contains("DAVIS240")) {
            return new int[] {240, 180};
        }
        if (c.contains("DVXPLORER")) {
            return new int[] {640, 480};
        }
        return new int[] {0, 0};
    }

    static void checkVersion(byte[] data, String source, String version) throws MalformedDataException {
        int n = Math.min(data.length, version.length() + 2);
        String head = new String(data, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!(head.startsWith(version + "\r\n") || head.startsWith(version + "\n"))) {
            int cut = head.indexOf('\r') >= 0 ? head.indexOf('\r') : head.indexOf('\n');
            String shown = (cut >= 0 ? head.substring(0, cut) : head).replaceAll("[^\\x20-\\x7E]", "?");
            throw new MalformedDataException(source, 0, "expected the version line '" + version + "', found '"
                    + shown + "'");
        }
    }
}
