package io.snn4j.data.transform;

import io.snn4j.data.EventStream;

/**
 * Mutable struct-of-arrays working copy of a stream; transforms rewrite it in place and compact it. Not thread-safe,
 * one per {@code apply} call.
 */
final class EventBuffer {
    int width;
    int height;
    int size;
    long[] t;
    short[] x;
    short[] y;
    byte[] p;

    EventBuffer(EventStream s) {
        width = s.width();
        height = s.height();
        size = s.size();
        t = s.copyTimestampsUs();
        x = s.copyXs();
        y = s.copyYs();
        p = s.copyPolarities();
    }

    /** Moves event {@code from} to slot {@code to} (to &lt;= from). */
    void move(int from, int to) {
        t[to] = t[from];
        x[to] = x[from];
        y[to] = y[from];
        p[to] = p[from];
    }

    EventStream toStream() {
        return EventStream.ofFirst(width, height, size, t, x, y, p);
    }

    /** Stable sort by timestamp (merge sort of an index permutation; no boxing). */
    void sortByTime() {
        if (isTimeOrdered(t, size)) {
            return;
        }
        int n = size;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = t[idx[b]] < t[idx[a]] ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[k++] = idx[a++];
                }
                while (b < hi) {
                    tmp[k++] = idx[b++];
                }
            }
            int[] swap = idx;
            idx = tmp;
            tmp = swap;
        }
        long[] t2 = new long[n];
        short[] x2 = new short[n];
        short[] y2 = new short[n];
        byte[] p2 = new byte[n];
        for (int i = 0; i < n; i++) {
            int j = idx[i];
            t2[i] = t[j];
            x2[i] = x[j];
            y2[i] = y[j];
            p2[i] = p[j];
        }
        t = t2;
        x = x2;
        y = y2;
        p = p2;
    }

    static boolean isTimeOrdered(long[] t, int n) {
        for (int i = 1; i < n; i++) {
            if (t[i] < t[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Throws when timestamps decrease somewhere; names the transform and the first offending event. */
    static void requireTimeOrdered(EventStream s, String transform) {
        for (int i = 1; i < s.size(); i++) {
            if (s.timestampUs(i) < s.timestampUs(i - 1)) {
                throw new IllegalArgumentException(transform + ": events must be in time order, event " + i
                        + " at " + s.timestampUs(i) + " us follows " + s.timestampUs(i - 1) + " us");
            }
        }
    }
}
