package io.snn4j.data.nmnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NmnistWriterTest {

    private static EventStream stream(long[] t, int[] x, int[] y, int[] p, int size) {
        short[] xs = new short[x.length];
        short[] ys = new short[y.length];
        byte[] ps = new byte[p.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = (short) x[i];
            ys[i] = (short) y[i];
            ps[i] = (byte) p[i];
        }
        return EventStream.of(size, size, t, xs, ys, ps);
    }

    /** Decodes records exactly as the N-MNIST format description says (test-only, independent of the writer). */
    private static long[][] decode(byte[] b) {
        int n = b.length / 5;
        long[][] out = new long[4][n];
        for (int i = 0; i < n; i++) {
            int o = 5 * i;
            out[0][i] = ((long) (b[o + 2] & 0x7F) << 16) | ((b[o + 3] & 0xFF) << 8) | (b[o + 4] & 0xFF);
            out[1][i] = b[o] & 0xFF;
            out[2][i] = b[o + 1] & 0xFF;
            out[3][i] = (b[o + 2] & 0xFFL) >>> 7;
        }
        return out;
    }

    @Test
    void encodesOneEventAsTheDocumentedFiveBytes() {
        // x = 19, y = 14, ON, t = 0x01_02_03 us: bytes 19, 14, 0x80 | 0x01, 0x02, 0x03
        byte[] bytes = NmnistWriter.encode(stream(new long[] {0x010203}, new int[] {19}, new int[] {14},
                new int[] {1}, 34));
        assertArrayEquals(new byte[] {19, 14, (byte) 0x81, 0x02, 0x03}, bytes);
    }

    @Test
    void roundTripsHandBuiltStreamThroughAFile(@TempDir Path dir) throws IOException {
        long[] t = {0, 1, 255, 256, 65_535, 65_536, 4_000_000, NmnistWriter.MAX_TIMESTAMP_US};
        int[] x = {0, 33, 255, 7, 0, 200, 1, 128};
        int[] y = {0, 33, 0, 239, 9, 17, 238, 64};
        int[] p = {0, 1, 1, 0, 1, 0, 1, 0};
        Path file = dir.resolve("1.bin");
        NmnistWriter.write(stream(t, x, y, p, 256), file);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(5 * t.length, bytes.length);
        long[][] back = decode(bytes);
        for (int i = 0; i < t.length; i++) {
            assertEquals(t[i], back[0][i], "timestamp of event " + i);
            assertEquals(x[i], back[1][i], "x of event " + i);
            assertEquals(y[i], back[2][i], "y of event " + i);
            assertEquals(p[i], back[3][i], "polarity of event " + i);
        }
    }

    @Test
    void writesEmptyStreamAsEmptyFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.bin");
        NmnistWriter.write(stream(new long[0], new int[0], new int[0], new int[0], 34), file);
        assertEquals(0, Files.size(file));
    }

    @Test
    void replacesExistingFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("2.bin");
        Files.write(file, new byte[123]);
        NmnistWriter.write(stream(new long[] {5}, new int[] {1}, new int[] {2}, new int[] {1}, 34), file);
        assertEquals(5, Files.size(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void rejectsAddressAbove255() {
        EventStream s = stream(new long[] {0, 1}, new int[] {3, 256}, new int[] {0, 0}, new int[] {0, 1}, 300);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistWriter.encode(s));
        assertTrue(e.getMessage().contains("event 1") && e.getMessage().contains("(256, 0)"), e.getMessage());
    }

    @Test
    void rejectsRowsFromTheOverflowMarkerUp() {
        EventStream s = stream(new long[] {0}, new int[] {3}, new int[] {240}, new int[] {1}, 256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistWriter.encode(s));
        assertTrue(e.getMessage().contains("(3, 240)") && e.getMessage().contains("overflow"), e.getMessage());
    }

    @Test
    void roundTripsThroughTheProjectReader(@TempDir Path dir) throws IOException {
        long[] t = {3, 3, 70_000, 300_000};
        int[] x = {0, 33, 12, 5};
        int[] y = {33, 0, 12, 30};
        int[] p = {1, 0, 1, 0};
        EventStream written = stream(t, x, y, p, 34);
        Path file = dir.resolve("4.bin");
        NmnistWriter.write(written, file);
        EventStream read = new NmnistReader().read(file).events();
        assertArrayEquals(written.copyTimestampsUs(), read.copyTimestampsUs());
        assertArrayEquals(written.copyXs(), read.copyXs());
        assertArrayEquals(written.copyYs(), read.copyYs());
        assertArrayEquals(written.copyPolarities(), read.copyPolarities());
    }

    @Test
    void rejectsTimestampBeyond23Bits() {
        EventStream s = stream(new long[] {1L << 23}, new int[] {0}, new int[] {0}, new int[] {0}, 34);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistWriter.encode(s));
        assertTrue(e.getMessage().contains("8388608"), e.getMessage());
    }

    @Test
    void rejectsNegativeTimestamp() {
        EventStream s = stream(new long[] {-1}, new int[] {0}, new int[] {0}, new int[] {0}, 34);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistWriter.encode(s));
        assertTrue(e.getMessage().contains("was -1"), e.getMessage());
    }

    @Test
    void rejectsDecreasingTimestamps() {
        EventStream s = stream(new long[] {10, 9}, new int[] {0, 0}, new int[] {0, 0}, new int[] {0, 0}, 34);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NmnistWriter.encode(s));
        assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
    }

    @Test
    void writesNothingWhenStreamIsRejected(@TempDir Path dir) {
        Path file = dir.resolve("3.bin");
        EventStream s = stream(new long[] {-5}, new int[] {0}, new int[] {0}, new int[] {0}, 34);
        assertThrows(IllegalArgumentException.class, () -> NmnistWriter.write(s, file));
        assertFalse(Files.exists(file));
    }
}
