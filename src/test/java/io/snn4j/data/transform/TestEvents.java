package io.snn4j.data.transform;

import io.snn4j.data.EventStream;
import java.util.SplittableRandom;

/** Builds small event streams for tests. */
public final class TestEvents {
    private TestEvents() {
    }

    /** Events given as rows {t, x, y, p}. */
    public static EventStream of(int width, int height, long[]... rows) {
        int n = rows.length;
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = rows[i][0];
            x[i] = (short) rows[i][1];
            y[i] = (short) rows[i][2];
            p[i] = (byte) rows[i][3];
        }
        return EventStream.of(width, height, t, x, y, p);
    }

    /** Rows {t, x, y, p} of a stream, for assertArrayEquals. */
    public static long[][] rows(EventStream s) {
        long[][] r = new long[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            r[i] = new long[] {s.timestampUs(i), s.x(i), s.y(i), s.polarity(i)};
        }
        return r;
    }

    /** A synthetic N-MNIST-sized stream: time-ordered uniform events over {@code durationUs}. */
    public static EventStream random(int width, int height, int n, long durationUs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextLong(durationUs);
        }
        java.util.Arrays.sort(t);
        for (int i = 0; i < n; i++) {
            x[i] = (short) rng.nextInt(width);
            y[i] = (short) rng.nextInt(height);
            p[i] = (byte) rng.nextInt(2);
        }
        return EventStream.of(width, height, t, x, y, p);
    }
}
