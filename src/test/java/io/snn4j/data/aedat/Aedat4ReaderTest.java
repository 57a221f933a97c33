package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Aedat4ReaderTest {
    @TempDir
    Path tmp;

    private static final long[] T1 = {1_000, 1_005, 1_010};
    private static final int[] X1 = {0, 319, 7};
    private static final int[] Y1 = {0, 239, 100};
    private static final boolean[] ON1 = {true, false, true};

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void decodesEventsUnderEveryCompression(int compression) throws IOException {
        byte[] file = new Aedat4Files(compression, Aedat4Files.info(320, 240))
                .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1))
                .packet(1, Aedat4Files.imuPacket())
                .packet(0, Aedat4Files.eventPacket(new long[] {2_000}, new int[] {1}, new int[] {2},
                        new boolean[] {false}))
                .toBytes();
        EventFile result = new Aedat4Reader(false).read(write("c" + compression + ".aedat4", file));
        EventStream s = result.events();
        assertEquals(EventFormat.AEDAT4, result.format());
        assertEquals(320, s.width());
        assertEquals(240, s.height());
        assertEquals(4, s.size());
        assertEquals(1, result.skippedPacketCount());
        assertEquals(0, result.badRecordCount());
        assertEquals(1_005L, s.timestampUs(1));
        assertEquals(319, s.x(1));
        assertEquals(239, s.y(1));
        assertEquals(0, s.polarity(1));
        assertEquals(1, s.polarity(2));
        assertEquals(2_000L, s.timestampUs(3));
        assertEquals(2, s.y(3));
    }

    @Test
    void sensorSizeFallsBackToLargestAddressWithoutInfoNode() throws IOException {
        byte[] file = new Aedat4Files(0, "").packet(5, Aedat4Files.eventPacket(T1, X1, Y1, ON1))
                .packet(6, Aedat4Files.imuPacket()).toBytes();
        EventFile result = new Aedat4Reader(false).read(write("noinfo.aedat4", file));
        assertEquals(320, result.events().width());
        assertEquals(240, result.events().height());
        assertEquals(3, result.events().size());
        assertEquals(1, result.skippedPacketCount());
    }

    @Test
    void rejectsMissingOrOtherVersionLine() throws IOException {
        Path junk = write("junk.aedat4", "hello, not an event file".getBytes(StandardCharsets.US_ASCII));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new Aedat4Reader(false).read(junk));
        assertMessage(e, "junk.aedat4", "byte 0", "missing AEDAT 4.0 version line");
        Path v3 = write("v3.aedat", "#!AER-DAT3.1\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII));
        e = assertThrows(MalformedDataException.class, () -> new Aedat4Reader(false).read(v3));
        assertMessage(e, "v3.aedat", "byte 0", "unsupported AEDAT version", "#!AER-DAT3.1");
        Path empty = write("empty.aedat4", new byte[0]);
        assertThrows(MalformedDataException.class, () -> new Aedat4Reader(false).read(empty));
    }

    @Test
    void rejectsUnknownCompression() throws IOException {
        byte[] file = new Aedat4Files(7, Aedat4Files.info(320, 240)).toBytes();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("comp.aedat4", file)));
        // IOHeader starts at 18; the compression field is at table + 4 = 24 within it
        assertMessage(e, "comp.aedat4", "byte 42", "unknown compression value 7");
    }

    @Test
    void rejectsPacketRunningPastEndOfFile() throws IOException {
        Aedat4Files builder = new Aedat4Files(0, Aedat4Files.info(320, 240))
                .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1));
        int secondPacket = builder.toBytes().length;
        byte[] file = builder.bytes(Aedat4Files.le(12).putInt(0).putInt(1_000).putInt(0).array()).toBytes();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("cut.aedat4", file)));
        assertEquals(secondPacket, e.byteOffset());
        assertMessage(e, "cut.aedat4", "byte " + secondPacket, "1000 bytes", "past the end of the file");

        byte[] halfHeader = new Aedat4Files(0, Aedat4Files.info(320, 240)).bytes(new byte[] {0, 0, 0}).toBytes();
        e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("half.aedat4", halfHeader)));
        assertMessage(e, "half.aedat4", "truncated packet header");
    }

    @Test
    void rejectsBadFlatBufferOffsets() throws IOException {
        byte[] payload = Aedat4Files.eventPacket(T1, X1, Y1, ON1);
        byte[] badVector = payload.clone();
        ByteBuffer.wrap(badVector).order(ByteOrder.LITTLE_ENDIAN).putInt(24, 1_000_000);
        Aedat4Files builder = new Aedat4Files(1, Aedat4Files.info(320, 240));
        int packetAt = builder.toBytes().length;
        byte[] file = builder.packet(0, badVector).toBytes();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("vec.aedat4", file)));
        assertEquals(packetAt, e.byteOffset());
        assertMessage(e, "vec.aedat4", "byte " + packetAt, "stream 0", "bad FlatBuffer offset", "byte 24");

        byte[] longCount = payload.clone();
        ByteBuffer.wrap(longCount).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 4);
        byte[] file2 = new Aedat4Files(0, Aedat4Files.info(320, 240)).packet(0, longCount).toBytes();
        e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("count.aedat4", file2)));
        assertMessage(e, "count.aedat4", "vector of 4 elements");

        byte[] badVtable = payload.clone();
        ByteBuffer.wrap(badVtable).order(ByteOrder.LITTLE_ENDIAN).putInt(20, -5_000);
        byte[] file3 = new Aedat4Files(0, Aedat4Files.info(320, 240)).packet(0, badVtable).toBytes();
        e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("vt.aedat4", file3)));
        assertMessage(e, "vt.aedat4", "vtable");

        byte[] header = Aedat4Files.ioHeader(1, -1, "");
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 9_999);
        byte[] file4 = concat(Aedat4Reader.VERSION_LINE.getBytes(StandardCharsets.US_ASCII),
                Aedat4Files.le(4).putInt(header.length).array(), header);
        e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("root.aedat4", file4)));
        assertMessage(e, "root.aedat4", "byte 18", "IOHeader", "bad FlatBuffer offset");
    }

    @Test
    void rejectsIdentifierThatDoesNotMatchStreamType() throws IOException {
        byte[] file = new Aedat4Files(0, Aedat4Files.info(320, 240)).packet(0, Aedat4Files.imuPacket()).toBytes();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("id.aedat4", file)));
        assertMessage(e, "id.aedat4", "'IMUS' does not match the stream type EVTS");
    }

    @Test
    void rejectsCorruptCompressedPayload() throws IOException {
        byte[] lz4 = Aedat4Files.compress(Aedat4Files.eventPacket(T1, X1, Y1, ON1), 1);
        byte[] broken = Arrays.copyOf(lz4, lz4.length - 6);
        byte[] file = new Aedat4Files(1, Aedat4Files.info(320, 240)).rawPacket(0, broken).toBytes();
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("lz4.aedat4", file)));
        assertMessage(e, "lz4.aedat4", "corrupt LZ4 payload");
        byte[] file2 = new Aedat4Files(3, Aedat4Files.info(320, 240)).rawPacket(0, new byte[] {1, 2, 3, 4, 5})
                .toBytes();
        e = assertThrows(MalformedDataException.class,
                () -> new Aedat4Reader(false).read(write("zstd.aedat4", file2)));
        assertMessage(e, "zstd.aedat4", "corrupt Zstd payload");
    }

    @Test
    void eventOutsideSensorThrowsOrIsCountedWhenLenient() throws IOException {
        byte[] file = new Aedat4Files(0, Aedat4Files.info(100, 101))
                .packet(0, Aedat4Files.eventPacket(T1, X1, Y1, ON1)).toBytes();
        Path f = write("outside.aedat4", file);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new Aedat4Reader(false).read(f));
        assertMessage(e, "outside.aedat4", "x = 319", "100 x 101");
        EventFile lenient = new Aedat4Reader(true).read(f);
        assertEquals(1, lenient.badRecordCount());
        assertEquals(2, lenient.events().size());
        assertEquals(7, lenient.events().x(1));
    }

    @Test
    void readsDvxplorerSampleWithReadmeCounts() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        EventFile result = new Aedat4Reader(false).read(f);
        EventStream s = result.events();
        // event-samples/README.md: 111,954 events, x 0..319, y 0..239, first t 1,605,537,493,718,345 us,
        // span 589,917 us; 59 IMUS packets besides 59 EVTS packets. Polarity: the Event struct's byte 12 ("on", a
        // bool; bytes 13..15 are all zero padding) is 1 in 55,023 events and 0 in 56,931. The README states the
        // opposite (56,931 ON); we follow the schema (on = true is ON) and assert the schema reading.
        assertEquals(111_954, s.size());
        assertEquals(320, s.width());
        assertEquals(240, s.height());
        int on = 0;
        int minX = Integer.MAX_VALUE;
        int maxX = 0;
        int minY = Integer.MAX_VALUE;
        int maxY = 0;
        for (int i = 0; i < s.size(); i++) {
            on += s.polarity(i);
            minX = Math.min(minX, s.x(i));
            maxX = Math.max(maxX, s.x(i));
            minY = Math.min(minY, s.y(i));
            maxY = Math.max(maxY, s.y(i));
            if (i > 0) {
                assertTrue(s.timestampUs(i) >= s.timestampUs(i - 1), "non-decreasing at " + i);
            }
        }
        assertEquals(55_023, on);
        assertEquals(56_931, s.size() - on);
        assertEquals(0, minX);
        assertEquals(319, maxX);
        assertEquals(0, minY);
        assertEquals(239, maxY);
        assertEquals(1_605_537_493_718_345L, s.timestampUs(0));
        assertEquals(589_917L, s.timestampUs(s.size() - 1) - s.timestampUs(0));
        assertEquals(59, result.skippedPacketCount());
        assertEquals(0, result.badRecordCount());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
