package io.snn4j.event;

import java.util.Arrays;

/**
 * A binary min-heap of scheduled events kept in parallel primitive arrays (no event objects). Each entry has a tick,
 * an insertion sequence number and four int payload fields; entries leave in (tick, insertion order) order, so
 * events of one tick are processed in the order they were scheduled. Grows by doubling; steady-state use does not
 * allocate.
 *
 * <p>Not thread-safe.
 */
public final class EventHeap {
    private int[] ticks;
    private long[] seqs;
    private int[] a;
    private int[] b;
    private int[] c;
    private int[] d;
    private int size;
    private long nextSeq;

    public EventHeap(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        ticks = new int[cap];
        seqs = new long[cap];
        a = new int[cap];
        b = new int[cap];
        c = new int[cap];
        d = new int[cap];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        size = 0;
        nextSeq = 0;
    }

    /** Tick of the earliest entry; {@code Integer.MAX_VALUE} when empty. */
    public int peekTick() {
        return size == 0 ? Integer.MAX_VALUE : ticks[0];
    }

    public void push(int tick, int pa, int pb, int pc, int pd) {
        if (size == ticks.length) {
            grow();
        }
        long seq = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (ticks[parent] < tick || (ticks[parent] == tick && seqs[parent] < seq)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, tick, seq, pa, pb, pc, pd);
    }

    /** Payload fields of the earliest entry (valid until the next mutation). */
    public int peekA() {
        return a[0];
    }

    public int peekB() {
        return b[0];
    }

    public int peekC() {
        return c[0];
    }

    public int peekD() {
        return d[0];
    }

    /** Removes the earliest entry. */
    public void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        int tick = ticks[last];
        long seq = seqs[last];
        int pa = a[last];
        int pb = b[last];
        int pc = c[last];
        int pd = d[last];
        int i = 0;
        int half = last >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < last && (ticks[right] < ticks[child]
                    || (ticks[right] == ticks[child] && seqs[right] < seqs[child]))) {
                child = right;
            }
            if (tick < ticks[child] || (tick == ticks[child] && seq < seqs[child])) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, tick, seq, pa, pb, pc, pd);
    }

    private void move(int from, int to) {
        ticks[to] = ticks[from];
        seqs[to] = seqs[from];
        a[to] = a[from];
        b[to] = b[from];
        c[to] = c[from];
        d[to] = d[from];
    }

    private void set(int i, int tick, long seq, int pa, int pb, int pc, int pd) {
        ticks[i] = tick;
        seqs[i] = seq;
        a[i] = pa;
        b[i] = pb;
        c[i] = pc;
        d[i] = pd;
    }

    private void grow() {
        int cap = ticks.length * 2;
        ticks = Arrays.copyOf(ticks, cap);
        seqs = Arrays.copyOf(seqs, cap);
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        c = Arrays.copyOf(c, cap);
        d = Arrays.copyOf(d, cap);
    }
}
