package io.snn4j.data.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFile;
import io.snn4j.data.EventStream;
import io.snn4j.io.AtomicFiles;
import io.snn4j.testing.SharedDatasets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class Aedat4WriterTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 12, 13, 100, 65_536, 65_537, 300_000})
    void lz4FramesWeWriteDecodeWithLz4JavaAndOurDecoder(int n) throws Exception {
        SplittableRandom r = new SplittableRandom(n);
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 3 == 0 ? r.nextInt(256) : (i / 7) % 5); // partly random, partly repetitive
        }
        byte[] frame = Lz4Frames.compress(data, n);
        byte[] viaLz4Java = new LZ4FrameInputStream(new ByteArrayInputStream(frame)).readAllBytes();
        assertArrayEquals(data, viaLz4Java);
        if (n > 0) {
            assertArrayEquals(data, Lz4Frames.decompress(frame, frame.length, n + 1));
        }
        if (n >= 65_536) {
            assertTrue(frame.length < 0.8 * n, "compressed " + n + " to " + frame.length);
        }
    }

    static EventStream sample(int n, int width, int height, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        long now = 1_605_537_493_718_345L;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(3);
            t[i] = now;
            x[i] = (short) r.nextInt(width);
            y[i] = (short) r.nextInt(height);
            p[i] = (byte) r.nextInt(2);
        }
        return EventStream.of(width, height, t, x, y, p);
    }

    static void write(Path file, EventStream s, Aedat4Writer.Compression c) throws IOException {
        AtomicFiles.writeChannel(file, ch -> {
            Aedat4Writer w = new Aedat4Writer(ch, s.width(), s.height(), c, "test");
            EventBatch b = new EventBatch(1000, 1);
            for (int i = 0; i < s.size(); i++) {
                if (b.remaining() == 0) {
                    w.write(b);
                    b.clear();
                }
                b.add(s.timestampUs(i), s.x(i), s.y(i), s.polarity(i));
            }
            w.write(b);
            w.finish();
        });
    }

    @ParameterizedTest
    @EnumSource(Aedat4Writer.Compression.class)
    void writtenFilesReadBackEventForEventWithADataTableOfEveryPacket(Aedat4Writer.Compression c, @TempDir Path dir)
            throws IOException {
        EventStream s = sample(20_000, 346, 260, 7); // 3 packets: 8192 + 8192 + 3616
        Path f = dir.resolve("w.aedat4");
        write(f, s, c);
        EventFile back = new Aedat4Reader(false).read(f);
        assertEquals(346, back.events().width());
        assertEquals(260, back.events().height());
        assertArrayEquals(s.copyTimestampsUs(), back.events().copyTimestampsUs());
        assertArrayEquals(s.copyXs(), back.events().copyXs());
        assertArrayEquals(s.copyYs(), back.events().copyYs());
        assertArrayEquals(s.copyPolarities(), back.events().copyPolarities());

        byte[] bytes = Files.readAllBytes(f);
        long[][] table = dataTable(bytes, c.code);
        assertEquals(3, table.length);
        long[] counts = {8192, 8192, 3616};
        int first = 0;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 3; i++) {
            int at = (int) table[i][0] - 8; // the offset names the payload, after the packet header
            assertEquals(0, le.getInt(at)); // stream id
            assertEquals(table[i][2], le.getInt(at + 4)); // packet size as stored
            assertEquals(counts[i], table[i][3]);
            assertEquals(s.timestampUs(first), table[i][4]);
            assertEquals(s.timestampUs(first + (int) counts[i] - 1), table[i][5]);
            first += (int) counts[i];
        }
    }

    @Test
    void refusesEventsOutsideTheSensorAndLeavesNoFile(@TempDir Path dir) {
        EventStream s = EventStream.of(10, 10, new long[] {1}, new short[] {9}, new short[] {9}, new byte[] {1});
        Path f = dir.resolve("small.aedat4");
        EventStream wide = EventStream.of(20, 10, new long[] {1}, new short[] {15}, new short[] {9}, new byte[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                AtomicFiles.writeChannel(f, ch -> {
                    Aedat4Writer w = new Aedat4Writer(ch, s.width(), s.height(), Aedat4Writer.Compression.LZ4, "t");
                    EventBatch b = new EventBatch(64, 1);
                    b.add(wide.timestampUs(0), wide.x(0), wide.y(0), wide.polarity(0));
                    w.write(b);
                }));
        assertTrue(e.getMessage().contains("event 0: address (15, 9) outside the 10 x 10 sensor"), e.getMessage());
        assertTrue(Files.notExists(f));
    }

    /** DV's own file: its data table has the layout our writer uses (the independent reference for that layout). */
    @Test
    void theDvSamplesDataTableHasTheLayoutWeWrite() throws IOException {
        Path f = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        byte[] bytes = Files.readAllBytes(f);
        long[][] table = dataTable(bytes, 1);
        assertEquals(118, table.length); // the README: 118 packets, 59 EVTS (stream 0) and 59 IMUS (stream 2)
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long events = 0;
        for (long[] e : table) {
            assertEquals(e[1], le.getInt((int) e[0] - 8)); // the offset names the payload, after the packet header
            assertEquals(e[2], le.getInt((int) e[0] - 4));
            if (e[1] == 0) {
                events += e[3];
            }
        }
        assertEquals(111_954, events);
        assertEquals(59, Arrays.stream(table).filter(e -> e[1] == 2).count());
    }

    /**
     * The FTAB entries of an AEDAT 4.0 file as {byteOffset, streamId, size, numElements, tStart, tEnd}, read with the
     * bounds-checked FlatBuffer view through the schema's field indices (not our writer's fixed offsets).
     */
    static long[][] dataTable(byte[] file, int compression) throws IOException {
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = le.getInt(14);
        Aedat4Reader.IoHeader h = Aedat4Reader.IoHeader.parse(Arrays.copyOfRange(file, 18, 18 + headerSize), "t", 18);
        int at = (int) h.dataTablePosition();
        byte[] stored = Arrays.copyOfRange(file, at, file.length);
        byte[] raw;
        try {
            raw = compression == 0 ? stored : compression <= 2 ? Lz4Frames.decompress(stored, stored.length, 1 << 24)
                    : com.github.luben.zstd.Zstd.decompress(stored, 1 << 24);
        } catch (Lz4Frames.Lz4FormatException e) {
            throw new IOException(e);
        }
        FlatBufferView fb = new FlatBufferView(raw, raw.length, "t", at, "table");
        assertEquals("FTAB", fb.identifier(4));
        int root = fb.deref(4);
        int[] count = new int[1];
        int vec = fb.vectorStart(fb.field(root, 0), 4, count);
        long[][] out = new long[count[0]][];
        for (int i = 0; i < count[0]; i++) {
            int def = fb.deref(vec + 4 * i);
            int info = fb.field(def, 1);
            out[i] = new long[] {fb.int64(fb.field(def, 0)), fb.int32(info), fb.int32(info + 4),
                fb.int64(fb.field(def, 2)), fb.int64(fb.field(def, 3)), fb.int64(fb.field(def, 4))};
        }
        return out;
    }
}
