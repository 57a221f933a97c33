package io.snn4j.data.aedat;

import java.util.Arrays;

/**
 * Decodes LZ4 frames (the LZ4 frame format, v1.6) and writes them ({@link #compress}), including frames with
 * <em>linked</em> blocks, which DV writes and lz4-java's {@code LZ4FrameInputStream} refuses. Several concatenated
 * frames and skippable frames are accepted.
 *
 * <pre>
 * frame:  uint32 LE magic 0x184D2204 | FLG | BD | [uint64 content size] | HC | blocks | uint32 0 | [uint32 xxh32]
 *         FLG bits: 7-6 version = 01, 5 block independence, 4 block checksum, 3 content size, 2 content checksum,
 *                   0 dictionary id (unsupported); HC = (xxh32(FLG .. end of descriptor) &gt;&gt; 8) &amp; 0xFF
 * block:  uint32 LE size (bit 31 set: stored uncompressed) | data | [uint32 block checksum]
 * block data = sequences: token (literal length &lt;&lt; 4 | match length - 4), length bytes while 255, literals,
 *              uint16 LE match offset, length bytes; the last sequence has literals only
 * </pre>
 * All reads are bounds-checked; a problem raises {@link Lz4FormatException} with the byte position in the input.
 * Stateless and thread-safe.
 */
final class Lz4Frames {
    static final int MAGIC = 0x184D2204;

    private Lz4Frames() {
    }

    /** A malformed LZ4 frame; {@link #position()} is the byte in the compressed input. */
    static final class Lz4FormatException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int position;

        Lz4FormatException(int position, String problem) {
            super(problem + " (compressed byte " + position + ")");
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    /**
     * Decompresses all frames in {@code src[0 .. length)}.
     *
     * @param maxOutput the largest decompressed size accepted
     * @return the decompressed bytes (exact length)
     */
    static byte[] decompress(byte[] src, int length, int maxOutput) throws Lz4FormatException {
        Output out = new Output(Math.min(maxOutput, Math.max(1024, length * 4)), maxOutput);
        int pos = 0;
        if (length == 0) {
            throw new Lz4FormatException(0, "empty input, expected an LZ4 frame");
        }
        while (pos < length) {
            int magic = int32(src, pos, length, "frame magic");
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
                long skip = int32(src, pos + 4, length, "skippable frame size") & 0xFFFFFFFFL;
                if (pos + 8 + skip > length) {
                    throw new Lz4FormatException(pos, "skippable frame of " + skip + " bytes runs past the end");
                }
                pos += 8 + (int) skip;
                continue;
            }
            if (magic != MAGIC) {
                throw new Lz4FormatException(pos, "not an LZ4 frame: magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x184d2204");
            }
            pos = frame(src, pos, length, out);
        }
        return out.toArray();
    }

    private static int frame(byte[] src, int start, int length, Output out) throws Lz4FormatException {
        int pos = start + 4;
        need(pos, 2, length, "frame descriptor");
        int flg = src[pos] & 0xFF;
        if ((flg >>> 6) != 1) {
            throw new Lz4FormatException(pos, "unsupported LZ4 frame version " + (flg >>> 6));
        }
        if ((flg & 0x01) != 0) {
            throw new Lz4FormatException(pos, "LZ4 frames with a dictionary id are not supported");
        }
        boolean blockChecksum = (flg & 0x10) != 0;
        boolean hasContentSize = (flg & 0x08) != 0;
        boolean contentChecksum = (flg & 0x04) != 0;
        int descriptorLength = 2 + (hasContentSize ? 8 : 0);
        need(pos, descriptorLength + 1, length, "frame descriptor");
        long contentSize = -1;
        if (hasContentSize) {
            contentSize = (int32(src, pos + 2, length, "content size") & 0xFFFFFFFFL)
                    | ((long) int32(src, pos + 6, length, "content size") << 32);
        }
        int hc = src[pos + descriptorLength] & 0xFF;
        int expectedHc = (XxHash32.hash(src, pos, descriptorLength, 0) >>> 8) & 0xFF;
        if (hc != expectedHc) {
            throw new Lz4FormatException(pos + descriptorLength, "frame header checksum 0x" + Integer.toHexString(hc)
                    + " does not match the descriptor (0x" + Integer.toHexString(expectedHc) + ")");
        }
        pos += descriptorLength + 1;
        final int frameStart = out.size;
        while (true) {
            int word = int32(src, pos, length, "block size");
            pos += 4;
            if (word == 0) {
                break;
            }
            boolean stored = word < 0;
            int size = word & 0x7FFFFFFF;
            if (size > length - pos) {
                throw new Lz4FormatException(pos - 4, "block of " + size + " bytes runs past the end ("
                        + (length - pos) + " bytes left)");
            }
            if (stored) {
                out.ensure(size, pos);
                System.arraycopy(src, pos, out.buf, out.size, size);
                out.size += size;
            } else {
                block(src, pos, pos + size, out, frameStart);
            }
            pos += size;
            if (blockChecksum) {
                need(pos, 4, length, "block checksum");
                pos += 4;
            }
        }
        int produced = out.size - frameStart;
        if (contentChecksum) {
            int stored = int32(src, pos, length, "content checksum");
            int actual = XxHash32.hash(out.buf, frameStart, produced, 0);
            if (stored != actual) {
                throw new Lz4FormatException(pos, "content checksum 0x" + Integer.toHexString(stored)
                        + " does not match the decoded data (0x" + Integer.toHexString(actual) + ")");
            }
            pos += 4;
        }
        if (contentSize >= 0 && contentSize != produced) {
            throw new Lz4FormatException(start, "frame declares " + contentSize + " content bytes, decoded "
                    + produced);
        }
        return pos;
    }

