package io.snn4j.report;

import io.snn4j.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The last Adam update of a run ({@code report/last-step.bin}): per trainable layer, the weights after minus the
 * weights before, in the layout of the model's projections (dense target-major, conv2d (out, in, kernel, kernel),
 * pooling empty). Big-endian:
 * <pre>
 *  offset  size    field
 *  0       8       magic, ASCII "SNN4JSTP"
 *  8       4       format version, int32 = 1
 *  12      4       epoch of the update (0-based), int32 &gt;= 0
 *  16      4       layer count L, int32 in [0, 4096]
 *  20      ...     L times: int32 length n &gt;= 0, then n float32
 * </pre>
 * The file ends right after the last layer. Stateless.
 */
public final class StepFile {
    static final byte[] MAGIC = "SNN4JSTP".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_LAYERS = 4096;

    /** A step as read back. */
    public record Step(int epoch, float[][] layers) {
    }

    private StepFile() {
    }

    /** Writes {@code step} (read) atomically. */
    public static void write(Path file, int epoch, float[][] step) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16));
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(epoch);
            out.writeInt(step.length);
            for (float[] layer : step) {
                out.writeInt(layer.length);
                for (float x : layer) {
                    out.writeFloat(x);
                }
            }
            out.flush();
        });
    }

    /**
     * Reads a step file.
     *
     * @throws IOException naming the file, the byte offset and the problem when it is not a complete version-1 file
     */
    public static Step read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE) {
            throw new IOException(file + ": " + size + " bytes, larger than any step file can be");
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 20) {
            throw new IOException(file + ": truncated header: " + b.remaining() + " bytes, need 20");
        }
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + ": offset 0: not a step file (magic must be \"SNN4JSTP\")");
        }
        int version = b.getInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + ": offset 8: format version " + version + " is not supported (this code "
                    + "reads " + FORMAT_VERSION + ")");
        }
        int epoch = b.getInt();
        if (epoch < 0) {
            throw new IOException(file + ": offset 12: epoch must be >= 0, was " + epoch);
        }
        int layers = b.getInt();
        if (layers < 0 || layers > MAX_LAYERS) {
            throw new IOException(file + ": offset 16: layer count must be in [0, " + MAX_LAYERS + "], was " + layers);
        }
        float[][] step = new float[layers][];
        for (int k = 0; k < layers; k++) {
            int at = b.position();
            if (b.remaining() < 4) {
                throw new IOException(file + ": offset " + at + ": truncated before the length of layer " + k);
            }
            int n = b.getInt();
            if (n < 0 || (long) n * 4 > b.remaining()) {
                throw new IOException(file + ": offset " + at + ": layer " + k + " length " + n + " needs "
                        + 4L * n + " bytes, " + b.remaining() + " remain");
            }
            step[k] = new float[n];
            b.asFloatBuffer().get(step[k]);
            b.position(b.position() + 4 * n);
            for (int x = 0; x < n; x++) {
                if (!Float.isFinite(step[k][x])) {
                    throw new IOException(file + ": offset " + (at + 4 + 4L * x) + ": layer " + k + " value " + x
                            + " is " + step[k][x]);
                }
            }
        }
        if (b.hasRemaining()) {
            throw new IOException(file + ": offset " + b.position() + ": " + b.remaining()
                    + " bytes after the last layer");
        }
        return new Step(epoch, step);
    }
}
