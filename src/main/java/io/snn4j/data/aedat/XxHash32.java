package io.snn4j.data.aedat;

/**
 * xxHash32 (Y. Collet), as used by the LZ4 frame format for header and content checksums. Stateless and thread-safe.
 */
final class XxHash32 {
    private static final int P1 = 0x9E3779B1;
    private static final int P2 = 0x85EBCA77;
    private static final int P3 = 0xC2B2AE3D;
    private static final int P4 = 0x27D4EB2F;
    private static final int P5 = 0x165667B1;

    private XxHash32() {
    }

    /** The hash of {@code data[off .. off + len)} (read) with {@code seed}. */
    static int hash(byte[] data, int off, int len, int seed) {
        final int end = off + len;
        int p = off;
        int h;
        if (len >= 16) {
            int v1 = seed + P1 + P2;
            int v2 = seed + P2;
            int v3 = seed;
            int v4 = seed - P1;
            final int limit = end - 16;
            while (p <= limit) {
                v1 = Integer.rotateLeft(v1 + le32(data, p) * P2, 13) * P1;
                v2 = Integer.rotateLeft(v2 + le32(data, p + 4) * P2, 13) * P1;
                v3 = Integer.rotateLeft(v3 + le32(data, p + 8) * P2, 13) * P1;
                v4 = Integer.rotateLeft(v4 + le32(data, p + 12) * P2, 13) * P1;
                p += 16;
            }
            h = Integer.rotateLeft(v1, 1) + Integer.rotateLeft(v2, 7) + Integer.rotateLeft(v3, 12)
                    + Integer.rotateLeft(v4, 18);
        } else {
            h = seed + P5;
        }
        h += len;
        while (p + 4 <= end) {
            h = Integer.rotateLeft(h + le32(data, p) * P3, 17) * P4;
            p += 4;
        }
        while (p < end) {
            h = Integer.rotateLeft(h + (data[p] & 0xFF) * P5, 11) * P1;
            p++;
        }
        h ^= h >>> 15;
        h *= P2;
        h ^= h >>> 13;
        h *= P3;
        h ^= h >>> 16;
        return h;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | ((b[p + 3] & 0xFF) << 24);
    }
}