    /** Decodes one compressed block {@code src[pos .. end)}; matches may reach back to {@code windowStart}. */
    private static void block(byte[] src, int pos, int end, Output out, int windowStart) throws Lz4FormatException {
        while (true) {
            if (pos >= end) {
                throw new Lz4FormatException(pos, "block ends before its last literals");
            }
            int token = src[pos++] & 0xFF;
            int literals = token >>> 4;
            if (literals == 15) {
                int b;
                do {
                    if (pos >= end) {
                        throw new Lz4FormatException(pos, "block ends inside a literal length");
                    }
                    b = src[pos++] & 0xFF;
                    literals += b;
                    if (literals < 0) {
                        throw new Lz4FormatException(pos, "literal length overflows");
                    }
                } while (b == 255);
            }
            if (literals > end - pos) {
                throw new Lz4FormatException(pos, literals + " literals run past the end of the block");
            }
            out.ensure(literals, pos);
            System.arraycopy(src, pos, out.buf, out.size, literals);
            out.size += literals;
            pos += literals;
            if (pos == end) {
                return;
            }
            if (end - pos < 2) {
                throw new Lz4FormatException(pos, "block ends inside a match offset");
            }
            int offset = (src[pos] & 0xFF) | ((src[pos + 1] & 0xFF) << 8);
            if (offset == 0 || offset > out.size - windowStart) {
                throw new Lz4FormatException(pos, "match offset " + offset + " reaches before the start of the data ("
                        + (out.size - windowStart) + " bytes decoded)");
            }
            pos += 2;
            int match = token & 0x0F;
            if (match == 15) {
                int b;
                do {
                    if (pos >= end) {
                        throw new Lz4FormatException(pos, "block ends inside a match length");
                    }
                    b = src[pos++] & 0xFF;
                    match += b;
                    if (match < 0) {
                        throw new Lz4FormatException(pos, "match length overflows");
                    }
                } while (b == 255);
            }
            match += 4;
            out.ensure(match, pos);
            byte[] buf = out.buf;
            int from = out.size - offset;
            int to = out.size;
            if (offset >= match) {
                System.arraycopy(buf, from, buf, to, match);
            } else {
                for (int i = 0; i < match; i++) {
                    buf[to + i] = buf[from + i];
                }
            }
            out.size += match;
        }
    }

    private static void need(int pos, int n, int length, String what) throws Lz4FormatException {
        if (pos < 0 || n > length - pos) {
            throw new Lz4FormatException(pos, "input ends inside the " + what);
        }
    }

    private static int int32(byte[] src, int pos, int length, String what) throws Lz4FormatException {
        need(pos, 4, length, what);
        return (src[pos] & 0xFF) | ((src[pos + 1] & 0xFF) << 8) | ((src[pos + 2] & 0xFF) << 16)
                | ((src[pos + 3] & 0xFF) << 24);
    }

    /** Growable output buffer with a hard cap. */
    private static final class Output {
        byte[] buf;
        int size;
        final int max;

        Output(int initial, int max) {
            this.buf = new byte[initial];
            this.max = max;
        }

