package io.snn4j.event;

import java.util.Arrays;

/**
 * A calendar queue of scheduled events with four int payload fields each, in primitive arrays: a ring of
 * {@code window} one-tick buckets covers the ticks [now, now + window), a bitmap of non-empty buckets finds the next
 * busy tick in O(window / 64), and events further ahead wait in an {@link EventHeap} until the window reaches them.
 * Push and pop are O(1) for events inside the window; the cost does not grow with the number of empty ticks skipped.
 *
 * <p>Storage: one pool of entries shared by all buckets, an {@code int[]} with eight ints an entry
 * ({@code a, b, c, d, next}, padding) so that an entry is one half of a cache line; each bucket is a singly linked
 * list {@code head[bucket] .. tail[bucket]} through {@code next}, and released entries go back to a free list, so the
 * pool grows only when more events are pending at once than ever before. Tick {@code t} maps to bucket
 * {@code t & (window - 1)}; bit b of the bitmap is set while bucket b is not empty.
 *
 * <p>Within one bucket, events pushed directly keep their push order. Events that waited in the overflow heap are
 * appended when the window reaches their tick, so callers whose order within a tick matters must schedule those
 * events less than {@code window} ticks ahead. Not thread-safe.
 */
public final class CalendarQueue {
    private static final int NONE = -1;

    private final int window;
    private final int mask;
    private final int[] head;
    private final int[] tail;
    private final int[] size;
    private final long[] busy;
    private final EventHeap overflow;
    private static final int STRIDE = 8;
    private static final int NEXT = 4;
    /** Entry e occupies pool[e * STRIDE .. e * STRIDE + 4]: a, b, c, d, next. */
    private int[] pool;
    private int capacity;
    private int free;
    private int now;
    private int count;

    /**
     * @param window   ticks covered by the bucket ring; rounded up to a power of two, at least 64
     * @param capacity events expected to be pending at once (storage grows beyond it when needed)
     */
    public CalendarQueue(int window, int capacity) {
        int w = Math.max(64, Integer.highestOneBit(Math.max(1, window - 1)) << 1);
        this.window = w;
        mask = w - 1;
        head = new int[w];
        tail = new int[w];
        size = new int[w];
        busy = new long[w >>> 6];
        int cap = Math.max(1024, capacity);
        overflow = new EventHeap(cap);
        this.capacity = cap;
        pool = new int[cap * STRIDE];
        clear(0);
    }

    public int window() {
        return window;
    }

    /** Empties the queue and sets the current tick. */
    public void clear(int startTick) {
        Arrays.fill(head, NONE);
        Arrays.fill(tail, NONE);
        Arrays.fill(size, 0);
        Arrays.fill(busy, 0L);
        for (int i = 0; i < capacity - 1; i++) {
            pool[i * STRIDE + NEXT] = i + 1;
        }
        pool[(capacity - 1) * STRIDE + NEXT] = NONE;
        free = 0;
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
        if (free == NONE) {
            grow();
        }
        final int[] p = pool;
        int e = free;
        int at = e * STRIDE;
        free = p[at + NEXT];
        p[at] = a;
        p[at + 1] = b;
        p[at + 2] = c;
        p[at + 3] = d;
        p[at + NEXT] = NONE;
        if (head[bucket] == NONE) {
            head[bucket] = e;
            busy[bucket >>> 6] |= 1L << bucket;
        } else {
            p[tail[bucket] * STRIDE + NEXT] = e;
        }
        tail[bucket] = e;
        size[bucket]++;
    }

    private void grow() {
        int old = capacity;
        int cap = old * 2;
        pool = Arrays.copyOf(pool, cap * STRIDE);
        for (int i = old; i < cap - 1; i++) {
            pool[i * STRIDE + NEXT] = i + 1;
        }
        pool[(cap - 1) * STRIDE + NEXT] = NONE;
        capacity = cap;
        free = old;
    }

    /** The earliest tick with events, or {@code Integer.MAX_VALUE} when the queue is empty. */
    public int nextTick() {
        if (count == 0) {
            return Integer.MAX_VALUE;
        }
        return Math.min(firstBusy(busy, now, mask), overflow.peekTick());
    }

    /**
     * The first tick at or after {@code now} whose bucket ({@code tick & mask}) has its bit set in {@code busy}, or
     * {@code Integer.MAX_VALUE} when no bit is set: the bitmap scan of a ring of one-tick buckets.
     */
    static int firstBusy(long[] busy, int now, int mask) {
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
        if (bits == 0) {
            return Integer.MAX_VALUE;
        }
        int bucket = (word << 6) + Long.numberOfTrailingZeros(bits);
        return now + ((bucket - start) & mask);
    }

    /**
     * Moves the current tick to {@code tick} (no event may be pending before it) and returns the handle of its first
     * event, or -1; walk them with {@link #next(int)}, read them with {@link #a(int)} .. {@link #d(int)}, then call
     * {@link #advance()}.
     */
    public int open(int tick) {
        assert tick >= now;
        now = tick;
        while (overflow.peekTick() < now + window) {
            int t = overflow.peekTick();
            append(t & mask, overflow.peekA(), overflow.peekB(), overflow.peekC(), overflow.peekD());
            overflow.pop();
        }
        return head[tick & mask];
    }

    /** Handle of the event after {@code handle} in the current tick, or -1. */
    public int next(int handle) {
        return pool[handle * STRIDE + NEXT];
    }

    public int a(int handle) {
        return pool[handle * STRIDE];
    }

    public int b(int handle) {
        return pool[handle * STRIDE + 1];
    }

    public int c(int handle) {
        return pool[handle * STRIDE + 2];
    }

    public int d(int handle) {
        return pool[handle * STRIDE + 3];
    }

    /** Releases the events of the current tick and moves to the next tick. */
    public void advance() {
        int bucket = now & mask;
        int h = head[bucket];
        if (h != NONE) {
            count -= size[bucket];
            size[bucket] = 0;
            pool[tail[bucket] * STRIDE + NEXT] = free;
            free = h;
            head[bucket] = NONE;
            tail[bucket] = NONE;
            busy[bucket >>> 6] &= ~(1L << bucket);
        }
        now++;
    }
}
