package io.snn4j.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarQueueTest {
    /**
     * Against a plain list as reference: the queue always names the earliest pending tick, hands out exactly that
     * tick's events, and keeps push order among events pushed less than a window ahead.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void eventsLeaveInTickOrderThenPushOrder(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        CalendarQueue q = new CalendarQueue(64, 16);
        q.clear(0);
        List<int[]> pending = new ArrayList<>();
        List<int[]> expected = new ArrayList<>();
        List<int[]> got = new ArrayList<>();
        int serial = 0;
        int now = 0;
        for (int round = 0; round < 2000; round++) {
            int pushes = rng.nextInt(4);
            for (int k = 0; k < pushes; k++) {
                // mostly near, sometimes far beyond the window, sometimes millions of ticks ahead
                int ahead = rng.nextInt(10) == 0 ? 1 + rng.nextInt(5000) : rng.nextInt(100) == 0
                        ? 1_000_000 + rng.nextInt(1000) : 1 + rng.nextInt(40);
                int tick = now + ahead;
                q.push(tick, serial, tick, 0, 0);
                pending.add(new int[] {tick, serial, ahead < q.window() ? 0 : 1});
                serial++;
            }
            int t = q.nextTick();
            int reference = pending.stream().mapToInt(e -> e[0]).min().orElse(Integer.MAX_VALUE);
            assertEquals(reference, t);
            if (t == Integer.MAX_VALUE) {
                continue;
            }
            int h = q.open(t);
            List<Integer> direct = new ArrayList<>();
            List<Integer> all = new ArrayList<>();
            final int tick = t;
            for (int k = h; k >= 0; k = q.next(k)) {
                assertEquals(tick, q.b(k));
                all.add(q.a(k));
                int serialK = q.a(k);
                if (pending.stream().anyMatch(e -> e[1] == serialK && e[2] == 0)) {
                    direct.add(serialK);
                }
            }
            q.advance();
            List<Integer> due = pending.stream().filter(e -> e[0] == tick).map(e -> e[1]).sorted().toList();
            List<Integer> dueDirect = pending.stream().filter(e -> e[0] == tick && e[2] == 0).map(e -> e[1])
                    .sorted().toList();
            assertEquals(due, all.stream().sorted().toList(), "events of tick " + tick);
            assertEquals(dueDirect, direct, "push order within tick " + tick);
            expected.addAll(due.stream().map(x -> new int[] {tick, x}).toList());
            got.addAll(all.stream().map(x -> new int[] {tick, x}).toList());
            pending.removeIf(e -> e[0] == tick);
            now = t + 1;
        }
        assertEquals(expected.size(), got.size());
        assertEquals(serial, got.size() + pending.size());
    }
}
