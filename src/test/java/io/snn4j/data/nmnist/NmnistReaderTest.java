package io.snn4j.data.nmnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventFile;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventStream;
import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistReaderTest {
    @TempDir
    Path tmp;

    /** One 5-byte record: x, y, polarity bit, 23-bit timestamp. */
    static byte[] record(int x, int y, int polarity, int timestampUs) {
        return new byte[] {(byte) x, (byte) y, (byte) ((polarity << 7) | ((timestampUs >>> 16) & 0x7F)),
                (byte) (timestampUs >>> 8), (byte) timestampUs};
    }

    static byte[] concat(byte[]... records) {
        int n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] r : records) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void decodesHandComputedRecord() throws IOException {
        // 0x05 0x07 0x80 0x01 0x02: x = 5, y = 7, bit 23 set = ON, t = 0x00_01_02 = 258 us
        Path f = write("one.bin", new byte[] {0x05, 0x07, (byte) 0x80, 0x01, 0x02});
        EventFile file = new NmnistReader().read(f);
        EventStream s = file.events();
        assertEquals(EventFormat.NMNIST, file.format());
        assertEquals(1, s.size());
        assertEquals(5, s.x(0));
        assertEquals(7, s.y(0));
        assertEquals(1, s.polarity(0));
        assertEquals(258L, s.timestampUs(0));
        assertEquals(34, s.width());
        assertEquals(34, s.height());
        assertEquals(0, file.badRecordCount());
    }

    @Test
    void decodesOffEventAndLargestTimestamp() throws IOException {
        // 0x21 0x00 0x7F 0xFF 0xFF: x = 33, y = 0, bit 23 clear = OFF, t = 2^23 - 1 = 8,388,607 us
        Path f = write("max.bin", new byte[] {0x21, 0x00, 0x7F, (byte) 0xFF, (byte) 0xFF});
        EventStream s = new NmnistReader().read(f).events();
        assertEquals(33, s.x(0));
        assertEquals(0, s.y(0));
        assertEquals(0, s.polarity(0));
        assertEquals(8_388_607L, s.timestampUs(0));
    }

    @Test
    void emptyFileGivesEmptyStream() throws IOException {
        EventFile file = new NmnistReader().read(write("empty.bin", new byte[0]));
        assertEquals(0, file.events().size());
    }

    @Test
    void overflowMarkerAdds8192UsToLaterEventsAndIsNotAnEvent() throws IOException {
        byte[] bytes = concat(record(1, 2, 1, 8_000), record(0, 240, 0, 0), record(3, 4, 0, 100),
                record(0, 240, 0, 0), record(5, 6, 1, 50));
        EventStream s = new NmnistReader().read(write("ovf.bin", bytes)).events();
        assertEquals(3, s.size());
        assertEquals(8_000L, s.timestampUs(0));
        assertEquals(100L + 8_192L, s.timestampUs(1));
        assertEquals(50L + 2 * 8_192L, s.timestampUs(2));
        assertEquals(3, s.x(1));
        assertEquals(4, s.y(1));
    }

    @Test
    void rejectsSizeNotMultipleOfFive() throws IOException {
        byte[] bytes = concat(record(1, 1, 0, 1), record(2, 2, 1, 2), new byte[] {1, 2, 3});
        Path f = write("partial.bin", bytes);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new NmnistReader().read(f));
        assertEquals(10, e.byteOffset());
        assertMessage(e, "partial.bin", "byte 10", "13", "not a multiple of 5");
    }

    @Test
    void rejectsAddressOutsideSensor() throws IOException {
        Path f = write("x.bin", concat(record(1, 1, 0, 1), record(34, 1, 0, 2)));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new NmnistReader().read(f));
        assertEquals(5, e.byteOffset());
        assertMessage(e, "x.bin", "byte 5", "x = 34", "34 x 34");

        Path g = write("y.bin", concat(record(1, 1, 0, 1), record(2, 2, 0, 2), record(1, 200, 0, 3)));
        MalformedDataException e2 = assertThrows(MalformedDataException.class, () -> new NmnistReader().read(g));
        assertMessage(e2, "y.bin", "byte 10", "y = 200");
    }

    @Test
    void rejectsTimestampGoingBackwards() throws IOException {
        Path f = write("back.bin", concat(record(1, 1, 0, 500), record(2, 2, 0, 500), record(3, 3, 0, 499)));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> new NmnistReader().read(f));
        assertEquals(10, e.byteOffset());
        assertMessage(e, "back.bin", "byte 10", "499", "500", "backwards");
    }

    @Test
    void lenientReadingSkipsAndCountsBadRecords() throws IOException {
        byte[] bytes = concat(record(1, 1, 0, 500), record(40, 1, 0, 600), record(2, 2, 1, 400),
                record(3, 3, 1, 700), new byte[] {9, 9});
        EventFile file = new NmnistReader(true).read(write("bad.bin", bytes));
        assertEquals(3, file.badRecordCount()); // x = 40, t = 400 < 500, the 2-byte tail
        EventStream s = file.events();
        assertEquals(2, s.size());
        assertEquals(500L, s.timestampUs(0));
        assertEquals(700L, s.timestampUs(1));
        assertEquals(3, s.x(1));
    }

    @Test
    void customSensorSizeAcceptsLargerAddresses() throws IOException {
        EventStream s = new NmnistReader(240, 180, false).read(write("big.bin", record(239, 179, 1, 9))).events();
        assertEquals(239, s.x(0));
        assertEquals(179, s.y(0));
        assertThrows(IllegalArgumentException.class, () -> new NmnistReader(34, 241, false));
    }

    @Test
    void readsEventSamplesNmnistBin() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("nmnist_sample.bin");
        EventStream s = new NmnistReader().read(f).events();
        // counts from event-samples/README.md
        assertEquals(4_325, s.size());
        int on = 0;
        int maxX = 0;
        int maxY = 0;
        for (int i = 0; i < s.size(); i++) {
            on += s.polarity(i);
            maxX = Math.max(maxX, s.x(i));
            maxY = Math.max(maxY, s.y(i));
        }
        assertEquals(2_145, on);
        assertEquals(2_180, s.size() - on);
        assertEquals(654L, s.timestampUs(0));
        assertEquals(311_175L, s.timestampUs(s.size() - 1));
        assertTrue(maxX <= 33 && maxY <= 33);
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
