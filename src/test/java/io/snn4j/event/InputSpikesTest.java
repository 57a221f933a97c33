package io.snn4j.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link InputSpikes#ofOrdered}: the same spikes as {@link InputSpikes#of} for ordered input, and its checks. */
class InputSpikesTest {
    @Test
    void orderedInputGivesTheSpikesOfTheSortingFactory() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int channels = 1 + rng.nextInt(40);
            int[] t = new int[200];
            int[] c = new int[200];
            int n = 0;
            for (int tick = 0; tick < 30 && n < 200; tick++) {
                for (int ch = 0; ch < channels && n < 200; ch++) {
                    if (rng.nextInt(5) == 0) {
                        t[n] = tick;
                        c[n] = ch;
                        n++;
                    }
                }
            }
            InputSpikes sorted = InputSpikes.of(channels, java.util.Arrays.copyOf(t, n),
                    java.util.Arrays.copyOf(c, n));
            InputSpikes ordered = InputSpikes.ofOrdered(channels, t, c, n);
            assertEquals(sorted.size(), ordered.size());
            for (int i = 0; i < n; i++) {
                assertEquals(sorted.tick(i), ordered.tick(i));
                assertEquals(sorted.channel(i), ordered.channel(i));
            }
        }
    }

    @Test
    void disorderRepeatsAndBadValuesAreRefusedByIndex() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.ofOrdered(4, new int[] {0, 1, 1}, new int[] {2, 3, 1}, 3)).getMessage();
        assertTrue(m.contains("spike 2: (tick 1, channel 1) does not follow (tick 1, channel 3)"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.ofOrdered(4, new int[] {0, 0}, new int[] {2, 2}, 2)).getMessage();
        assertTrue(m.contains("spike 1"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.ofOrdered(4, new int[] {2, 1}, new int[] {0, 0}, 2)).getMessage();
        assertTrue(m.contains("spike 1"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.ofOrdered(4, new int[] {0, 1}, new int[] {0, 4}, 2)).getMessage();
        assertTrue(m.contains("spike 1: channel must be in [0, 4), was 4"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> InputSpikes.ofOrdered(4, new int[] {-1}, new int[] {0}, 1)).getMessage();
        assertTrue(m.contains("tick must be >= 0, was -1"), m);
        assertThrows(IllegalArgumentException.class, () -> InputSpikes.ofOrdered(4, new int[2], new int[2], 3));
        // only the first n entries count: the rest may hold anything
        InputSpikes s = InputSpikes.ofOrdered(4, new int[] {0, 5, -7}, new int[] {1, 2, 99}, 2);
        assertEquals(2, s.size());
        assertEquals(5, s.tick(1));
    }
}
