package io.snn4j.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TouchSetTest {
    @Test
    void addKeepsInsertionOrderAndIgnoresRepeats() {
        TouchSet s = new TouchSet(100);
        for (int i : new int[] {7, 3, 7, 99, 0, 3}) {
            s.add(i);
        }
        assertEquals(4, s.size());
        assertArrayEquals(new int[] {7, 3, 99, 0}, Arrays.copyOf(s.rawList(), s.size()));
        assertTrue(s.contains(99));
        assertFalse(s.contains(98));
    }

    @Test
    void addAllHoldsEveryIndexAscendingAndClearsCompletely() {
        TouchSet s = new TouchSet(130);
        s.add(129);
        s.add(5);
        s.addAll();
        s.add(64); // already held: no change
        assertEquals(130, s.size());
        for (int k = 0; k < 130; k++) {
            assertEquals(k, s.get(k));
            assertTrue(s.contains(k));
        }
        s.sort();
        int[] ascending = new int[130];
        Arrays.setAll(ascending, k -> k);
        assertArrayEquals(ascending, Arrays.copyOf(s.rawList(), s.size()));
        s.clear();
        assertEquals(0, s.size());
        for (int k = 0; k < 130; k++) {
            assertFalse(s.contains(k), "cleared " + k); // including 129 and 5, added before addAll
        }
        s.add(5); // usable as a plain set again
        s.add(2);
        assertEquals(2, s.size());
        assertArrayEquals(new int[] {5, 2}, Arrays.copyOf(s.rawList(), 2));
    }

    /**
     * sort against java.util.Arrays.sort of the distinct indices added, at every size from 0 to 300 in a small and a
     * large capacity (each of its three ways: insertion sort, bitmap walk, heapsort), and the set still works after.
     */
    @Test
    void sortOrdersTheEntriesAscendingAtEverySize() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int capacity : new int[] {100, 2312}) {
            TouchSet s = new TouchSet(capacity);
            for (int size = 0; size <= 300; size++) {
                s.clear();
                for (int k = 0; k < size; k++) {
                    s.add(rng.nextInt(capacity));
                }
                int[] want = Arrays.copyOf(s.rawList(), s.size());
                Arrays.sort(want);
                s.sort();
                assertArrayEquals(want, Arrays.copyOf(s.rawList(), s.size()), capacity + " / " + size);
                for (int i : want) {
                    assertTrue(s.contains(i));
                }
            }
        }
    }
}
