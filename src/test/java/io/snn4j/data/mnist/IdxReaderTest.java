package io.snn4j.data.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.MalformedDataException;
import io.snn4j.testing.SharedDatasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    static byte[] header(int... ints) {
        ByteBuffer b = ByteBuffer.allocate(4 * ints.length); // big-endian by default
        for (int v : ints) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    /** Two 2 x 3 images; pixel (i, r, c) = 10 * i + 3 * r + c, with 255 at image 1 row 1 col 2. */
    static byte[] tinyImages() {
        byte[] pixels = new byte[12];
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    pixels[(i * 2 + r) * 3 + c] = (byte) (10 * i + 3 * r + c);
                }
            }
        }
        pixels[11] = (byte) 255;
        return concat(header(2051, 2, 2, 3), pixels);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void readsTinyRawAndGzipImagesAlike() throws IOException {
        for (Path f : new Path[] {write("img.idx", tinyImages()), write("img.idx.gz", gzip(tinyImages()))}) {
            IdxImages images = IdxReader.readImages(f);
            assertEquals(2, images.count());
            assertEquals(2, images.rows());
            assertEquals(3, images.cols());
            assertEquals(0, images.pixel(0, 0, 0));
            assertEquals(5, images.pixel(0, 1, 2)); // 3 * 1 + 2
            assertEquals(11, images.pixel(1, 0, 1)); // 10 + 1
            assertEquals(255, images.pixel(1, 1, 2)); // unsigned
            byte[] second = new byte[6];
            images.copyImage(1, second, 0);
            assertArrayEquals(new byte[] {10, 11, 12, 13, 14, (byte) 255}, second);
            assertEquals(IdxReader.IMAGES_MAGIC, IdxReader.magic(f));
        }
    }

    @Test
    void readsTinyLabels() throws IOException {
        byte[] raw = concat(header(2049, 4), new byte[] {5, 0, 4, 1});
        assertArrayEquals(new byte[] {5, 0, 4, 1}, IdxReader.readLabels(write("l.idx", raw)));
        assertArrayEquals(new byte[] {5, 0, 4, 1}, IdxReader.readLabels(write("l.idx.gz", gzip(raw))));
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path labels = write("labels.idx", concat(header(2049, 1), new byte[] {3}));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(labels));
        assertMessage(e, "labels.idx", "byte 0", "2051", "was 2049");
        Path images = write("images.idx", tinyImages());
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(images));
        assertMessage(e, "images.idx", "byte 0", "2049", "was 2051");
    }

    @Test
    void rejectsCountLargerThanFileWithoutAllocating() throws IOException {
        // 2^31 - 1 images of 28 x 28 would need 1.7 TB: refused from the header alone
        Path huge = write("huge.idx", header(2051, Integer.MAX_VALUE, 28, 28));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(huge));
        assertMessage(e, "huge.idx", "byte 4", "more than one array");
        // 1000 images of 28 x 28 = 784,000 bytes declared, 10 present
        Path shortRaw = write("short.idx", concat(header(2051, 1000, 28, 28), new byte[10]));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(shortRaw));
        assertMessage(e, "short.idx", "byte 16", "784000", "only 10 bytes");
        // a label count of 2^31 - 20 with 3 bytes of data, gzip: the buffer grows only with data, never to 2 GB
        Path shortGz = write("short.idx.gz", gzip(concat(header(2049, Integer.MAX_VALUE - 20), new byte[3])));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(shortGz));
        assertMessage(e, "short.idx.gz", "byte 11", "ends after 3 bytes");
    }

    @Test
    void rejectsAbsurdImageSize() throws IOException {
        Path f = write("wide.idx", header(2051, 1, 1, 100_000));
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
        assertMessage(e, "wide.idx", "byte 8", "1 x 100000");
        Path zero = write("zero.idx", header(2051, 1, 0, 28));
        assertThrows(MalformedDataException.class, () -> IdxReader.readImages(zero));
    }

    @Test
    void rejectsTruncatedHeaderAndTrailingBytes() throws IOException {
        Path f = write("trunc.idx", new byte[] {0, 0, 8, 3, 0, 0});
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
        assertMessage(e, "trunc.idx", "header");
        Path g = write("extra.idx", concat(header(2049, 2), new byte[] {1, 2, 3}));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readLabels(g));
        assertMessage(e, "extra.idx", "byte 10", "unexpected bytes");
    }

    @Test
    void corruptGzipIsReportedWithTheFileName() throws IOException {
        byte[] gz = gzip(tinyImages());
        byte[] corrupt = gz.clone();
        corrupt[10] = (byte) 0xFF; // first deflate block header: BTYPE = 11, a reserved (invalid) block type
        Path f = write("corrupt.idx.gz", corrupt);
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(f));
        assertMessage(e, "corrupt.idx.gz", "corrupt gzip");
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 8] ^= 0x01; // CRC-32 in the gzip trailer no longer matches the data
        Path crc = write("crc.idx.gz", badCrc);
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(crc));
        assertMessage(e, "crc.idx.gz", "corrupt gzip");
        Path cut = write("cut.idx.gz", Arrays.copyOf(gz, gz.length / 2));
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(cut));
        assertMessage(e, "cut.idx.gz");
        Path headerOnly = write("hdr.idx.gz", new byte[] {0x1f, (byte) 0x8b, 8});
        e = assertThrows(MalformedDataException.class, () -> IdxReader.readImages(headerOnly));
        assertMessage(e, "hdr.idx.gz", "byte 0", "gzip");
    }

    @Test
    @Tag("slow")
    void readsRealMnistTrainAndTest() throws IOException {
        Path dir = SharedDatasets.require("mnist");
        // counts and first labels from mnist/README.md
        checkSplit(dir, "train", 60_000, new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                new byte[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4});
        checkSplit(dir, "t10k", 10_000, new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                new byte[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9});
    }

    private static void checkSplit(Path dir, String prefix, int count, int[] classCounts, byte[] firstLabels)
            throws IOException {
        IdxImages images = IdxReader.readImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
        assertEquals(count, images.count());
        assertEquals(28, images.rows());
        assertEquals(28, images.cols());
        byte[] labels = IdxReader.readLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
        assertEquals(count, labels.length);
        int[] hist = new int[10];
        for (byte label : labels) {
            assertTrue(label >= 0 && label <= 9, "label " + label);
            hist[label]++;
        }
        assertArrayEquals(classCounts, hist);
        assertArrayEquals(firstLabels, Arrays.copyOf(labels, 10));
        int maxPixel = 0;
        for (int c = 0; c < 28; c++) {
            maxPixel = Math.max(maxPixel, images.pixel(0, 14, c));
        }
        assertTrue(maxPixel > 0, "the first digit has ink on its middle row");
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }
}
