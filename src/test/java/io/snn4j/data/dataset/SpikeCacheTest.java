package io.snn4j.data.dataset;

import static io.snn4j.data.dataset.DatasetFixtures.assertSameSpikes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeCacheTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsLabelsAndSpikes() throws IOException {
        EventDataset ds = DatasetFixtures.nmnistLike(12, 3);
        Path file = dir.resolve("train.spk");
        SpikeCache.write(file, ds, 2);
        try (CachedDataset cached = SpikeCache.open(file)) {
            assertEquals(12, cached.size());
            assertEquals(2312, cached.channelCount());
            assertEquals(540, cached.tickCount());
            for (int i = 0; i < 12; i++) {
                assertEquals(ds.label(i), cached.label(i));
                assertSameSpikes(ds.load(i), cached.load(i));
            }
            assertTrue(cached.recordBytes(0) < 3 * ds.load(0).size(), "record bytes " + cached.recordBytes(0));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void roundTripsEdgeCases() throws IOException {
        // empty sample, tick 0 and channel 0, large gaps, several channels in one tick
        InputSpikes[] samples = {
            InputSpikes.empty(70_000),
            InputSpikes.of(70_000, new int[] {0, 0, 0, 5, 1_000_000}, new int[] {0, 1, 69_999, 0, 300}),
        };
        Dataset ds = new ListDataset(samples, new int[] {3, 0}, 70_000, 1_000_001);
        Path file = dir.resolve("edge.spk");
        SpikeCache.write(file, ds);
        try (CachedDataset cached = SpikeCache.open(file)) {
            assertEquals(3, cached.label(0));
            assertSameSpikes(samples[0], cached.load(0));
            assertSameSpikes(samples[1], cached.load(1));
        }
        SpikeCache.write(file, new ListDataset(new InputSpikes[0], new int[0], 1, 1));
        try (CachedDataset cached = SpikeCache.open(file)) {
            assertEquals(0, cached.size());
        }
    }

    @Test
    void writeRejectsSpikesBeyondTheTickCountAndLeavesNoFile() {
        Dataset bad = new ListDataset(new InputSpikes[] {InputSpikes.of(4, new int[] {9}, new int[] {1})},
                new int[] {0}, 4, 9);
        Path file = dir.resolve("bad.spk");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpikeCache.write(file, bad));
        assertEquals("spike cache: sample 0: tick must be < tickCount = 9, was 9", e.getMessage());
        assertTrue(Files.notExists(file));
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path file = validFile();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        CacheFormatException e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertTrue(e.getMessage().contains("past the end of the file"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());

        Files.write(file, Arrays.copyOf(bytes, 20));
        e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertEquals(file + " at byte 0: file has 20 bytes, shorter than the 32-byte header", e.getMessage());
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        Path file = validFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 'X';
        Files.write(file, bytes);
        CacheFormatException e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertEquals(0, e.byteOffset());
        assertTrue(e.getMessage().contains("magic must be \"SNN4JSPK\", was \"XNN4JSPK\""), e.getMessage());
    }

    @Test
    void newerVersionIsRejectedNamingBothVersions() throws IOException {
        Path file = validFile();
        patchInt(file, 8, 2);
        CacheFormatException e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertEquals(file + " at byte 8: format version 2 is newer than the newest supported version 1",
                e.getMessage());
    }

    @Test
    void hugeSampleCountIsRejectedBeforeAllocating() throws IOException {
        Path file = validFile();
        patchInt(file, 12, Integer.MAX_VALUE);
        CacheFormatException e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertEquals(12, e.byteOffset());
        assertTrue(e.getMessage().contains("but the file has only"), e.getMessage());
    }

    @Test
    void offsetPastEndIsRejected() throws IOException {
        Path file = validFile();
        // record 1's offset (index entry 1 at byte 32 + 8)
        patchLong(file, 40, Files.size(file) + 100);
        CacheFormatException e = assertThrows(CacheFormatException.class, () -> SpikeCache.open(file));
        assertEquals(40, e.byteOffset());
        assertTrue(e.getMessage().contains("offset of record 1 is"), e.getMessage());
        assertTrue(e.getMessage().contains("past the end of the file"), e.getMessage());
    }

    @Test
    void corruptRecordIsReportedOnLoad() throws IOException {
        Path file = validFile();
        long start;
        try (CachedDataset c = SpikeCache.open(file)) {
            start = SpikeCache.dataStart(c.size());
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) start] = (byte) 0xFF; // spike count varint now continues into the pairs: count too large
        bytes[(int) start + 1] = (byte) 0xFF;
        bytes[(int) start + 2] = (byte) 0x7F;
        Files.write(file, bytes);
        try (CachedDataset c = SpikeCache.open(file)) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> c.load(0));
            CacheFormatException cause = (CacheFormatException) e.getCause();
            assertEquals(start, cause.byteOffset());
            assertTrue(cause.getMessage().contains("record 0: spike count"), cause.getMessage());
        }
    }

    private Path validFile() throws IOException {
        Path file = dir.resolve("valid.spk");
        SpikeCache.write(file, DatasetFixtures.nmnistLike(3, 1));
        return file;
    }

    private static void patchInt(Path file, int at, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(at, value);
        Files.write(file, bytes);
    }

    private static void patchLong(Path file, int at, long value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putLong(at, value);
        Files.write(file, bytes);
    }

    /** A data set over given spikes. */
    private static final class ListDataset implements Dataset {
        private final InputSpikes[] samples;
        private final int[] labels;
        private final int channels;
        private final int ticks;

        ListDataset(InputSpikes[] samples, int[] labels, int channels, int ticks) {
            this.samples = samples;
            this.labels = labels;
            this.channels = channels;
            this.ticks = ticks;
        }

        @Override
        public int size() {
            return samples.length;
        }

        @Override
        public int label(int index) {
            return labels[index];
        }

        @Override
        public InputSpikes load(int index) {
            return samples[index];
        }

        @Override
        public int channelCount() {
            return channels;
        }

        @Override
        public int tickCount() {
            return ticks;
        }
    }
}
