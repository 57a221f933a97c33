package io.snn4j.data.aedat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes polarity events as a DV network stream (read by {@link Aedat4Reader#openNetwork}): optionally
 * {@code int32 size} and the IOHeader FlatBuffer naming one {@code EVTS} stream (id 0) of the sensor size, then
 * packets {@code int32 streamId (0), int32 size, payload}, each payload a size-prefixed {@code EventPacket}
 * FlatBuffer (layout in {@link Aedat4Writer}) compressed as the IOHeader says. Without the IOHeader packets are never
 * compressed (a reader could not know). No version line and no data table: a stream has no end to point from. Each
 * {@link #writePacket} is flushed, so a packet leaves as soon as it is written. Not thread-safe.
 */
public final class Aedat4StreamWriter {
    private final OutputStream out;
    private final int width;
    private final int height;
    private final Aedat4Writer.Compression compression;
    private final byte[] payload = new byte[40 + 16 * Aedat4Writer.PACKET_EVENTS];
    private final ByteBuffer p = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] packetHeader = new byte[8];
    private final ByteBuffer h = ByteBuffer.wrap(packetHeader).order(ByteOrder.LITTLE_ENDIAN);
    private long bytes;

    /**
     * Writes the IOHeader when {@code ioHeader} is true.
     *
     * @throws IllegalArgumentException for a sensor size outside 1..32767, or compression without an IOHeader
     */
    public Aedat4StreamWriter(OutputStream out, int width, int height, Aedat4Writer.Compression compression,
                              boolean ioHeader, String sourceName) throws IOException {
        if (width < 1 || width > Short.MAX_VALUE || height < 1 || height > Short.MAX_VALUE) {
            throw new IllegalArgumentException("AEDAT 4.0 sensor size must be in 1..32767, was " + width + " x "
                    + height);
        }
        if (!ioHeader && compression != Aedat4Writer.Compression.NONE) {
            throw new IllegalArgumentException("a stream without an IOHeader cannot be compressed: the reader would "
                    + "not know");
        }
        this.out = out;
        this.width = width;
        this.height = height;
        this.compression = compression;
        if (ioHeader) {
            byte[] header = Aedat4Writer.ioHeader(compression.code, -1,
                    Aedat4Writer.infoXml(width, height, compression, sourceName));
            h.putInt(0, header.length);
            out.write(packetHeader, 0, 4);
            out.write(header);
            out.flush();
            bytes = 4L + header.length;
        }
    }

    /** Largest number of events one packet holds. */
    public static int maxPacketEvents() {
        return Aedat4Writer.PACKET_EVENTS;
    }

    /**
     * Writes events {@code [from, to)} of the arrays as one packet and flushes.
     *
     * @throws IllegalArgumentException for more than {@link #maxPacketEvents()} events or an address off the sensor
     */
    public void writePacket(long[] t, short[] xs, short[] ys, byte[] ps, int from, int to) throws IOException {
        int count = to - from;
        if (count < 0 || count > Aedat4Writer.PACKET_EVENTS) {
            throw new IllegalArgumentException("a packet holds 0.." + Aedat4Writer.PACKET_EVENTS + " events, was "
                    + count);
        }
        for (int i = from; i < to; i++) {
            int x = xs[i];
            int y = ys[i];
            if (x < 0 || x >= width || y < 0 || y >= height) {
                throw new IllegalArgumentException("AEDAT 4.0 stream: address (" + x + ", " + y + ") outside the "
                        + width + " x " + height + " sensor");
            }
            int o = 40 + 16 * (i - from);
            p.putLong(o, t[i]).putShort(o + 8, (short) x).putShort(o + 10, (short) y);
            p.putInt(o + 12, ps[i] != 0 ? 1 : 0);
        }
        int size = Aedat4Writer.evtsHeader(p, count);
        byte[] stored = compression == Aedat4Writer.Compression.NONE ? payload
                : Aedat4Writer.compress(compression, payload, size);
        int storedSize = compression == Aedat4Writer.Compression.NONE ? size : stored.length;
        h.putInt(0, 0).putInt(4, storedSize);
        out.write(packetHeader);
        out.write(stored, 0, storedSize);
        out.flush();
        bytes += 8L + storedSize;
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return bytes;
    }
}
