package io.snn4j.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Team}: every part runs exactly once per call, on the caller or a team thread, whether the team threads are
 * spinning (calls back to back) or parked (calls after a pause longer than the spin); parts do run on other threads
 * when the caller's part takes long; failures come back to the caller after all parts have ended.
 */
class TeamTest {
    @Test
    void everyPartRunsOncePerCall() throws InterruptedException {
        try (Team team = new Team(3, "test-team")) {
            assertEquals(3, team.size());
            AtomicLongArray sums = new AtomicLongArray(3);
            int calls = 4000;
            for (int c = 1; c <= calls; c++) {
                final int call = c;
                team.run(p -> sums.addAndGet(p, call));
                if (c % 1000 == 0) {
                    Thread.sleep(3); // longer than the spin: the team threads park and must be woken
                }
            }
            long want = (long) calls * (calls + 1) / 2;
            for (int p = 0; p < 3; p++) {
                assertEquals(want, sums.get(p), "part " + p);
            }
        }
    }

    @Test
    void partsRunOnOtherThreadsWhileTheCallerIsBusy() {
        try (Team team = new Team(2, "test-team")) {
            AtomicReferenceArray<Thread> ran = new AtomicReferenceArray<>(2);
            team.run(p -> {
                ran.set(p, Thread.currentThread());
                long end = System.nanoTime() + 200_000_000L; // part 0 waits long enough for any wake-up
                while (p == 0 && ran.get(1) == null && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
            assertNotEquals(ran.get(0), ran.get(1), "the two parts ran on two threads");
        }
    }

    @Test
    void aFailingPartIsThrownAfterTheOthersEnd() {
        try (Team team = new Team(2, "test-team")) {
            AtomicLong finished = new AtomicLong();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(p -> {
                if (p == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
            }));
            assertEquals("part 1 failed", e.getMessage());
            assertEquals(1, finished.get(), "part 0 ran to its end before run() threw");
            long[] ran = new long[2];
            team.run(p -> ran[p]++);
            assertArrayEquals(new long[] {1, 1}, ran, "the team still works after a failure");
        }
    }

    @Test
    void aTeamOfOneRunsOnTheCallerAndAClosedTeamRefuses() {
        Team one = new Team(1, "test-team");
        Thread[] seen = new Thread[1];
        one.run(p -> seen[p] = Thread.currentThread());
        assertSame(Thread.currentThread(), seen[0]);
        one.close();
        assertThrows(IllegalStateException.class, () -> one.run(p -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Team(0, "test-team"));
    }
}
