package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Aedat31ReaderTest {
    @TempDir
    Path tmp;

    static final String HEADER = "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
            + "#Start-Time: 2017-01-01 10:00:00 (TZ+0100)\r\n#!END-HEADER\r\n";

    /** The 32-bit data word of a polarity event: bit 0 valid, bit 1 polarity, bits 2-16 y, bits 17-31 x. */
    static int word(int x, int y, int polarity, boolean valid) {
        return (x << 17) | (y << 2) | (polarity << 1) | (valid ? 1 : 0);
    }

    /** A packet: 28-byte header, then {@code words.length / 2} events of (data, timestamp). */
    static byte[] packet(int type, int source, int eventSize, int overflow, int capacity, int number, int... ints) {
        ByteBuffer b = ByteBuffer.allocate(28 + capacity * eventSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) type).putShort((short) source).putInt(eventSize).putInt(4).putInt(overflow)
                .putInt(capacity).putInt(number).putInt(number);
        for (int v : ints) {
            b.putInt(v);
        }
        return b.array();
    }

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return Files.write(tmp.resolve(name), out.toByteArray());
    }

    @Test
    void decodesPolarityPacketsAndSkipsOthers() throws IOException {
        Path f = write("g.aedat",
                packet(1, 1, 8, 0, 3, 3, word(5, 7, 1, true), 100, word(127, 0, 0, true), 150,
                        word(9, 9, 1, false), 160),
                packet(2, 1, 4, 0, 2, 2, 0, 0), // frame-type packet of 2 x 4 bytes: skipped
                packet(1, 1, 8, 1, 2, 1, word(0, 127, 0, true), 5, 0, 0)); // capacity 2, 1 filled; overflow 1
        EventFile file = new Aedat31Reader(false).read(f);
        EventStream s = file.events();
        assertEquals(EventFormat.AEDAT31, file.format());
        assertEquals(128, s.width()); // "#Source 1: DVS128"
        assertEquals(128, s.height());
        assertEquals(3, s.size()); // the event with valid bit 0 is left out
        assertEquals(5, s.x(0));
        assertEquals(7, s.y(0));
        assertEquals(1, s.polarity(0));
        assertEquals(100L, s.timestampUs(0));
        assertEquals(127, s.x(1));
        assertEquals(0, s.polarity(1));
        assertEquals((1L << 31) + 5, s.timestampUs(2)); // eventTSOverflow 1 << 31 | 5
        assertEquals(127, s.y(2));
        assertEquals(1, file.skippedPacketCount());
    }

    @Test
    void rejectsMalformedPacketsNamingFileAndOffset() throws IOException {
        int first = HEADER.length();
        Path past = write("past.aedat", packet(1, 1, 8, 0, 1, 1, word(1, 1, 1, true), 1),
                ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 1).putShort((short) 1)
                        .putInt(8).putInt(4).putInt(0).putInt(1000).putInt(1000).putInt(1000).array());
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> new Aedat31Reader(false).read(past));
        assertEquals(first + 36, e.byteOffset());
        assertMessage(e, "past.aedat", "byte " + (first + 36), "1000 events of 8 bytes", "past the end");

        Path size = write("size.aedat", packet(1, 1, 12, 0, 1, 1, word(1, 1, 1, true), 1, 0));
        e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(size));
        assertMessage(e, "size.aedat", "byte " + first, "eventSize must be 8, was 12");

        Path outside = write("outside.aedat", packet(1, 1, 8, 0, 1, 1, word(200, 1, 1, true), 1));
        e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(outside));
        assertMessage(e, "outside.aedat", "byte " + (first + 28), "x = 200", "128 x 128");
        EventFile lenient = new Aedat31Reader(true).read(outside);
        assertEquals(1, lenient.badRecordCount());
        assertEquals(0, lenient.events().size());

        Path truncated = write("trunc.aedat", new byte[10]);
        e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(truncated));
        assertMessage(e, "trunc.aedat", "byte " + first, "truncated packet header");

        Path noEnd = Files.writeString(tmp.resolve("noend.aedat"), "#!AER-DAT3.1\r\n#Format: RAW\r\n");
        e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(noEnd));
        assertMessage(e, "noend.aedat", "#!END-HEADER");

        Path v2 = Files.writeString(tmp.resolve("v2.aedat"), "#!AER-DAT2.0\r\n");
        e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(v2));
        assertMessage(e, "v2.aedat", "byte 0", "#!AER-DAT3.1", "#!AER-DAT2.0");
    }

    @Test
    void unknownChipTakesLargestAddressPlusOne() throws IOException {
        String header = "#!AER-DAT3.1\r\n#Source 0: SomeCamera\r\n#!END-HEADER\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(packet(1, 0, 8, 0, 2, 2, word(300, 20, 1, true), 1, word(4, 200, 0, true), 2));
        Path f = Files.write(tmp.resolve("other.aedat"), out.toByteArray());
        EventStream s = new Aedat31Reader(false).read(f).events();
        assertEquals(301, s.width());
        assertEquals(201, s.height());
    }

    @Test
    void sourceIdTooLongForAnIntAndAddress32767OfAnUnknownSensor() throws IOException {
        // Found by fuzzing: a '#Source' id of 20 digits threw NumberFormatException; an unknown sensor with
        // x = 32767 threw an IllegalArgumentException without the file name.
        byte[] header = "#!AER-DAT3.1\r\n#Source 12345678901234567890: DVS128\r\n#!END-HEADER\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Path f = Files.write(tmp.resolve("id.aedat"),
                concat(header, packet(1, 1, 8, 0, 1, 1, word(300, 9, 1, true), 7)));
        EventStream s = new Aedat31Reader(false).read(f).events();
        assertEquals(301, s.width()); // no known chip for source 1: the largest address plus one
        Path g = Files.write(tmp.resolve("wide.aedat"), concat(header,
                packet(1, 1, 8, 0, 1, 1, word(32767, 9, 1, true), 7)));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new Aedat31Reader(false).read(g));
        assertEquals(g + ": byte " + (header.length + 28) + ": event address (x = 32767, y = 9) outside the 32767 x "
                + "32767 an unnamed sensor may have", e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
