package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Test-only access to the shared real data sets: a minimal N-MNIST record decoder and MNIST IDX loader, kept here so
 * emulator tests do not depend on the reader branch. Main code uses the project's readers.
 */
final class RealData {
    private RealData() {
    }

    static EventStream readNmnist(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int n = b.length / 5;
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            int o = 5 * i;
            x[i] = (short) (b[o] & 0xFF);
            y[i] = (short) (b[o + 1] & 0xFF);
            p[i] = (byte) ((b[o + 2] & 0xFF) >>> 7);
            t[i] = ((long) (b[o + 2] & 0x7F) << 16) | ((b[o + 3] & 0xFF) << 8) | (b[o + 4] & 0xFF);
        }
        return EventStream.of(34, 34, t, x, y, p);
    }

    /** The first {@code count} MNIST training images, 784 unsigned bytes each. */
    static byte[][] mnistTrainImages(Path mnistDir, int count) throws IOException {
        try (InputStream raw = Files.newInputStream(mnistDir.resolve("train-images-idx3-ubyte.gz"));
             DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
            if (in.readInt() != 0x803) {
                throw new IOException("not an IDX image file");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[][] images = new byte[Math.min(n, count)][rows * cols];
            for (byte[] image : images) {
                in.readFully(image);
            }
            return images;
        }
    }
}
