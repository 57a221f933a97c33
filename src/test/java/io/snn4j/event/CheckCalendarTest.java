package io.snn4j.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckCalendarTest {
    /**
     * Against a plain per-item array of pending ticks as reference: random schedules (often moving a pending item
     * earlier or later, to the edge of the window, to its own tick), cancels and ticks skipped. The calendar always
     * names the earliest pending tick and hands out exactly the items pending at it, each once.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void handsOutExactlyTheLatestTickOfEveryItem(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int items = 1 + rng.nextInt(300);
        CheckCalendar cal = new CheckCalendar(100, items);
        assertEquals(128, cal.window());
        int[] reference = new int[items];
        Arrays.fill(reference, -1);
        int now = 0;
        int handedOut = 0;
        for (int round = 0; round < 3000; round++) {
            int ops = rng.nextInt(12);
            for (int k = 0; k < ops; k++) {
                int item = rng.nextInt(items);
                if (rng.nextInt(8) == 0) {
                    cal.cancel(item);
                    reference[item] = -1;
                } else {
                    int ahead = rng.nextInt(10) == 0 ? cal.window() - 1 : rng.nextInt(3) == 0 ? 1 : rng.nextInt(60);
                    cal.schedule(item, now + ahead);
                    reference[item] = now + ahead;
                }
                assertEquals(reference[item], cal.tickOf(item));
            }
            int expected = Arrays.stream(reference).filter(x -> x >= 0).min().orElse(Integer.MAX_VALUE);
            assertEquals(expected, cal.nextTick(), "round " + round);
            assertEquals(expected == Integer.MAX_VALUE, cal.isEmpty());
            if (expected == Integer.MAX_VALUE) {
                now += 1 + rng.nextInt(500);
                cal.open(now);
                continue;
            }
            cal.open(expected);
            List<Integer> got = new ArrayList<>();
            for (int item = cal.take(); item >= 0; item = cal.take()) {
                assertEquals(-1, cal.tickOf(item));
                got.add(item);
            }
            List<Integer> due = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                if (reference[i] == expected) {
                    due.add(i);
                    reference[i] = -1;
                }
            }
            assertEquals(due, got.stream().sorted().toList(), "items due at tick " + expected);
            handedOut += got.size();
            // sometimes the next tick is processed for other reasons (nothing due), as the engine does
            now = expected + (rng.nextBoolean() ? 1 : 0);
            cal.open(now);
        }
        assertTrue(handedOut > 1000, "the test exercised the calendar: " + handedOut);
    }

    @Test
    void rescheduledItemLeavesOnlyAtItsNewTick() {
        CheckCalendar cal = new CheckCalendar(64, 3);
        cal.schedule(1, 10);
        cal.schedule(1, 5);
        cal.schedule(2, 5);
        cal.schedule(2, 7);
        assertEquals(5, cal.nextTick());
        cal.open(5);
        assertEquals(1, cal.take());
        assertEquals(-1, cal.take());
        assertEquals(7, cal.nextTick());
        cal.cancel(2);
        assertEquals(Integer.MAX_VALUE, cal.nextTick());
        cal.open(7);
        assertEquals(-1, cal.take());
    }

    @Test
    void refusesTicksOutsideTheWindow() {
        CheckCalendar cal = new CheckCalendar(64, 2);
        cal.open(10);
        assertThrows(IllegalArgumentException.class, () -> cal.schedule(0, 9));
        assertThrows(IllegalArgumentException.class, () -> cal.schedule(0, 10 + 64));
        cal.schedule(0, 10 + 63);
        assertEquals(73, cal.nextTick());
        assertThrows(IllegalArgumentException.class, () -> cal.open(9));
        assertThrows(IllegalArgumentException.class, () -> new CheckCalendar(64, -1));
    }
}
