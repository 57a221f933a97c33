package io.snn4j.data.net;

import io.snn4j.data.EventBatch;
import java.util.ArrayDeque;

/**
 * A bounded queue of events between one producer thread (a network reader) and one consumer (a session): a ring of
 * primitive arrays of fixed capacity, each event with the {@link System#nanoTime()} at which its packet arrived. When
 * the producer is faster than the consumer the declared {@link Overflow} policy applies and the lost events are
 * counted; memory never grows. Stream marks (a connection opened or closed, with a message) travel in order with the
 * events. Thread-safe for one producer and one consumer; nothing is allocated per event.
 */
public final class EventQueue {
    /** What {@link #offer} does when the queue is full. */
    public enum Overflow {
        /** Discards the arriving events that do not fit: what was queued keeps its order and time. */
        DROP_NEWEST,
        /** Discards the oldest queued events to make room: the consumer always sees the freshest input. */
        DROP_OLDEST,
        /** Waits for room: back-pressure reaches the sender through TCP flow control; nothing is lost. */
        BLOCK;

        /** drop-newest, drop-oldest or block. */
        public static Overflow parse(String s) {
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "drop-newest":
                    return DROP_NEWEST;
                case "drop-oldest":
                    return DROP_OLDEST;
                case "block":
                    return BLOCK;
                default:
                    throw new IllegalArgumentException("overflow policy must be drop-newest, drop-oldest or block, "
                            + "was '" + s + "'");
            }
        }
    }

    /** Kinds of stream marks. */
    public enum MarkKind { CONNECTED, CLOSED }

    /** A mark between events: {@code seq} is the number of events written before it. */
    public record Mark(long seq, MarkKind kind, String message) { }

    private final int capacity;
    private final Overflow overflow;
    private final long[] ts;
    private final short[] xs;
    private final short[] ys;
    private final byte[] ps;
    private final long[] arrivals;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    /** Sequence numbers: events [head, tail) are queued. */
    private long head;
    private long tail;
    private long offered;
    private long dropped;
    private int highWater;
    private boolean finished;

    /**
     * @param capacity events held at most, 64..2^26
     */
    public EventQueue(int capacity, Overflow overflow) {
        if (capacity < 64 || capacity > 1 << 26) {
            throw new IllegalArgumentException("queue capacity must be in 64.." + (1 << 26) + " events, was "
                    + capacity);
        }
        this.capacity = capacity;
        this.overflow = overflow;
        ts = new long[capacity];
        xs = new short[capacity];
        ys = new short[capacity];
        ps = new byte[capacity];
        arrivals = new long[capacity];
    }

    public Overflow overflow() {
        return overflow;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Adds the events of {@code batch}, which arrived at {@code arrivalNanos}, under the overflow policy.
     *
     * @throws InterruptedException when interrupted while blocked for room
     */
    public synchronized void offer(EventBatch batch, long arrivalNanos) throws InterruptedException {
        int n = batch.size();
        offered += n;
        int from = 0;
        if (n > capacity) {
            // more than the whole queue: only the policy's end of the batch can be kept
            if (overflow == Overflow.DROP_NEWEST) {
                dropped += n - capacity;
                n = capacity;
            } else if (overflow == Overflow.DROP_OLDEST) {
                dropped += n - capacity;
                from = n - capacity;
            }
        }
        int i = from;
        while (i < n) {
            int free = capacity - (int) (tail - head);
            if (free == 0) {
                if (overflow == Overflow.DROP_NEWEST) {
                    dropped += n - i;
                    break;
                }
                if (overflow == Overflow.DROP_OLDEST) {
                    int k = Math.min(n - i, capacity);
                    head += k;
                    dropped += k;
                    free = k;
                } else {
                    while (tail - head == capacity && !finished) {
                        wait();
                    }
                    if (finished) {
                        dropped += n - i;
                        return;
                    }
                    free = capacity - (int) (tail - head);
                }
            }
            int k = Math.min(free, n - i);
            copyIn(batch, i, k, arrivalNanos);
            i += k;
            notifyAll();
        }
        highWater = Math.max(highWater, (int) (tail - head));
    }

    private void copyIn(EventBatch b, int from, int k, long arrival) {
        long[] bt = b.timestampsUs();
        short[] bx = b.xs();
        short[] by = b.ys();
        byte[] bp = b.polarities();
        for (int j = 0; j < k; j++) {
            int r = (int) (tail % capacity);
            ts[r] = bt[from + j];
            xs[r] = bx[from + j];
            ys[r] = by[from + j];
            ps[r] = bp[from + j];
            arrivals[r] = arrival;
            tail++;
        }
    }

    /** Adds a mark after the events offered so far. */
    public synchronized void mark(MarkKind kind, String message) {
        marks.add(new Mark(tail, kind, message));
        notifyAll();
    }

    /** No more input will come: wakes the consumer and a blocked producer. */
    public synchronized void finish() {
        finished = true;
        notifyAll();
    }

    public synchronized boolean isFinished() {
        return finished;
    }

    /** Finished, and every event and mark taken. */
    public synchronized boolean isDrained() {
        return finished && head == tail && marks.isEmpty();
    }

    /**
     * Moves queued events into {@code batch} (cleared first) and their arrival times into {@code arrivals}, up to
     * the next mark, waiting at most {@code timeoutMillis} for input.
     *
     * @return the mark reached when there are no events before it (it is removed), else null; the batch then holds
     *         0 or more events (0 after the time-out or at the finish)
     */
    public synchronized Mark poll(EventBatch batch, long[] arrivalsOut, long timeoutMillis)
            throws InterruptedException {
        batch.clear();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (head == tail && marks.isEmpty() && !finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        Mark m = marks.peek();
        if (m != null && m.seq() <= head) {
            return marks.poll();
        }
        long stop = m != null ? Math.min(tail, m.seq()) : tail;
        int k = (int) Math.min(stop - head, Math.min(batch.capacity(), arrivalsOut.length));
        long[] bt = batch.timestampsUs();
        short[] bx = batch.xs();
        short[] by = batch.ys();
        byte[] bp = batch.polarities();
        for (int j = 0; j < k; j++) {
            int r = (int) (head % capacity);
            bt[j] = ts[r];
            bx[j] = xs[r];
            by[j] = ys[r];
            bp[j] = ps[r];
            arrivalsOut[j] = arrivals[r];
            head++;
        }
        batch.setSize(k);
        notifyAll();
        return null;
    }

    /** Events offered so far. */
    public synchronized long offered() {
        return offered;
    }

    /** Events lost to the overflow policy so far. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Most events held at once. */
    public synchronized int highWater() {
        return highWater;
    }
}
