package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.MalformedDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DV network streams: the AEDAT 4.0 packet framing without the version line, with or without the leading IOHeader,
 * read from bytes laid out by hand ({@link Aedat4Files}), and written by {@link Aedat4StreamWriter}.
 */
class Aedat4NetworkTest {
    static final long[] T1 = {1_600_000_000_000_000L, 1_600_000_000_000_010L};
    static final int[] X1 = {3, 33};
    static final int[] Y1 = {0, 7};
    static final boolean[] ON1 = {true, false};
    static final long[] T2 = {1_600_000_000_000_020L};
    static final int[] X2 = {1};
    static final int[] Y2 = {2};
    static final boolean[] ON2 = {true};

    /** The file's bytes without the version line: what dv-processing's network writer sends. */
    static byte[] stream(Aedat4Files f) {
        byte[] b = f.toBytes();
        return Arrays.copyOfRange(b, Aedat4Reader.VERSION_LINE.length(), b.length);
    }

    static EventSource open(byte[] bytes, boolean header) throws IOException {
        return new Aedat4Reader(false).openNetwork(new ByteArrayInputStream(bytes), "tcp://test", header);
    }

    static EventFile readAll(byte[] bytes, boolean header) throws IOException {
        return EventSources.readAll(open(bytes, header));
    }

    @Test
    void aStreamWithAnIoHeaderGivesTheEventsOfTheDeclaredStreamAndSkipsTheImuStream() throws IOException {
        for (int compression : new int[] {0, 1, 3}) {
            Aedat4Files f = new Aedat4Files(compression, Aedat4Files.info(34, 34))
                    .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1))
                    .packet(1, Aedat4Files.imuPacket())
                    .packet(0, Aedat4Files.eventPacket(T2, X2, Y2, ON2));
            EventSource src = open(stream(f), true);
            assertEquals(34, src.width());
            EventFile e = EventSources.readAll(src);
            assertEquals(3, e.events().size(), "compression " + compression);
            assertArrayEquals(new long[] {T1[0], T1[1], T2[0]}, e.events().copyTimestampsUs());
            assertEquals(33, e.events().x(1));
            assertEquals(7, e.events().y(1));
            assertEquals(0, e.events().polarity(1));
            assertEquals(1, e.events().polarity(2));
            assertEquals(1, e.skippedPacketCount());
        }
    }

    @Test
    void aStreamWithoutIoHeaderReadsEvtsPacketsOfAnyStreamAndSkipsOtherDvTypes() throws IOException {
        byte[] withHeader = stream(new Aedat4Files(0, Aedat4Files.info(34, 34))
                .packet(5, Aedat4Files.eventPacket(T1, X1, Y1, ON1))
                .packet(2, Aedat4Files.imuPacket()));
        int headerSize = java.nio.ByteBuffer.wrap(withHeader, 0, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] bare = Arrays.copyOfRange(withHeader, 4 + headerSize, withHeader.length);
        EventSource src = open(bare, false);
        assertEquals(0, src.width());
        EventFile e = EventSources.readAll(src);
        assertArrayEquals(T1, e.events().copyTimestampsUs());
        assertEquals(1, e.skippedPacketCount());
    }

    @Test
    void randomBytesAreAClearErrorAtOffsetZeroWithOrWithoutHeader() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[3] = 0x55; // an int32 size far above the limit, whatever the other bytes
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> readAll(garbage, true));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("tcp://test") && e.getMessage().contains("IOHeader size"), e.getMessage());
        e = assertThrows(MalformedDataException.class, () -> readAll(garbage, false));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("a network packet may have"), e.getMessage());
    }

    @Test
    void aPacketOfAnUndeclaredStreamIsAnErrorNamingItsOffset() throws IOException {
        Aedat4Files f = new Aedat4Files(0, Aedat4Files.info(34, 34))
                .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1));
        int second = stream(f).length;
        f.packet(9, Aedat4Files.eventPacket(T2, X2, Y2, ON2));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> readAll(stream(f), true));
        assertEquals(second, e.byteOffset());
        assertTrue(e.getMessage().contains("packet of stream 9, which the IOHeader does not declare"), e.getMessage());
    }

    @Test
    void anUnknownFlatBufferIdentifierWithoutHeaderIsAnError() throws IOException {
        byte[] bad = Aedat4Files.eventPacket(T1, X1, Y1, ON1);
        System.arraycopy("XXXX".getBytes(StandardCharsets.US_ASCII), 0, bad, 8, 4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Aedat4Files.le(8).putInt(0).putInt(bad.length).array());
        out.writeBytes(bad);
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> readAll(out.toByteArray(), false));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("'XXXX' is none of DV's packet types"), e.getMessage());
    }

    @Test
    void aStreamCutInsideAPacketIsAnErrorButOneCutBetweenPacketsEndsCleanly() throws IOException {
        byte[] s = stream(new Aedat4Files(0, Aedat4Files.info(34, 34))
                .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1)));
        assertEquals(2, readAll(s, true).events().size());
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> readAll(Arrays.copyOf(s, s.length - 5), true));
        assertTrue(e.getMessage().contains("5 of"), e.getMessage());
    }

    @Test
    void theStreamWriterRoundTripsEveryCompressionAndPacketsLeaveOneByOne() throws IOException {
        long[] t = {10, 20, 30, 45, 50};
        short[] x = {0, 1, 33, 2, 5};
        short[] y = {0, 33, 1, 2, 6};
        byte[] p = {1, 0, 1, 1, 0};
        for (Aedat4Writer.Compression c : Aedat4Writer.Compression.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Aedat4StreamWriter w = new Aedat4StreamWriter(out, 34, 34, c, true, "test");
            w.writePacket(t, x, y, p, 0, 3);
            w.writePacket(t, x, y, p, 3, 5);
            assertEquals(out.size(), w.bytesWritten());
            EventSource src = open(out.toByteArray(), true);
            EventBatch b = new EventBatch(64, 1);
            int n = 0;
            while (src.read(b)) {
                for (int i = 0; i < b.size(); i++, n++) {
                    assertEquals(t[n], b.timestampsUs()[i]);
                    assertEquals(x[n], b.xs()[i]);
                    assertEquals(y[n], b.ys()[i]);
                    assertEquals(p[n], b.polarities()[i]);
                }
            }
            assertEquals(5, n, c.name());
        }
        ByteArrayOutputStream bare = new ByteArrayOutputStream();
        new Aedat4StreamWriter(bare, 34, 34, Aedat4Writer.Compression.NONE, false, "test")
                .writePacket(t, x, y, p, 0, 5);
        assertArrayEquals(t, readAll(bare.toByteArray(), false).events().copyTimestampsUs());
        assertThrows(IllegalArgumentException.class, () -> new Aedat4StreamWriter(new ByteArrayOutputStream(), 34, 34,
                Aedat4Writer.Compression.LZ4, false, "test"));
        Aedat4StreamWriter w = new Aedat4StreamWriter(new ByteArrayOutputStream(), 34, 34,
                Aedat4Writer.Compression.NONE, true, "test");
        short[] off = {34};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.writePacket(new long[] {1}, off, new short[] {0}, new byte[] {0}, 0, 1));
        assertTrue(e.getMessage().contains("(34, 0) outside the 34 x 34 sensor"), e.getMessage());
        assertFalse(e.getMessage().isEmpty());
    }
}
