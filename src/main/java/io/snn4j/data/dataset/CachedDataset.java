package io.snn4j.data.dataset;

import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A data set read from a {@link SpikeCache} file. The offset index and labels are held in memory (12 bytes per
 * sample); each {@link #load(int)} reads one record with a positional {@link FileChannel} read, so any number of
 * threads may load concurrently and files larger than memory (and larger than 2 GiB) are fine.
 *
 * <p>Thread-safe. Close it to release the file.
 */
public final class CachedDataset implements Dataset, AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final int channelCount;
    private final int tickCount;
    private final long[] offsets;
    private final int[] labels;

    private CachedDataset(Path file, FileChannel channel, int channelCount, int tickCount, long[] offsets,
                          int[] labels) {
        this.file = file;
        this.channel = channel;
        this.channelCount = channelCount;
        this.tickCount = tickCount;
        this.offsets = offsets;
        this.labels = labels;
    }

    static CachedDataset open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            CachedDataset ds = validate(file, ch);
            ch = null;
            return ds;
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
    }

    private static CachedDataset validate(Path file, FileChannel ch) throws IOException {
        final long length = ch.size();
        if (length < SpikeCache.HEADER_BYTES) {
            throw new CacheFormatException(file, 0, "file has " + length + " bytes, shorter than the "
                    + SpikeCache.HEADER_BYTES + "-byte header");
        }
        ByteBuffer head = readAt(ch, 0, SpikeCache.HEADER_BYTES);
        byte[] magic = new byte[SpikeCache.MAGIC.length];
        head.get(magic);
        if (!Arrays.equals(magic, SpikeCache.MAGIC)) {
            throw new CacheFormatException(file, 0, "magic must be \"SNN4JSPK\", was \""
                    + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?")
                    + "\" (not a spike cache file)");
        }
        long version = Integer.toUnsignedLong(head.getInt());
        if (version > SpikeCache.FORMAT_VERSION) {
            throw new CacheFormatException(file, 8, "format version " + version
                    + " is newer than the newest supported version " + SpikeCache.FORMAT_VERSION);
        }
        if (version < 1) {
            throw new CacheFormatException(file, 8, "format version must be >= 1, was " + version);
        }
        int n = head.getInt();
        if (n < 0) {
            throw new CacheFormatException(file, 12, "sample count must be >= 0, was " + n);
        }
        int channelCount = head.getInt();
        if (channelCount < 0) {
            throw new CacheFormatException(file, 16, "channel count must be >= 0, was " + channelCount);
        }
        int tickCount = head.getInt();
        if (tickCount < 0) {
            throw new CacheFormatException(file, 20, "tick count must be >= 0, was " + tickCount);
        }
        long dataStart = SpikeCache.dataStart(n);
        if (dataStart > length) {
            throw new CacheFormatException(file, 12, "sample count " + n + " needs an index and label table ending"
                    + " at byte " + dataStart + ", but the file has only " + length + " bytes");
        }
        ByteBuffer index = readAt(ch, SpikeCache.HEADER_BYTES, (int) (dataStart - SpikeCache.HEADER_BYTES));
        long[] offsets = new long[n + 1];
        for (int i = 0; i <= n; i++) {
            long o = index.getLong();
            long at = SpikeCache.HEADER_BYTES + 8L * i;
            if (i == 0 && o != dataStart) {
                throw new CacheFormatException(file, at, "offset of record 0 must be the data start " + dataStart
                        + ", was " + o);
            }
            if (o > length) {
                throw new CacheFormatException(file, at, "offset of record " + i + " is " + o
                        + ", past the end of the file (" + length + " bytes)");
            }
            if (i > 0 && o < offsets[i - 1]) {
                throw new CacheFormatException(file, at, "offset of record " + i + " is " + o
                        + ", before the previous record's " + offsets[i - 1]);
            }
            if (i > 0 && o - offsets[i - 1] > Integer.MAX_VALUE - 8) {
                throw new CacheFormatException(file, at, "record " + (i - 1) + " is " + (o - offsets[i - 1])
                        + " bytes, more than the maximum " + (Integer.MAX_VALUE - 8));
            }
            offsets[i] = o;
        }
        if (offsets[n] != length) {
            throw new CacheFormatException(file, SpikeCache.HEADER_BYTES + 8L * n, "end offset must equal the file"
                    + " length " + length + ", was " + offsets[n]);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = index.getInt();
            if (labels[i] < 0) {
                throw new CacheFormatException(file, SpikeCache.HEADER_BYTES + 8L * (n + 1) + 4L * i, "label of"
                        + " sample " + i + " must be >= 0, was " + labels[i]);
            }
        }
        return new CachedDataset(file, ch, channelCount, tickCount, offsets, labels);
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        buf.flip();
        return buf;
    }

    public Path file() {
        return file;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        Dataset.checkIndex(index, labels.length);
        return labels[index];
    }

    @Override
    public int channelCount() {
        return channelCount;
    }

    @Override
    public int tickCount() {
        return tickCount;
    }

    /** Size of record {@code index} in bytes. */
    public int recordBytes(int index) {
        Dataset.checkIndex(index, labels.length);
        return (int) (offsets[index + 1] - offsets[index]);
    }

    @Override
    @SuppressWarnings("ByteBufferBackingArray") // readAt returns a heap buffer of its own from ByteBuffer.allocate
    public InputSpikes load(int index) {
        Dataset.checkIndex(index, labels.length);
        long start = offsets[index];
        int len = (int) (offsets[index + 1] - start);
        try {
            ByteBuffer buf = readAt(channel, start, len);
            return decode(buf.array(), len, start, index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes record {@code index} held in {@code bytes[0..len)}, which starts at file offset {@code base}. */
    private InputSpikes decode(byte[] bytes, int len, long base, int index) throws CacheFormatException {
        Reader r = new Reader(bytes, len, base, index);
        long count = r.varint();
        if (count > (len - r.pos) / 2) {
            throw new CacheFormatException(file, base, "record " + index + ": spike count " + count + " needs at"
                    + " least " + 2 * count + " more bytes, the record has " + (len - r.pos));
        }
        int s = (int) count;
        int[] ticks = new int[s];
        int[] channels = new int[s];
        long tick = 0;
        long ch = -1;
        for (int i = 0; i < s; i++) {
            long at = base + r.pos;
            long dt = r.varint();
            if (dt > 0) {
                ch = -1;
            }
            tick += dt;
            ch += r.varint() + 1;
            if (tick >= tickCount) {
                throw new CacheFormatException(file, at, "record " + index + ", spike " + i + ": tick must be < "
                        + tickCount + ", was " + tick);
            }
            if (ch >= channelCount) {
                throw new CacheFormatException(file, at, "record " + index + ", spike " + i + ": channel must be < "
                        + channelCount + ", was " + ch);
            }
            ticks[i] = (int) tick;
            channels[i] = (int) ch;
        }
        if (r.pos != len) {
            throw new CacheFormatException(file, base + r.pos, "record " + index + ": " + (len - r.pos)
                    + " bytes left after its " + s + " spikes");
        }
        return InputSpikes.of(channelCount, ticks, channels);
    }

    /** Cursor over one record's bytes. */
    private final class Reader {
        final byte[] bytes;
        final int len;
        final long base;
        final int index;
        int pos;

        Reader(byte[] bytes, int len, long base, int index) {
            this.bytes = bytes;
            this.len = len;
            this.base = base;
            this.index = index;
        }

        /** Unsigned LEB128 of at most 5 bytes (values up to 2^35 - 1; callers range-check). */
        long varint() throws CacheFormatException {
            long v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= len) {
                    throw new CacheFormatException(file, base + pos, "record " + index
                            + ": varint runs past the record end");
                }
                int b = bytes[pos++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new CacheFormatException(file, base + pos - 1, "record " + index + ": varint longer than 5 bytes");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
