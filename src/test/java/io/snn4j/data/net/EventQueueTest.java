package io.snn4j.data.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventBatch;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded queue: each overflow policy keeps and counts exactly the events it declares, and marks stay in order. */
class EventQueueTest {
    /** A batch of events with timestamps from..to-1 (x = t % 100). */
    static EventBatch batch(int from, int to) {
        EventBatch b = new EventBatch(Math.max(64, to - from), 1);
        for (int t = from; t < to; t++) {
            b.add(t, t % 100, 1, t & 1);
        }
        return b;
    }

    static long[] take(EventQueue q) throws InterruptedException {
        EventBatch b = new EventBatch(1024, 1);
        long[] arrivals = new long[1024];
        q.poll(b, arrivals, 0);
        return Arrays.copyOf(b.timestampsUs(), b.size());
    }

    static long[] range(int from, int to) {
        long[] r = new long[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + (long) i;
        }
        return r;
    }

    @Test
    void dropNewestKeepsTheFirstEventsAndCountsTheRest() throws InterruptedException {
        EventQueue q = new EventQueue(64, EventQueue.Overflow.DROP_NEWEST);
        q.offer(batch(0, 50), 1);
        q.offer(batch(50, 100), 2); // 14 fit, 36 dropped
        assertEquals(100, q.offered());
        assertEquals(36, q.dropped());
        assertEquals(64, q.highWater());
        assertArrayEquals(range(0, 64), take(q));
        q.offer(batch(0, 200), 3); // more than the whole queue: the first 64 kept
        assertEquals(36 + 136, q.dropped());
        assertArrayEquals(range(0, 64), take(q));
    }

    @Test
    void dropOldestKeepsTheFreshestEvents() throws InterruptedException {
        EventQueue q = new EventQueue(64, EventQueue.Overflow.DROP_OLDEST);
        q.offer(batch(0, 50), 1);
        q.offer(batch(50, 100), 2); // the oldest 36 go
        assertEquals(36, q.dropped());
        assertArrayEquals(range(36, 100), take(q));
        q.offer(batch(0, 200), 3); // the last 64 kept
        assertEquals(36 + 136, q.dropped());
        assertArrayEquals(range(136, 200), take(q));
    }

    @Test
    void blockWaitsForTheConsumerAndLosesNothing() throws Exception {
        EventQueue q = new EventQueue(64, EventQueue.Overflow.BLOCK);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                for (int k = 0; k < 10; k++) {
                    q.offer(batch(100 * k, 100 * k + 100), k);
                }
                q.finish();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        EventBatch b = new EventBatch(64, 1);
        long[] arrivals = new long[64];
        long next = 0;
        while (!q.isDrained()) {
            q.poll(b, arrivals, 100);
            for (int i = 0; i < b.size(); i++) {
                assertEquals(next++, b.timestampsUs()[i]);
                assertEquals(next / 100 - (next % 100 == 0 ? 1 : 0), arrivals[i]);
            }
        }
        producer.get(10, TimeUnit.SECONDS);
        assertEquals(1000, next);
        assertEquals(0, q.dropped());
        assertTrue(q.highWater() <= 64);
    }

    @Test
    void marksComeBetweenTheEventsOfferedBeforeAndAfterThem() throws InterruptedException {
        EventQueue q = new EventQueue(64, EventQueue.Overflow.DROP_NEWEST);
        EventBatch b = new EventBatch(64, 1);
        long[] arrivals = new long[64];
        q.mark(EventQueue.MarkKind.CONNECTED, "hello");
        q.offer(batch(0, 3), 7);
        q.mark(EventQueue.MarkKind.CLOSED, "bye");
        q.offer(batch(3, 5), 8);
        assertEquals("hello", q.poll(b, arrivals, 0).message());
        assertNull(q.poll(b, arrivals, 0));
        assertEquals(3, b.size());
        assertEquals(7, arrivals[2]);
        assertEquals(EventQueue.MarkKind.CLOSED, q.poll(b, arrivals, 0).kind());
        assertNull(q.poll(b, arrivals, 0));
        assertEquals(2, b.size());
        assertEquals(4, b.timestampsUs()[1]);
        assertEquals(8, arrivals[1]);
        assertNull(q.poll(b, arrivals, 0));
        assertEquals(0, b.size());
        q.finish();
        assertTrue(q.isDrained());
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new EventQueue(10, EventQueue.Overflow.BLOCK));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventQueue.Overflow.parse("spill"));
        assertTrue(e.getMessage().contains("'spill'"), e.getMessage());
        assertEquals(EventQueue.Overflow.DROP_OLDEST, EventQueue.Overflow.parse(" Drop-Oldest"));
    }
}
