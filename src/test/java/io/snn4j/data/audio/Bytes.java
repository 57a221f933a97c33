package io.snn4j.data.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds test files byte by byte. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes ascii(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    Bytes u8(int... values) {
        for (int v : values) {
            out.write(v & 0xFF);
        }
        return this;
    }

    Bytes le16(int... values) {
        for (int v : values) {
            u8(v, v >> 8);
        }
        return this;
    }

    Bytes be16(int... values) {
        for (int v : values) {
            u8(v >> 8, v);
        }
        return this;
    }

    Bytes le24(int... values) {
        for (int v : values) {
            u8(v, v >> 8, v >> 16);
        }
        return this;
    }

    Bytes le32(long... values) {
        for (long v : values) {
            u8((int) v, (int) (v >> 8), (int) (v >> 16), (int) (v >> 24));
        }
        return this;
    }

    Bytes f32(float... values) {
        for (float v : values) {
            le32(Float.floatToIntBits(v));
        }
        return this;
    }

    Bytes f64(double... values) {
        for (double v : values) {
            long bits = Double.doubleToLongBits(v);
            le32(bits & 0xFFFFFFFFL, bits >>> 32);
        }
        return this;
    }

    Bytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }
}
