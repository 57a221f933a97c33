package io.snn4j.data.dataset;

import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.nio.ByteBuffer;
import io.snn4j.io.AtomicFiles;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * On-disk cache of preprocessed samples (labels and binned {@link InputSpikes}), written once and read with random
 * access, so a data set larger than memory streams from disk and no event reader or transform runs again.
 *
 * <h2>Format version 1</h2>
 * All fixed-width integers are big-endian. N = sample count.
 * <pre>
 *  offset            size      field
 *  0                 8         magic, ASCII "SNN4JSPK"
 *  8                 4         format version, uint32 = 1
 *  12                4         sample count N, int32 &gt;= 0
 *  16                4         channel count C, int32 &gt;= 0 (every channel &lt; C)
 *  20                4         tick count T, int32 &gt;= 0 (every tick &lt; T)
 *  24                8         reserved, zero
 *  32                8 (N+1)   offset index: int64 absolute file offset of record i, i = 0..N-1, then the file length;
 *                              offset[0] = data start, non-decreasing, offset[N] = file length
 *  32 + 8 (N+1)      4 N       labels: int32 &gt;= 0 per sample
 *  data start = 32 + 12 N + 8
 *  offset[i]         ...       record i:
 *                                varint S (spike count)
 *                                S pairs (varint dt, varint dc), spikes in InputSpikes order (tick, then channel):
 *                                  dt = tick - previous tick                  (previous tick starts at 0)
 *                                  dc = channel - previous channel - 1        (previous channel is -1 at the
 *                                                                               start and after every dt &gt; 0)
 * </pre>
 * A varint is unsigned LEB128: 7 bits per byte, least significant group first, high bit set on all but the last byte,
 * at most 5 bytes for a 32-bit value. A typical N-MNIST sample (about 3,500 spikes after merging) takes about 2 bytes
 * per spike.
 *
 * <p>Writes go to a temporary file in the target's folder, which is forced to disk and then moved over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}: readers see the old file or the complete new one. {@link #open} checks the
 * magic, version, header fields and the whole offset index against the file length before allocating anything sized by
 * the file, and throws {@link CacheFormatException} naming the file, the byte offset and the problem. Records are
 * validated when loaded (an error there surfaces as an {@link java.io.UncheckedIOException} wrapping a
 * {@link CacheFormatException}).
 *
 * <p>Stateless and thread-safe.
 */
public final class SpikeCache {
    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = "SNN4JSPK".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 32;

    private SpikeCache() {
    }

    /** Writes every sample of {@code dataset} to {@code target}, loading on one thread. */
    public static void write(Path target, Dataset dataset) throws IOException {
        write(target, dataset, 1);
    }

    /**
     * Writes every sample of {@code dataset}, in index order, to {@code target} (replacing it atomically), loading
     * samples on {@code threads} background threads.
     *
     * @throws IllegalArgumentException if a sample's channel count differs from the data set's, or a spike's tick is
     *                                  &gt;= the data set's tick count
     */
    public static void write(Path target, Dataset dataset, int threads) throws IOException {
        final int n = dataset.size();
        final int channelCount = dataset.channelCount();
        final int tickCount = dataset.tickCount();
        final long dataStart = dataStart(n);
        AtomicFiles.writeChannel(target, out -> {
            long[] offsets = new long[n + 1];
            int[] labels = new int[n];
            try (Prefetcher samples = Prefetcher.start(dataset, identity(n), threads, 4 * threads)) {
                long position = dataStart;
                out.position(position);
                RecordWriter record = new RecordWriter();
                for (int i = 0; i < n; i++) {
                    Sample sample = samples.next();
                    InputSpikes spikes = sample.spikes();
                    if (spikes.channelCount() != channelCount) {
                        throw new IllegalArgumentException("spike cache: sample " + i + " has " + spikes.channelCount()
                                + " channels, the data set " + channelCount);
                    }
                    if (spikes.lastTick() >= tickCount) {
                        throw new IllegalArgumentException("spike cache: sample " + i + ": tick must be < tickCount = "
                                + tickCount + ", was " + spikes.lastTick());
                    }
                    labels[i] = sample.label();
                    offsets[i] = position;
                    ByteBuffer bytes = record.encode(spikes);
                    position += bytes.remaining();
                    writeFully(out, bytes);
                }
                offsets[n] = position;
                ByteBuffer head = ByteBuffer.allocate((int) dataStart);
                head.put(MAGIC).putInt(FORMAT_VERSION).putInt(n).putInt(channelCount).putInt(tickCount).putLong(0);
                for (long offset : offsets) {
                    head.putLong(offset);
                }
                for (int label : labels) {
                    head.putInt(label);
                }
                head.flip();
                out.position(0);
                writeFully(out, head);
            }
        });
    }

    /**
     * Opens a cache file for random access after validating its header and offset index.
     *
     * @throws CacheFormatException naming the file and byte offset when the file is malformed or newer than
     *                              {@link #FORMAT_VERSION}
     */
    public static CachedDataset open(Path file) throws IOException {
        return CachedDataset.open(file);
    }

    static long dataStart(int n) {
        return HEADER_BYTES + 8L * ((long) n + 1) + 4L * n;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** Encodes one record into a reused growable buffer. Not thread-safe. */
    static final class RecordWriter {
        private byte[] buf = new byte[4096];
        private int len;

        ByteBuffer encode(InputSpikes spikes) {
            len = 0;
            int s = spikes.size();
            ensure(5 + 10L * s);
            putVarint(s);
            int prevTick = 0;
            int prevChannel = -1;
            for (int i = 0; i < s; i++) {
                int tick = spikes.tick(i);
                int channel = spikes.channel(i);
                int dt = tick - prevTick;
                if (dt > 0) {
                    prevChannel = -1;
                }
                putVarint(dt);
                putVarint(channel - prevChannel - 1);
                prevTick = tick;
                prevChannel = channel;
            }
            return ByteBuffer.wrap(buf, 0, len);
        }

        private void ensure(long bytes) {
            if (bytes > buf.length) {
                if (bytes > Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("spike cache: record too large, " + bytes + " bytes");
                }
                buf = Arrays.copyOf(buf, (int) Math.max(bytes, 2L * buf.length));
            }
        }

        private void putVarint(int v) {
            while ((v & ~0x7F) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }
    }
}
