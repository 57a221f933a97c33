package io.snn4j.data.aedat;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Builds small AEDAT 4.0 files in memory for tests, with hand-laid FlatBuffers (layouts in the comments), so the
 * expected bytes are known exactly.
 */
@SuppressWarnings("ByteBufferBackingArray") // every buffer here comes from le(), a heap ByteBuffer.allocate
final class Aedat4Files {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int compression;

    /** Starts a file: version line, IOHeader with {@code compression} and the info XML; no data table. */
    Aedat4Files(int compression, String infoXml) {
        this.compression = compression;
        out.writeBytes(Aedat4Reader.VERSION_LINE.getBytes(StandardCharsets.US_ASCII));
        byte[] header = ioHeader(compression, -1, infoXml);
        out.writeBytes(le(4).putInt(header.length).array());
        out.writeBytes(header);
    }

    /** XML naming stream 0 as EVTS (width x height) and stream 1 as IMUS. */
    static String info(int width, int height) {
        return "<dv version=\"2.0\"><node name=\"outInfo\" path=\"/outInfo/\">"
                + "<node name=\"0\" path=\"/outInfo/0/\"><attr key=\"typeIdentifier\" type=\"string\">EVTS</attr>"
                + "<node name=\"info\" path=\"/outInfo/0/info/\"><attr key=\"sizeX\" type=\"int\">" + width
                + "</attr><attr key=\"sizeY\" type=\"int\">" + height + "</attr></node></node>"
                + "<node name=\"1\" path=\"/outInfo/1/\"><attr key=\"typeIdentifier\" type=\"string\">IMUS</attr>"
                + "</node></node></dv>";
    }

    /**
     * IOHeader FlatBuffer:
     * <pre>
     * 0  uint32 root = 20       4  "IOHE"
     * 8  vtable: uint16 10, uint16 20, field0 4, field1 8, field2 16     (18..19 padding)
     * 20 table: int32 soffset 12 (vtable at 8); +4 int32 compression; +8 int64 dataTablePosition;
     *           +16 uoffset 4 (string at 40)
     * 40 uint32 length, UTF-8 bytes, 0
     * </pre>
     */
    static byte[] ioHeader(int compression, long dataTablePosition, String xml) {
        byte[] text = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = le(44 + text.length + 1);
        b.putInt(0, 20);
        b.put(4, "IOHE".getBytes(StandardCharsets.US_ASCII));
        b.putShort(8, (short) 10).putShort(10, (short) 20).putShort(12, (short) 4).putShort(14, (short) 8)
                .putShort(16, (short) 16);
        b.putInt(20, 12).putInt(24, compression).putLong(28, dataTablePosition).putInt(36, 4);
        b.putInt(40, text.length);
        b.put(44, text);
        return b.array();
    }

    /**
     * EVTS payload (size-prefixed FlatBuffer) of events {t[i], x[i], y[i], on[i]}:
     * <pre>
     * 0  uint32 size of the rest   4  uint32 root = 16 (table at 20)   8  "EVTS"
     * 12 vtable: uint16 6, uint16 8, field0 4                           (18..19 padding)
     * 20 table: int32 soffset 8 (vtable at 12); +4 uoffset 8 (vector at 32)      28 padding
     * 32 uint32 count, then 16-byte events: int64 t, int16 x, int16 y, uint8 on, 3 padding
     * </pre>
     */
    static byte[] eventPacket(long[] t, int[] x, int[] y, boolean[] on) {
        ByteBuffer b = le(36 + 16 * t.length);
        b.putInt(0, b.capacity() - 4).putInt(4, 16);
        b.put(8, "EVTS".getBytes(StandardCharsets.US_ASCII));
        b.putShort(12, (short) 6).putShort(14, (short) 8).putShort(16, (short) 4);
        b.putInt(20, 8).putInt(24, 8);
        b.putInt(32, t.length);
        for (int i = 0; i < t.length; i++) {
            int p = 36 + 16 * i;
            b.putLong(p, t[i]).putShort(p + 8, (short) x[i]).putShort(p + 10, (short) y[i]);
            b.put(p + 12, on[i] ? (byte) 1 : 0);
        }
        return b.array();
    }

    /** An IMUS-like payload: size prefix, root, identifier and an empty table; its content is never decoded. */
    static byte[] imuPacket() {
        ByteBuffer b = le(24);
        b.putInt(0, 20).putInt(4, 12);
        b.put(8, "IMUS".getBytes(StandardCharsets.US_ASCII));
        b.putShort(12, (short) 4).putShort(14, (short) 4);
        b.putInt(16, 4);
        return b.array();
    }

    /** Appends a packet, compressing the payload as the header says. */
    Aedat4Files packet(int streamId, byte[] payload) {
        return rawPacket(streamId, compress(payload, compression));
    }

    /** Appends a packet whose stored bytes are exactly {@code stored}. */
    Aedat4Files rawPacket(int streamId, byte[] stored) {
        out.writeBytes(le(8).putInt(streamId).putInt(stored.length).array());
        out.writeBytes(stored);
        return this;
    }

    /** Appends arbitrary bytes (e.g. a truncated packet header). */
    Aedat4Files bytes(byte[] raw) {
        out.writeBytes(raw);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    static byte[] compress(byte[] payload, int compression) {
        try {
            switch (compression) {
                case 0:
                    return payload;
                case 1:
                case 2: {
                    ByteArrayOutputStream bos = new ByteArrayOutputStream();
                    try (LZ4FrameOutputStream lz = new LZ4FrameOutputStream(bos)) {
                        lz.write(payload);
                    }
                    return bos.toByteArray();
                }
                case 3:
                case 4:
                    return Zstd.compress(payload);
                default:
                    throw new IllegalArgumentException("compression " + compression);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
