package io.snn4j.data.aedat;

import com.github.luben.zstd.ZstdInputStream;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the polarity events of an iniVation DV AEDAT 4.0 file into an {@link EventStream}.
 *
 * <p>Layout (little-endian):
 * <pre>
 * "#!AER-DAT4.0\r\n"                          14 bytes
 * int32 headerSize, IOHeader                  FlatBuffer, identifier "IOHE":
 *                                               0 compression int32 (0 none, 1 LZ4, 2 LZ4 high, 3 Zstd, 4 Zstd high)
 *                                               1 dataTablePosition int64 (-1: no table)
 *                                               2 infoNode string (XML: stream id -&gt; typeIdentifier, sizeX, sizeY)
 * packets, until dataTablePosition or the end: int32 streamId, int32 size, byte[size] payload
 *   payload (after decompression): uint32 size, then a FlatBuffer whose identifier is the stream type
 *   "EVTS": EventPacket { 0 elements: [Event] }, Event = 16 bytes:
 *     +0 int64 timestamp (us)  +8 int16 x  +10 int16 y  +12 bool on  +13 3 bytes padding
 * </pre>
 * Events come from the lowest-numbered stream whose {@code typeIdentifier} is {@code EVTS}; packets of every other
 * stream are skipped without decompressing and counted in {@link EventFile#skippedPacketCount()}. The sensor size is
 * that stream's {@code sizeX} x {@code sizeY}; when the XML does not give it, the largest address seen plus one.
 * Timestamps are kept as stored (absolute Unix microseconds) and in file order.
 *
 * <p>Errors are {@link MalformedDataException}s naming the file and byte offset: a missing or different version line,
 * an unknown compression value, a packet running past the end of the file (or into the data table), a corrupt
 * compressed payload, a bad FlatBuffer offset, an event address outside the sensor. Lenient reading skips and counts
 * events outside the sensor; structural errors always throw. Instances are immutable and thread-safe.
 */
public final class Aedat4Reader {
    /** The version line every AEDAT 4.0 file starts with. */
    public static final String VERSION_LINE = "#!AER-DAT4.0\r\n";
    /** Bytes of one Event struct. */
    static final int EVENT_BYTES = 16;
    /** Largest accepted decompressed packet, to refuse decompression bombs. */
    static final int MAX_PACKET_BYTES = 1 << 29;

    private static final String[] COMPRESSION_NAMES = {"none", "LZ4", "LZ4 high", "Zstd", "Zstd high"};

    private final boolean lenient;

    public Aedat4Reader(boolean lenient) {
        this.lenient = lenient;
    }

    public boolean isLenient() {
        return lenient;
    }

    /**
     * Reads all polarity events of {@code file}.
     *
     * @throws MalformedDataException naming the file and byte offset of the first problem
     * @throws IOException            when the file cannot be read
     */
    public EventFile read(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            byte[] version = readAt(ch, 0, (int) Math.min(VERSION_LINE.length(), fileSize), source);
            checkVersion(version, source);
            if (fileSize < VERSION_LINE.length() + 4) {
                throw new MalformedDataException(source, VERSION_LINE.length(),
                        "file ends before the IOHeader size (" + fileSize + " bytes in all)");
            }
            int headerSize = le(readAt(ch, VERSION_LINE.length(), 4, source)).getInt(0);
            long headerStart = VERSION_LINE.length() + 4L;
            if (headerSize < 12 || headerStart + headerSize > fileSize) {
                throw new MalformedDataException(source, VERSION_LINE.length(), "IOHeader size " + headerSize
                        + " must be >= 12 and fit in the " + (fileSize - headerStart) + " bytes after it");
            }
            IoHeader header = IoHeader.parse(readAt(ch, headerStart, headerSize, source), source, headerStart);
            long packetsStart = headerStart + headerSize;
            long packetsEnd = fileSize;
            if (header.dataTablePosition() >= 0) {
                if (header.dataTablePosition() < packetsStart || header.dataTablePosition() > fileSize) {
                    throw new MalformedDataException(source, headerStart, "IOHeader dataTablePosition "
                            + header.dataTablePosition() + " outside the packet area " + packetsStart + ".."
                            + fileSize);
                }
                packetsEnd = header.dataTablePosition();
            }
            return readPackets(ch, source, header, packetsStart, packetsEnd);
        }
    }

    private static void checkVersion(byte[] version, String source) throws MalformedDataException {
        String text = new String(version, StandardCharsets.ISO_8859_1);
        if (!text.equals(VERSION_LINE)) {
            int cr = text.indexOf('\r');
            String shown = (cr >= 0 ? text.substring(0, cr) : text).replaceAll("[^\\x20-\\x7E]", "?");
            String problem = text.startsWith("#!AER-DAT")
                    ? "unsupported AEDAT version line '" + shown + "': this reader reads only #!AER-DAT4.0"
                    : "missing AEDAT 4.0 version line '#!AER-DAT4.0\\r\\n', found '" + shown + "'";
            throw new MalformedDataException(source, 0, problem);
        }
    }

    private EventFile readPackets(FileChannel ch, String source, IoHeader header, long start, long end)
            throws IOException {
        final int polarityStream = header.polarityStreamId();
        EventSink events = new EventSink(lenient, source);
        events.setSensor(header.sizeX(), header.sizeY());
        long skipped = 0;
        ByteBuffer packetHeader = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        long pos = start;
        while (pos < end) {
            if (end - pos < 8) {
                throw new MalformedDataException(source, pos, "truncated packet header: " + (end - pos)
                        + " bytes left before " + describeEnd(header, end) + ", need 8");
            }
            packetHeader.clear();
            readFully(ch, packetHeader, pos, source);
            int streamId = packetHeader.getInt(0);
            int size = packetHeader.getInt(4);
            if (size < 0 || pos + 8 + size > end) {
                throw new MalformedDataException(source, pos, "packet of stream " + streamId + " declares "
                        + Integer.toUnsignedString(size) + " bytes, running past " + describeEnd(header, end)
                        + " (" + (end - pos - 8) + " bytes left)");
            }
            String type = header.streamTypes().get(streamId);
            boolean wanted = polarityStream >= 0 ? streamId == polarityStream : type == null;
            if (!wanted) {
                skipped++;
            } else {
                byte[] payload = decompress(readAt(ch, pos + 8, size, source), header.compression(), source, pos);
                if (!decodePacket(payload, source, pos, streamId, polarityStream >= 0, events)) {
                    skipped++;
                }
            }
            pos += 8L + size;
        }
        return new EventFile(EventFormat.AEDAT4, events.toStream(), events.bad(), skipped);
    }

    private static String describeEnd(IoHeader header, long end) {
        return header.dataTablePosition() >= 0 ? "the data table at byte " + end : "the end of the file at byte " + end;
    }

    /** Decodes one payload; returns false when it is not an EVTS packet and the stream type was not declared. */
    private static boolean decodePacket(byte[] payload, String source, long packetPos, int streamId,
                                        boolean declaredEvts, EventSink out) throws MalformedDataException {
        FlatBufferView fb = new FlatBufferView(payload, payload.length, source, packetPos,
                "packet of stream " + streamId + ", payload (decompressed)");
        long sizePrefix = fb.int32(0) & 0xFFFFFFFFL;
        if (sizePrefix > payload.length - 4) {
            throw fb.error(0, "size prefix " + sizePrefix + " larger than the " + (payload.length - 4)
                    + " bytes that follow it");
        }
        int rootPos = 4;
        String id = fb.identifier(rootPos);
        if (!id.equals("EVTS")) {
            if (declaredEvts) {
                throw fb.error(rootPos + 4, "file identifier '" + id + "' does not match the stream type EVTS");
            }
            return false;
        }
        int table = fb.deref(rootPos);
        int elements = fb.field(table, 0);
        if (elements < 0) {
            return true;
        }
        int[] count = new int[1];
        int at = fb.vectorStart(elements, EVENT_BYTES, count);
        ByteBuffer buf = fb.buffer();
        for (int k = 0, p = at; k < count[0]; k++, p += EVENT_BYTES) {
            out.add(buf.getLong(p), buf.getShort(p + 8), buf.getShort(p + 10), buf.get(p + 12) != 0 ? 1 : 0,
                    packetPos);
        }
        return true;
    }

    private static byte[] decompress(byte[] raw, int compression, String source, long packetPos)
            throws MalformedDataException {
        if (compression == 0) {
            return raw;
        }
        if (compression <= 2) {
            try {
                return Lz4Frames.decompress(raw, raw.length, MAX_PACKET_BYTES);
            } catch (Lz4Frames.Lz4FormatException e) {
                throw new MalformedDataException(source, packetPos, "corrupt " + COMPRESSION_NAMES[compression]
                        + " payload of " + raw.length + " bytes: " + e.getMessage(), e);
            }
        }
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(raw))) {
            byte[] out = new byte[Math.max(1024, Math.min(MAX_PACKET_BYTES, raw.length * 4))];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (out.length >= MAX_PACKET_BYTES) {
                        throw new MalformedDataException(source, packetPos, "packet decompresses to more than "
                                + MAX_PACKET_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(MAX_PACKET_BYTES, 2L * out.length));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        } catch (MalformedDataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new MalformedDataException(source, packetPos, "corrupt " + COMPRESSION_NAMES[compression]
                    + " payload of " + raw.length + " bytes: " + e.getMessage(), e);
        }
    }

    static byte[] readAt(FileChannel ch, long pos, int n, String source) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(ch, b, pos, source);
        return b.array();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, String source) throws IOException {
        long at = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, at);
            if (r < 0) {
                throw new MalformedDataException(source, at, "unexpected end of file");
            }
            at += r;
        }
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The decoded IOHeader plus the stream table from its XML. */
    record IoHeader(int compression, long dataTablePosition, Map<Integer, String> streamTypes,
                    int polarityStreamId, int sizeX, int sizeY) {

        static IoHeader parse(byte[] bytes, String source, long fileOffset) throws MalformedDataException {
            FlatBufferView fb = new FlatBufferView(bytes, bytes.length, source, fileOffset, "IOHeader");
            String id = fb.identifier(0);
            if (!id.equals("IOHE")) {
                throw fb.error(4, "FlatBuffer identifier must be 'IOHE', was '"
                        + id.replaceAll("[^\\x20-\\x7E]", "?") + "'");
            }
            int table = fb.deref(0);
            int compressionPos = fb.field(table, 0);
            int compression = compressionPos < 0 ? 0 : fb.int32(compressionPos);
            if (compression < 0 || compression >= COMPRESSION_NAMES.length) {
                throw new MalformedDataException(source, fileOffset + compressionPos, "unknown compression value "
                        + compression + " (known: 0 none, 1 LZ4, 2 LZ4 high, 3 Zstd, 4 Zstd high)");
            }
            int tablePos = fb.field(table, 1);
            long dataTablePosition = tablePos < 0 ? -1 : fb.int64(tablePos);
            int infoPos = fb.field(table, 2);
            String xml = infoPos < 0 ? "" : fb.string(infoPos);
            InfoNode info = InfoNode.parse(xml, source, fileOffset + (infoPos < 0 ? 0 : infoPos));
            return new IoHeader(compression, dataTablePosition, info.streamTypes(), info.polarityStreamId(),
                    info.sizeX(), info.sizeY());
        }
    }
}
