package io.snn4j.event;

import java.util.Arrays;

/**
 * A calendar queue of scheduled events with four int payload fields each, in primitive arrays: a ring of
 * {@code window} one-tick buckets covers the ticks [now, now + window), a bitmap of non-empty buckets finds the next
 * busy tick in O(window / 64), and events further ahead wait in an {@link EventHeap} until the window reaches them.
 * Push and pop are O(1) for events inside the window; the cost does not grow with the number of empty ticks skipped.
 *
 * <p>Within one bucket, events pushed directly keep their push order. Events that waited in the overflow heap are
 * appended when the window reaches their tick, so they follow events pushed directly into the same bucket: callers
 * whose order within a tick matters must schedule those events less than {@code window} ticks ahead.
 *
 * <p>Layout of bucket b (tick {@code t} maps to {@code b = t & (window - 1)}): four int arrays
 * {@code a[b], b[b], c[b], d[b]} holding {@code size[b]} entries; bit {@code b} of the bitmap is set when
 * {@code size[b] > 0}. Not thread-safe.
 */
public final class CalendarQueue {
    private final int window;
    private final int mask;
    private final int[][] pa;
    private final int[][] pb;
    private final int[][] pc;
    private final int[][] pd;
    private final int[] size;
    private final long[] busy;
    private final EventHeap overflow = new EventHeap(64);
    private int now;
    private int count;

    /** @param window ticks covered by the bucket ring; rounded up to a power of two, at least 64 */
    public CalendarQueue(int window) {
        int w = Math.max(64, Integer.highestOneBit(Math.max(1, window - 1)) << 1);
        this.window = w;
        mask = w - 1;
        pa = new int[w][8];
        pb = new int[w][8];
        pc = new int[w][8];
        pd = new int[w][8];
        size = new int[w];
        busy = new long[w >>> 6];
    }

    public int window() {
        return window;
    }

    /** Empties the queue and sets the current tick. */
    public void clear(int startTick) {
        Arrays.fill(size, 0);
        Arrays.fill(busy, 0L);
        overflow.clear();
        now = startTick;
        count = 0;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Schedules an event at {@code tick} (&gt;= the current tick). */
    public void push(int tick, int a, int b, int c, int d) {
        assert tick >= now : "tick " + tick + " is before the current tick " + now;
        count++;
        if (tick - now < window) {
            append(tick & mask, a, b, c, d);
        } else {
            overflow.push(tick, a, b, c, d);
        }
    }

    private void append(int bucket, int a, int b, int c, int d) {
        int n = size[bucket];
        if (n == pa[bucket].length) {
            int cap = n * 2;
            pa[bucket] = Arrays.copyOf(pa[bucket], cap);
            pb[bucket] = Arrays.copyOf(pb[bucket], cap);
            pc[bucket] = Arrays.copyOf(pc[bucket], cap);
            pd[bucket] = Arrays.copyOf(pd[bucket], cap);
        }
        pa[bucket][n] = a;
        pb[bucket][n] = b;
        pc[bucket][n] = c;
        pd[bucket][n] = d;
        size[bucket] = n + 1;
        busy[bucket >>> 6] |= 1L << bucket;
    }

    /** The earliest tick with events, or {@code Integer.MAX_VALUE} when the queue is empty. */
    public int nextTick() {
        if (count == 0) {
            return Integer.MAX_VALUE;
        }
        int start = now & mask;
        int words = busy.length;
        int first = start >>> 6;
        long bits = busy[first] & (-1L << (start & 63));
        int word = first;
        for (int k = 1; bits == 0 && k <= words; k++) {
            word = (first + k) % words;
            bits = busy[word];
            if (k == words) {
                bits &= ~(-1L << (start & 63));
            }
        }
        int inWindow = Integer.MAX_VALUE;
        if (bits != 0) {
            int bucket = (word << 6) + Long.numberOfTrailingZeros(bits);
            inWindow = now + ((bucket - start) & mask);
        }
        return Math.min(inWindow, overflow.peekTick());
    }

    /**
     * Moves the current tick to {@code tick} (no event may be pending before it) and returns the number of events
     * at that tick; read them with {@link #a(int)} .. {@link #d(int)}, then call {@link #advance()}.
     */
    public int open(int tick) {
        assert tick >= now;
        now = tick;
        while (overflow.peekTick() < now + window) {
            int t = overflow.peekTick();
            append(t & mask, overflow.peekA(), overflow.peekB(), overflow.peekC(), overflow.peekD());
            overflow.pop();
        }
        return size[tick & mask];
    }

    public int a(int k) {
        return pa[now & mask][k];
    }

    public int b(int k) {
        return pb[now & mask][k];
    }

    public int c(int k) {
        return pc[now & mask][k];
    }

    public int d(int k) {
        return pd[now & mask][k];
    }

    /** Drops the events of the current tick and moves to the next tick. */
    public void advance() {
        int bucket = now & mask;
        count -= size[bucket];
        size[bucket] = 0;
        busy[bucket >>> 6] &= ~(1L << bucket);
        now++;
    }
}
