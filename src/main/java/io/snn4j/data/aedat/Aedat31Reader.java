package io.snn4j.data.aedat;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.MalformedDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * The file is read into memory (at most 2 GB). Instances are immutable and thread-safe.
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
     * @throws MalformedDataException naming file and byte offset: wrong version line, missing end of header, a
     *                                packet running past the end, a polarity packet with eventSize other than 8, an
     *                                eventNumber above eventCapacity, an event outside the sensor (strict)
     */
    public EventFile read(Path file) throws IOException {
        String source = file.toString();
        byte[] data = readAll(file);
        checkVersion(data, source, VERSION);
        HeaderLines header = HeaderLines.parse(data, source, "#!END-HEADER");
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        EventSink events = new EventSink(lenient, source);
        long skipped = 0;
        int sensorSource = -1;
        int pos = header.dataStart();
        while (pos < data.length) {
            if (data.length - pos < PACKET_HEADER_BYTES) {
                throw new MalformedDataException(source, pos, "truncated packet header: " + (data.length - pos)
                        + " bytes left, need " + PACKET_HEADER_BYTES);
            }
            int type = b.getShort(pos);
            int eventSource = b.getShort(pos + 2);
            int eventSize = b.getInt(pos + 4);
            int overflow = b.getInt(pos + 12);
            int capacity = b.getInt(pos + 16);
            int number = b.getInt(pos + 20);
            long bytes = (long) capacity * eventSize;
            if (eventSize < 1 || capacity < 0 || bytes > data.length - pos - PACKET_HEADER_BYTES) {
                throw new MalformedDataException(source, pos, "packet of type " + type + " declares " + capacity
                        + " events of " + eventSize + " bytes, running past the end of the file ("
                        + (data.length - pos - PACKET_HEADER_BYTES) + " bytes left)");
            }
            if (number < 0 || number > capacity) {
                throw new MalformedDataException(source, pos, "packet eventNumber " + number
                        + " outside 0..eventCapacity " + capacity);
            }
            int body = pos + PACKET_HEADER_BYTES;
            if (type == POLARITY_TYPE) {
                if (eventSize != 8) {
                    throw new MalformedDataException(source, pos, "polarity packet eventSize must be 8, was "
                            + eventSize);
                }
                if (sensorSource < 0) {
                    sensorSource = eventSource;
                    int[] size = sensorSize(header, eventSource);
                    events.setSensor(size[0], size[1]);
                }
                long high = (long) overflow << 31;
                for (int k = 0, p = body; k < number; k++, p += 8) {
                    int word = b.getInt(p);
                    if ((word & 1) == 0) {
                        continue;
                    }
                    int x = (word >>> 17) & 0x7FFF;
                    int y = (word >>> 2) & 0x7FFF;
                    long t = high | (b.getInt(p + 4) & 0xFFFFFFFFL);
                    events.add(t, x, y, (word >>> 1) & 1, p);
                }
            } else {
                skipped++;
            }
            pos = body + (int) bytes;
        }
        return new EventFile(EventFormat.AEDAT31, events.toStream(), events.bad(), skipped);
    }

    /** Width and height for the chip named on the {@code #Source <id>:} line, or {0, 0} when unknown. */
    static int[] sensorSize(HeaderLines header, int sourceId) {
        for (String line : header.lines()) {
            Matcher m = SOURCE_LINE.matcher(line.strip());
            if (m.matches() && Integer.parseInt(m.group(1)) == sourceId) {
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

    static byte[] readAll(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16) {
            throw new MalformedDataException(file.toString(), 0, "file of " + size
                    + " bytes is larger than this reader's 2 GB limit");
        }
        return Files.readAllBytes(file);
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