        void ensure(int more, int pos) throws Lz4FormatException {
            long need = (long) size + more;
            if (need > max) {
                throw new Lz4FormatException(pos, "decompressed data exceeds " + max + " bytes");
            }
            if (need > buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(max, Math.max(need, 2L * buf.length)));
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Largest block of the frames {@link #compress} writes (block maximum size code 4: 64 KiB). */
    static final int BLOCK_BYTES = 64 * 1024;
    private static final int HASH_BITS = 14;
    /**
     * A match may not start in the last 12 bytes of a block; the last 5 bytes are always literals (LZ4 block rules).
     */
    private static final int MF_LIMIT = 12;
    private static final int LAST_LITERALS = 5;

    /**
     * Compresses {@code src[0 .. length)} into one LZ4 frame: version 01, independent blocks of at most 64 KiB, no
     * checksums, each block compressed greedily (4-byte hash of the next position, matches up to 65535 bytes back) or
     * stored uncompressed when that is not smaller.
     */
    static byte[] compress(byte[] src, int length) {
        byte[] out = new byte[7 + length + length / 255 + 16 * (length / BLOCK_BYTES + 2) + 4];
        out[0] = 0x04;
        out[1] = 0x22;
        out[2] = 0x4D;
        out[3] = 0x18;
        out[4] = 0x60; // version 01, block independence
        out[5] = 0x40; // block maximum size 64 KiB
        out[6] = (byte) ((XxHash32.hash(out, 4, 2, 0) >>> 8) & 0xFF);
        int o = 7;
        int[] table = new int[1 << HASH_BITS];
        byte[] block = new byte[BLOCK_BYTES + BLOCK_BYTES / 255 + 16];
        for (int off = 0; off < length; off += BLOCK_BYTES) {
            int n = Math.min(BLOCK_BYTES, length - off);
            int c = compressBlock(src, off, n, block, table);
            if (c < n) {
                putInt(out, o, c);
                System.arraycopy(block, 0, out, o + 4, c);
                o += 4 + c;
            } else {
                putInt(out, o, n | 0x80000000);
                System.arraycopy(src, off, out, o + 4, n);
                o += 4 + n;
            }
        }
        putInt(out, o, 0);
        return Arrays.copyOf(out, o + 4);
    }

    /** One LZ4 block of {@code src[off .. off + n)} into {@code dst}; returns its length. */
    private static int compressBlock(byte[] src, int off, int n, byte[] dst, int[] table) {
        Arrays.fill(table, -1);
        final int end = off + n;
        final int matchStartLimit = end - MF_LIMIT;
        final int matchEndLimit = end - LAST_LITERALS;
        int anchor = off;
        int p = off;
        int o = 0;
        while (p < matchStartLimit) {
            int seq = le32(src, p);
            int h = (seq * -1640531535) >>> (32 - HASH_BITS);
            int ref = table[h];
            table[h] = p;
            if (ref < off || p - ref > 65535 || le32(src, ref) != seq) {
                p++;
                continue;
            }
            int len = 4;
            while (p + len < matchEndLimit && src[ref + len] == src[p + len]) {
                len++;
            }
            o = sequence(src, anchor, p - anchor, p - ref, len, dst, o);
            p += len;
            anchor = p;
        }
        return sequence(src, anchor, end - anchor, 0, 0, dst, o);
    }

    /** Writes one sequence (literals, then a match unless {@code matchLength == 0}); returns the new position. */
    private static int sequence(byte[] src, int lit, int litLength, int offset, int matchLength, byte[] dst, int o) {
        int m = matchLength == 0 ? 0 : matchLength - 4;
        dst[o++] = (byte) ((Math.min(litLength, 15) << 4) | Math.min(m, 15));
        o = length(litLength, dst, o);
        System.arraycopy(src, lit, dst, o, litLength);
        o += litLength;
        if (matchLength > 0) {
            dst[o++] = (byte) offset;
            dst[o++] = (byte) (offset >>> 8);
            o = length(m, dst, o);
        }
        return o;
    }

    /** The extra length bytes of a length whose 4-bit field is saturated (15 or more). */
    private static int length(int value, byte[] dst, int o) {
        if (value < 15) {
            return o;
        }
        int rest = value - 15;
        while (rest >= 255) {
            dst[o++] = (byte) 255;
            rest -= 255;
        }
        dst[o++] = (byte) rest;
        return o;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 3] & 0xFF) << 24);
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
