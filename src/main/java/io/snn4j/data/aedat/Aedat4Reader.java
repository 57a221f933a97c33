package io.snn4j.data.aedat;

import com.github.luben.zstd.ZstdInputStream;
import io.snn4j.data.ByteInput;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import io.snn4j.data.StreamEventSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the polarity events of an iniVation DV AEDAT 4.0 file or stream: {@link #open} streams them packet by
 * packet, {@link #read} drains that into an {@link EventStream}.
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

    static final String[] COMPRESSION_NAMES = {"none", "LZ4", "LZ4 high", "Zstd", "Zstd high"};

    private final boolean lenient;

    public Aedat4Reader(boolean lenient) {
        this.lenient = lenient;
    }

    public boolean isLenient() {
        return lenient;
    }

    /**
     * Reads all polarity events of {@code file} into memory: a wrapper that drains {@link #open}.
     *
     * @throws MalformedDataException naming the file and byte offset of the first problem
     * @throws IOException            when the file cannot be read
     */
    public EventFile read(Path file) throws IOException {
        return EventSources.readAll(open(Files.newInputStream(file), file.toString(), Files.size(file)),
                file.toString());
    }

    /**
     * Reads the version line and IOHeader from {@code stream} and returns a source of the polarity events that follow,
     * packet by packet (one decompressed packet in memory at a time).
     *
     * @param source    name for messages
     * @param totalSize bytes in the stream when known (a file), else -1 (a network stream: packets until its end)
     * @throws MalformedDataException for a malformed version line or IOHeader
     */
    public EventSource open(InputStream stream, String source, long totalSize) throws IOException {
        ByteInput in = new ByteInput(stream, source, 1 << 16);
        try {
            in.ensure(VERSION_LINE.length());
            byte[] version = new byte[Math.min(VERSION_LINE.length(), in.available())];
            System.arraycopy(in.buffer(), in.position(), version, 0, version.length);
            checkVersion(version, source);
            in.advance(version.length);
            if (!in.ensure(4)) {
                throw new MalformedDataException(source, VERSION_LINE.length(),
                        "file ends before the IOHeader size (" + (VERSION_LINE.length() + in.available())
                                + " bytes in all)");
            }
            int headerSize = in.int32(0);
            long headerStart = VERSION_LINE.length() + 4L;
            long room = totalSize >= 0 ? totalSize - headerStart : Integer.MAX_VALUE;
            if (headerSize < 12 || headerSize > room || headerSize > MAX_PACKET_BYTES) {
                throw new MalformedDataException(source, VERSION_LINE.length(), "IOHeader size " + headerSize
                        + " must be >= 12 and fit in the " + room + " bytes after it");
            }
            in.advance(4);
            byte[] headerBytes = new byte[headerSize];
            in.readFully(headerBytes, 0, headerSize, "IOHeader");
            IoHeader header = IoHeader.parse(headerBytes, source, headerStart);
            long packetsStart = headerStart + headerSize;
            long packetsEnd = totalSize >= 0 ? totalSize : Long.MAX_VALUE;
            if (header.dataTablePosition() >= 0) {
                if (header.dataTablePosition() < packetsStart || header.dataTablePosition() > packetsEnd) {
                    throw new MalformedDataException(source, headerStart, "IOHeader dataTablePosition "
                            + header.dataTablePosition() + " outside the packet area " + packetsStart + ".."
                            + (totalSize >= 0 ? Long.toString(totalSize) : "end"));
                }
                packetsEnd = header.dataTablePosition();
            }
            return new Source(in, header, packetsEnd, totalSize >= 0 || header.dataTablePosition() >= 0, lenient);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Largest accepted packet on a network stream (compressed or not): a bad size field is an error, not a huge buffer.
     */
    public static final int MAX_NETWORK_PACKET_BYTES = 1 << 26;

    /**
     * Opens a DV network stream (iniVation DV's TCP output, dv-processing's {@code NetworkWriter}): the AEDAT 4.0
     * packet framing without the version line or data table. With {@code ioHeader} the stream starts with
     * {@code int32 size} and the IOHeader FlatBuffer (compression, info XML with the stream types and sensor size), as
     * dv-processing sends it; without it (older servers), packets are uncompressed, the sensor size is unknown and
     * {@code EVTS} packets of any stream id are read. The stream is strict: a packet of a stream the IOHeader does
     * not declare, a FlatBuffer identifier that is none of DV's ({@code EVTS FRME IMUS TRIG}), or a size above
     * {@link #MAX_NETWORK_PACKET_BYTES} is a {@link MalformedDataException} naming the byte offset in the stream.
     *
     * @param source name for messages (the address)
     */
    public EventSource openNetwork(InputStream stream, String source, boolean ioHeader) throws IOException {
        ByteInput in = new ByteInput(stream, source, 1 << 16);
        try {
            IoHeader header;
            if (ioHeader) {
                if (!in.ensure(4)) {
                    throw new MalformedDataException(source, 0, "stream ends before the IOHeader size ("
                            + in.available() + " bytes in all)");
                }
                int headerSize = in.int32(0);
                if (headerSize < 12 || headerSize > MAX_NETWORK_PACKET_BYTES) {
                    throw new MalformedDataException(source, 0, "IOHeader size " + Integer.toUnsignedString(headerSize)
                            + " must be in 12.." + MAX_NETWORK_PACKET_BYTES + " (is the server sending an IOHeader?)");
                }
                in.advance(4);
                byte[] headerBytes = new byte[headerSize];
                in.readFully(headerBytes, 0, headerSize, "IOHeader");
                header = IoHeader.parse(headerBytes, source, 4);
            } else {
                header = new IoHeader(0, -1, Map.of(), -1, 0, 0);
            }
            Source s = new Source(in, header, Long.MAX_VALUE, false, lenient);
            s.network = true;
            s.maxPacket = MAX_NETWORK_PACKET_BYTES;
            return s;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Decoded payload of the packet being emitted and where the next event is. */
    private static final class Source extends StreamEventSource {
        private final IoHeader header;
        private final long end;
        private final boolean endKnown;
        private final int checkWidth;
        private final int checkHeight;
        private final byte[] packetHeader = new byte[8];
        private ByteBuffer payload;
        private int next;
        private int stop;
        private long packetPos;
        /** A network stream: undeclared stream ids and unknown FlatBuffer identifiers are errors. */
        private boolean network;
        private int maxPacket = MAX_PACKET_BYTES;

        Source(ByteInput in, IoHeader header, long end, boolean endKnown, boolean lenient) {
            super(in, lenient, EventFormat.AEDAT4);
            this.width = header.sizeX();
            this.height = header.sizeY();
            this.header = header;
            this.end = end;
            this.endKnown = endKnown;
            this.checkWidth = header.sizeX() > 0 ? header.sizeX() : Short.MAX_VALUE;
            this.checkHeight = header.sizeY() > 0 ? header.sizeY() : Short.MAX_VALUE;
        }

        @Override
        public boolean read(EventBatch batch) throws IOException {
            batch.clear();
            while (batch.remaining() > 0) {
                if (payload == null || next == stop) {
                    if (!batch.isEmpty() && !in.moreWithoutBlocking()) {
                        break;
                    }
                    if (!nextPacket()) {
                        break;
                    }
                    continue;
                }
                final ByteBuffer b = payload;
                final long[] ts = batch.timestampsUs();
                final short[] xs = batch.xs();
                final short[] ys = batch.ys();
                final byte[] ps = batch.polarities();
                int n = batch.size();
                final int capacity = batch.capacity();
                int p = next;
                for (; n < capacity && p < stop; p += EVENT_BYTES) {
                    short x = b.getShort(p + 8);
                    short y = b.getShort(p + 10);
                    if (x < 0 || x >= checkWidth || y < 0 || y >= checkHeight) {
                        if (!lenient) {
                            throw new MalformedDataException(in.source(), packetPos, "event address (x = " + x
                                    + ", y = " + y + ") outside the " + (header.sizeX() > 0 ? header.sizeX() + " x "
                                    + header.sizeY() + " sensor" : "int16 range"));
                        }
                        bad++;
                        continue;
                    }
                    ts[n] = b.getLong(p);
                    xs[n] = x;
                    ys[n] = y;
                    ps[n] = b.get(p + 12) != 0 ? (byte) 1 : 0;
                    n++;
                }
                next = p;
                batch.setSize(n);
            }
            return !batch.isEmpty();
        }

        /** Reads packets until one with polarity events; false at the end of the packets. */
        private boolean nextPacket() throws IOException {
            final String source = in.source();
            final int polarityStream = header.polarityStreamId();
            while (true) {
                payload = null;
                long pos = in.offset();
                if (pos >= end || (!endKnown && in.atEnd())) {
                    return false;
                }
                if ((endKnown && end - pos < 8) || !in.ensure(8)) {
                    long left = endKnown ? end - pos : in.available();
                    throw new MalformedDataException(source, pos, "truncated packet header: " + left
                            + " bytes left before " + describeEnd(header, pos + left) + ", need 8");
                }
                in.readFully(packetHeader, 0, 8, "packet header");
                ByteBuffer h = ByteBuffer.wrap(packetHeader).order(ByteOrder.LITTLE_ENDIAN);
                int streamId = h.getInt(0);
                int size = h.getInt(4);
                if (network && (size < 0 || size > maxPacket)) {
                    throw new MalformedDataException(source, pos, "packet of stream " + streamId + " declares "
                            + Integer.toUnsignedString(size) + " bytes, more than the " + maxPacket
                            + " a network packet may have (not an AEDAT 4.0 packet stream?)");
                }
                if (size < 0 || (endKnown && pos + 8 + size > end) || size > MAX_PACKET_BYTES) {
                    throw new MalformedDataException(source, pos, "packet of stream " + streamId + " declares "
                            + Integer.toUnsignedString(size) + " bytes, running past " + describeEnd(header, end)
                            + " (" + (end - pos - 8) + " bytes left)");
                }
                String type = header.streamTypes().get(streamId);
                if (network && type == null && !header.streamTypes().isEmpty()) {
                    throw new MalformedDataException(source, pos, "packet of stream " + streamId
                            + ", which the IOHeader does not declare (declared: " + header.streamTypes().keySet()
                            + ")");
                }
                boolean wanted = polarityStream >= 0 ? streamId == polarityStream : type == null;
                if (!wanted) {
                    in.skip(size, "packet of stream " + streamId);
                    skipped++;
                    continue;
                }
                byte[] raw = new byte[size];
                in.readFully(raw, 0, size, "packet of stream " + streamId);
                byte[] bytes = decompress(raw, header.compression(), source, pos);
                int[] range = eventRange(bytes, source, pos, streamId, polarityStream >= 0, network);
                if (range == null) {
                    skipped++;
                    continue;
                }
                payload = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                next = range[0];
                stop = range[1];
                packetPos = pos;
                return true;
            }
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

    private static String describeEnd(IoHeader header, long end) {
        return header.dataTablePosition() >= 0 ? "the data table at byte " + end : "the end of the file at byte " + end;
    }

    /**
     * The byte range {start, end} of the Event structs in one decompressed payload, or null when it is not an EVTS
     * packet and the stream type was not declared.
     */
    private static int[] eventRange(byte[] payload, String source, long packetPos, int streamId, boolean declaredEvts,
                                    boolean knownIdsOnly) throws MalformedDataException {
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
            if (knownIdsOnly && !(id.equals("FRME") || id.equals("IMUS") || id.equals("TRIG"))) {
                throw fb.error(rootPos + 4, "FlatBuffer identifier '" + id.replaceAll("[^\\x20-\\x7E]", "?")
                        + "' is none of DV's packet types EVTS, FRME, IMUS, TRIG");
            }
            return null;
        }
        int table = fb.deref(rootPos);
        int elements = fb.field(table, 0);
        if (elements < 0) {
            return new int[] {0, 0};
        }
        int[] count = new int[1];
        int at = fb.vectorStart(elements, EVENT_BYTES, count);
        return new int[] {at, at + count[0] * EVENT_BYTES};
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
