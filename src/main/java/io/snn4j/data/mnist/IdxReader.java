package io.snn4j.data.mnist;

import io.snn4j.data.MalformedDataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads MNIST-style IDX files, raw or gzip-compressed (detected by the gzip magic {@code 1f 8b}):
 * <pre>
 * images (magic 2051 = 00 00 08 03)        labels (magic 2049 = 00 00 08 01)
 * offset 0   uint32 magic                  offset 0  uint32 magic
 * offset 4   uint32 count                  offset 4  uint32 count
 * offset 8   uint32 rows                   offset 8  uint8[count] labels
 * offset 12  uint32 cols
 * offset 16  uint8[count * rows * cols] pixels, image-major, row-major
 * </pre>
 * All integers are big-endian. Size fields are checked against the bytes actually present before anything large is
 * allocated: for a raw file against its size, for a gzip file by growing the buffer only as decompressed data arrives.
 * Errors are {@link MalformedDataException}s naming the file and the byte offset (in the decompressed data for gzip
 * files). Stateless and thread-safe.
 */
public final class IdxReader {
    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x0801;
    /** Largest accepted image side, in pixels. */
    public static final int MAX_SIDE = 4096;

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /**
     * Reads the magic number of an IDX file (decompressing if needed), or returns -1 when the file is shorter than 4
     * bytes or is a corrupt gzip stream. For format detection; does not validate the rest.
     */
    public static int magic(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            byte[] b = new byte[4];
            int n = in.readNBytes(b, 0, 4);
            if (n < 4) {
                return -1;
            }
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        } catch (ZipException | EOFException e) {
            return -1;
        }
    }

    /**
     * Reads an image file (magic 2051).
     *
     * @throws MalformedDataException wrong magic, dimensions of 0 or above {@value #MAX_SIDE}, a declared size larger
     *                                than the data, trailing bytes, corrupt gzip data
     */
    public static IdxImages readImages(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            int magic = in.readHeaderInt(0);
            if (magic != IMAGES_MAGIC) {
                throw new MalformedDataException(in.name, 0, "not an IDX image file: magic must be " + IMAGES_MAGIC
                        + " (0x00000803), was " + magic + describeMagic(magic));
            }
            long count = in.readHeaderInt(4) & 0xFFFFFFFFL;
            long rows = in.readHeaderInt(8) & 0xFFFFFFFFL;
            long cols = in.readHeaderInt(12) & 0xFFFFFFFFL;
            if (rows < 1 || rows > MAX_SIDE || cols < 1 || cols > MAX_SIDE) {
                throw new MalformedDataException(in.name, 8, "image size must be 1.." + MAX_SIDE + " on each side, was "
                        + rows + " x " + cols);
            }
            long bytes = count * rows * cols;
            if (bytes > MAX_ARRAY) {
                throw new MalformedDataException(in.name, 4, "header declares " + count + " images of " + rows + " x "
                        + cols + " = " + bytes + " bytes, more than one array can hold (" + MAX_ARRAY + ")");
            }
            byte[] pixels = in.readPayload(16, (int) bytes, count + " images of " + rows + " x " + cols);
            return new IdxImages((int) count, (int) rows, (int) cols, pixels);
        }
    }

    /**
     * Reads a label file (magic 2049); values are returned as stored (0..255 as unsigned bytes).
     *
     * @return one byte per label (a new array, owned by the caller)
     * @throws MalformedDataException wrong magic, a count larger than the data, trailing bytes, corrupt gzip data
     */
    public static byte[] readLabels(Path file) throws IOException {
        try (Source in = Source.open(file)) {
            int magic = in.readHeaderInt(0);
            if (magic != LABELS_MAGIC) {
                throw new MalformedDataException(in.name, 0, "not an IDX label file: magic must be " + LABELS_MAGIC
                        + " (0x00000801), was " + magic + describeMagic(magic));
            }
            long count = in.readHeaderInt(4) & 0xFFFFFFFFL;
            if (count > MAX_ARRAY) {
                throw new MalformedDataException(in.name, 4, "header declares " + count
                        + " labels, more than one array can hold (" + MAX_ARRAY + ")");
            }
            return in.readPayload(8, (int) count, count + " labels");
        }
    }

    private static String describeMagic(int magic) {
        return magic == IMAGES_MAGIC ? " (an image file)" : magic == LABELS_MAGIC ? " (a label file)" : "";
    }

    /** A file opened as raw or gunzipped bytes, tracking the offset in the (decompressed) data. */
    private static final class Source implements AutoCloseable {
        final String name;
        final InputStream in;
        final boolean gzip;
        final long rawSize;
        long offset;

        private Source(String name, InputStream in, boolean gzip, long rawSize) {
            this.name = name;
            this.in = in;
            this.gzip = gzip;
            this.rawSize = rawSize;
        }

        static Source open(Path file) throws IOException {
            long size = Files.size(file);
            BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                buffered.mark(2);
                int b0 = buffered.read();
                int b1 = buffered.read();
                buffered.reset();
                boolean gzip = b0 == 0x1f && b1 == 0x8b;
                InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
                return new Source(file.toString(), in, gzip, size);
            } catch (ZipException | EOFException e) {
                buffered.close();
                throw new MalformedDataException(file.toString(), 0, "corrupt gzip header: " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                buffered.close();
                throw e;
            }
        }

        int readNBytes(byte[] dst, int from, int len) throws IOException {
            int n = in.readNBytes(dst, from, len);
            offset += n;
            return n;
        }

        int readHeaderInt(int at) throws IOException {
            assert at == offset;
            byte[] b = new byte[4];
            int n;
            try {
                n = readNBytes(b, 0, 4);
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
            if (n < 4) {
                throw new MalformedDataException(name, offset, "file ends inside the IDX header ("
                        + offset + " bytes" + (gzip ? " after decompression" : "") + ")");
            }
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }

        byte[] readPayload(int headerBytes, int declared, String what) throws IOException {
            if (!gzip && declared > rawSize - headerBytes) {
                throw new MalformedDataException(name, headerBytes, "header declares " + what + " = " + declared
                        + " bytes, but only " + (rawSize - headerBytes) + " bytes follow the header");
            }
            byte[] buf = new byte[gzip ? Math.min(declared, 1 << 20) : declared];
            int filled = 0;
            try {
                while (filled < declared) {
                    if (filled == buf.length) {
                        buf = Arrays.copyOf(buf, (int) Math.min(declared, 2L * buf.length));
                    }
                    int n = readNBytes(buf, filled, buf.length - filled);
                    if (n == 0) {
                        throw new MalformedDataException(name, offset, "header declares " + what + " = " + declared
                                + " bytes, but the data ends after " + filled + " bytes"
                                + (gzip ? " (offset in the decompressed data)" : ""));
                    }
                    filled += n;
                }
                if (in.read() >= 0) {
                    throw new MalformedDataException(name, offset, "unexpected bytes after the " + what
                            + " declared in the header" + (gzip ? " (offset in the decompressed data)" : ""));
                }
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
            return buf;
        }

        private MalformedDataException corrupt(IOException e) {
            return new MalformedDataException(name, offset, "corrupt gzip data after " + offset
                    + " decompressed bytes: " + e.getMessage(), e);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
