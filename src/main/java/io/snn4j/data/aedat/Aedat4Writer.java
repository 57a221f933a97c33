package io.snn4j.data.aedat;

import com.github.luben.zstd.Zstd;
import io.snn4j.data.EventBatch;
import io.snn4j.data.EventWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes polarity events as an iniVation DV AEDAT 4.0 file (layout in {@link Aedat4Reader}): the version line, an
 * IOHeader naming one {@code EVTS} stream (id 0) of the given sensor size, packets of at most
 * {@link #PACKET_EVENTS} events (each a size-prefixed {@code EventPacket} FlatBuffer, compressed as one LZ4 or Zstd
 * frame when asked), then the {@code FTAB} file data table (one entry per packet: byte offset, stream id and size,
 * event count, first and last timestamp; the byte offset is that of the payload, after the 8-byte packet header, as
 * in DV's own files), compressed the same way, whose position is patched into the IOHeader at
 * the end. FlatBuffers are laid out by hand with 8-byte alignment for the int64 fields:
 * <pre>
 * IOHeader: 0 root 24 | 4 "IOHE" | 8 vtable (10, 20, 4, 8, 16) | 24 table: soffset 16, +4 int32 compression,
 *           +8 int64 dataTablePosition, +16 uoffset to the XML string (length, UTF-8, 0)
 * EVTS:     0 size | 4 root 16 | 8 "EVTS" | 12 vtable (6, 8, 4) | 20 table: soffset 8, +4 uoffset 12 |
 *           36 uint32 count | 40 events: int64 t, int16 x, int16 y, uint8 on, 3 bytes 0
 * FTAB:     0 size | 4 root 16 | 8 "FTAB" | 12 vtable (6, 8, 4) | 20 table: soffset 8, +4 uoffset 4 |
 *           28 uint32 n, n uoffsets | vtable (14, 48, 8, 16, 24, 32, 40) | n tables of 48 bytes: soffset, 4 pad,
 *           int64 byteOffset, struct {int32 streamId, int32 size}, int64 numElements, int64 tStart, int64 tEnd
 * </pre>
 * Events must have x in 0..width-1 and y in 0..height-1. Not thread-safe.
 */
public final class Aedat4Writer implements EventWriter {
    /** Events per packet at most. */
    public static final int PACKET_EVENTS = 8192;
    /** File offset of the IOHeader's int64 dataTablePosition. */
    static final int TABLE_POSITION_OFFSET = 14 + 4 + 32;

    /** Packet compression, with the IOHeader's enum values. */
    public enum Compression {
        NONE(0), LZ4(1), ZSTD(3);

        final int code;

        Compression(int code) {
            this.code = code;
        }
    }

    private final FileChannel out;
    private final int width;
    private final int height;
    private final Compression compression;
    private final byte[] payload = new byte[40 + 16 * PACKET_EVENTS];
    private final ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    private int pending;
    private long position;
    private long eventIndex;
    private long[] table = new long[5 * 64];
    private int packets;

    /**
     * Writes the version line and IOHeader to {@code out} (at its start; positional writes follow).
     *
     * @throws IllegalArgumentException for a sensor size outside 1..32767
     */
    public Aedat4Writer(FileChannel out, int width, int height, Compression compression, String sourceName)
            throws IOException {
        if (width < 1 || width > Short.MAX_VALUE || height < 1 || height > Short.MAX_VALUE) {
            throw new IllegalArgumentException("AEDAT 4.0 sensor size must be in 1..32767, was " + width + " x "
                    + height);
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.compression = compression;
        byte[] header = ioHeader(compression.code, -1, infoXml(width, height, compression, sourceName));
        ByteBuffer start = ByteBuffer.allocate(18 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        start.put(Aedat4Reader.VERSION_LINE.getBytes(StandardCharsets.US_ASCII)).putInt(header.length).put(header);
        writeFully(start.flip(), 0);
    }

    /** The DV info XML naming stream 0 as EVTS of {@code width} x {@code height}. */
    static String infoXml(int width, int height, Compression compression, String sourceName) {
        String name = sourceName.replaceAll("[^A-Za-z0-9_.\\- ]", "_");
        return "<dv version=\"2.0\">\n    <node name=\"outInfo\" path=\"/outInfo/\">\n"
                + "        <node name=\"0\" path=\"/outInfo/0/\">\n"
                + "            <attr key=\"compression\" type=\"string\">" + compression.name() + "</attr>\n"
                + "            <attr key=\"originalModuleName\" type=\"string\">snn4j</attr>\n"
                + "            <attr key=\"originalOutputName\" type=\"string\">events</attr>\n"
                + "            <attr key=\"typeDescription\" type=\"string\">"
                + "Array of events (polarity ON/OFF).</attr>\n"
                + "            <attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>\n"
                + "            <node name=\"info\" path=\"/outInfo/0/info/\">\n"
                + "                <attr key=\"sizeX\" type=\"int\">" + width + "</attr>\n"
                + "                <attr key=\"sizeY\" type=\"int\">" + height + "</attr>\n"
                + "                <attr key=\"source\" type=\"string\">" + name + "</attr>\n"
                + "            </node>\n        </node>\n    </node>\n</dv>\n";
    }

    /** The IOHeader FlatBuffer (layout in the class comment). */
    static byte[] ioHeader(int compression, long dataTablePosition, String xml) {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        int size = (48 + text.length + 1 + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 24);
        b.put(4, "IOHE".getBytes(StandardCharsets.US_ASCII));
        b.putShort(8, (short) 10).putShort(10, (short) 20).putShort(12, (short) 4).putShort(14, (short) 8)
                .putShort(16, (short) 16);
        b.putInt(24, 16).putInt(28, compression).putLong(32, dataTablePosition).putInt(40, 4);
        b.putInt(44, text.length);
        b.put(48, text);
        return b.array();
    }

    @Override
    public void write(EventBatch batch) throws IOException {
        final long[] t = batch.timestampsUs();
        final short[] xs = batch.xs();
        final short[] ys = batch.ys();
        final byte[] ps = batch.polarities();
        for (int i = 0, n = batch.size(); i < n; i++) {
            int x = xs[i];
            int y = ys[i];
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IllegalArgumentException("AEDAT 4.0 encoding: event " + (eventIndex + i) + ": address (" + x
                        + ", " + y + ") outside the " + width + " x " + height + " sensor");
            }
            int o = 40 + 16 * pending;
            p.putLong(o, t[i]).putShort(o + 8, (short) x).putShort(o + 10, (short) y);
            p.putInt(o + 12, ps[i] != 0 ? 1 : 0);
            if (++pending == PACKET_EVENTS) {
                flushPacket();
            }
        }
        eventIndex += batch.size();
    }

    private void flushPacket() throws IOException {
        if (pending == 0) {
            return;
        }
        int size = evtsHeader(p, pending);
        byte[] stored = compress(compression, payload, size);
        if (table.length < 5 * (packets + 1)) {
            table = Arrays.copyOf(table, table.length * 2);
        }
        int e = 5 * packets++;
        table[e] = position + 8; // DV's table points at the payload, after the packet header
        table[e + 1] = stored.length;
        table[e + 2] = pending;
        table[e + 3] = p.getLong(40);
        table[e + 4] = p.getLong(40 + 16 * (pending - 1));
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(stored.length).flip();
        writeFully(h, -1);
        writeFully(ByteBuffer.wrap(stored), -1);
        pending = 0;
    }

    /**
     * Writes the EVTS FlatBuffer around {@code count} events already at byte 40 of {@code p} (layout in the class
     * comment); returns the payload size.
     */
    static int evtsHeader(ByteBuffer p, int count) {
        int size = 40 + 16 * count;
        p.putInt(0, size - 4).putInt(4, 16);
        p.put(8, (byte) 'E').put(9, (byte) 'V').put(10, (byte) 'T').put(11, (byte) 'S');
        p.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4).putShort(18, (short) 0);
        p.putInt(20, 8).putInt(24, 12).putInt(28, 0).putInt(32, 0).putInt(36, count);
        return size;
    }

    static byte[] compress(Compression compression, byte[] data, int length) {
        switch (compression) {
            case LZ4:
                return Lz4Frames.compress(data, length);
            case ZSTD:
                return Zstd.compress(Arrays.copyOf(data, length), 3);
            default:
                return Arrays.copyOf(data, length);
        }
    }

    @Override
    public void finish() throws IOException {
        flushPacket();
        long tablePosition = position;
        writeFully(ByteBuffer.wrap(compressTable()), -1);
        ByteBuffer at = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(tablePosition).flip();
        writeFully(at, TABLE_POSITION_OFFSET);
        out.force(false);
    }

    /** The FTAB FlatBuffer (layout in the class comment), compressed like the packets. */
    private byte[] compressTable() {
        int n = packets;
        int vtable = 32 + 4 * n;
        int first = (vtable + 14 + 7) & ~7;
        int size = first + 48 * n;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, size - 4).putInt(4, 16);
        b.put(8, "FTAB".getBytes(StandardCharsets.US_ASCII));
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8).putInt(24, 4).putInt(28, n);
        b.putShort(vtable, (short) 14).putShort(vtable + 2, (short) 48).putShort(vtable + 4, (short) 8)
                .putShort(vtable + 6, (short) 16).putShort(vtable + 8, (short) 24).putShort(vtable + 10, (short) 32)
                .putShort(vtable + 12, (short) 40);
        for (int i = 0; i < n; i++) {
            int d = first + 48 * i;
            b.putInt(32 + 4 * i, d - (32 + 4 * i));
            b.putInt(d, d - vtable);
            b.putLong(d + 8, table[5 * i]);
            b.putInt(d + 16, 0).putInt(d + 20, (int) table[5 * i + 1]);
            b.putLong(d + 24, table[5 * i + 2]);
            b.putLong(d + 32, table[5 * i + 3]);
            b.putLong(d + 40, table[5 * i + 4]);
        }
        return compress(compression, b.array(), size);
    }

    /** Writes all of {@code b} at {@code at}, or at the end ({@code at < 0}), advancing the end position. */
    private void writeFully(ByteBuffer b, long at) throws IOException {
        long pos = at < 0 ? position : at;
        while (b.hasRemaining()) {
            pos += out.write(b, pos);
        }
        if (at < 0 || pos > position) {
            position = Math.max(position, pos);
        }
    }
}
