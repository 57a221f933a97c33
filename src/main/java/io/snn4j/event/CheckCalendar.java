package io.snn4j.event;

import java.util.Arrays;

/**
 * At most one pending tick per item (e.g. a neuron's next threshold check), rescheduled in O(1): a ring of
 * {@code window} one-tick buckets covering [now, now + window), each an intrusive doubly linked list through per-item
 * {@code next}/{@code prev} arrays, plus a bitmap of non-empty buckets. Scheduling an item that is pending moves it
 * (its old entry is unlinked, not left behind to be skipped later), so the storage is fixed at three ints an item and
 * stays in cache however often items are rescheduled.
 *
 * <p>Items of one tick leave in no particular order. Ticks must be scheduled less than {@code window} ticks after the
 * current tick ({@link #open}). All storage is allocated at construction. Not thread-safe.
 */
public final class CheckCalendar {
    private static final int NONE = -1;

    private final int window;
    private final int mask;
    private final int[] head;
    private final long[] busy;
    private final int[] next;
    private final int[] prev;
    private final int[] tick;
    private int now;
    private int count;

    /**
     * @param window ticks covered by the ring; rounded up to a power of two, at least 64
     * @param items  items are 0 .. items - 1
     */
    public CheckCalendar(int window, int items) {
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, was " + items);
        }
        int w = Math.max(64, Integer.highestOneBit(Math.max(1, window - 1)) << 1);
        this.window = w;
        mask = w - 1;
        head = new int[w];
        busy = new long[w >>> 6];
        next = new int[items];
        prev = new int[items];
        tick = new int[items];
        clear(0);
    }

    public int window() {
        return window;
    }

    /** Cancels everything and sets the current tick. */
    public void clear(int startTick) {
        Arrays.fill(head, NONE);
        Arrays.fill(busy, 0L);
        Arrays.fill(tick, NONE);
        now = startTick;
        count = 0;
    }

    /** The pending tick of {@code item}, or -1 when none. */
    public int tickOf(int item) {
        return tick[item];
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Schedules {@code item} at tick {@code at}, in [now, now + window), replacing its pending tick if any.
     *
     * @throws IllegalArgumentException when {@code at} is outside the window
     */
    public void schedule(int item, int at) {
        if (at < now || at - now >= window) {
            throw outsideWindow(at);
        }
        if (tick[item] != NONE) {
            if (tick[item] == at) {
                return;
            }
            unlink(item);
        }
        int bucket = at & mask;
        int h = head[bucket];
        next[item] = h;
        prev[item] = NONE;
        if (h == NONE) {
            busy[bucket >>> 6] |= 1L << bucket;
        } else {
            prev[h] = item;
        }
        head[bucket] = item;
        tick[item] = at;
        count++;
    }

    private IllegalArgumentException outsideWindow(int at) {
        return new IllegalArgumentException("tick " + at + " is outside the window [" + now + ", " + now + " + "
                + window + ")");
    }

    /** Cancels the pending tick of {@code item}, if any. */
    public void cancel(int item) {
        if (tick[item] != NONE) {
            unlink(item);
        }
    }

    private void unlink(int item) {
        int n = next[item];
        int p = prev[item];
        if (p == NONE) {
            int bucket = tick[item] & mask;
            head[bucket] = n;
            if (n == NONE) {
                busy[bucket >>> 6] &= ~(1L << bucket);
            }
        } else {
            next[p] = n;
        }
        if (n != NONE) {
            prev[n] = p;
        }
        tick[item] = NONE;
        count--;
    }

    /** The earliest pending tick (&gt;= the current tick), or {@code Integer.MAX_VALUE} when none is pending. */
    public int nextTick() {
        if (count == 0) {
            return Integer.MAX_VALUE;
        }
        return CalendarQueue.firstBusy(busy, now, mask);
    }

    /**
     * Moves the current tick to {@code at}; nothing may be pending before it (the caller opens every tick it
     * processes, in increasing order, so that the window always starts at the tick being processed).
     */
    public void open(int at) {
        if (at < now) {
            throw new IllegalArgumentException("tick " + at + " is before the current tick " + now);
        }
        now = at;
    }

    /** Removes and returns one item due at the current tick, or -1 when none is left. */
    public int take() {
        int item = head[now & mask];
        if (item == NONE) {
            return NONE;
        }
        unlink(item);
        return item;
    }
}
