package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.encode.RateEncoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetsTest {
    /** 100 one-pixel images, labels: 50 of class 0, 30 of class 1, 20 of class 2. */
    private static ImageDataset labelled() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
        }
        byte[] px = new byte[100];
        Arrays.fill(px, (byte) 128);
        return ImageDataset.of(px, 1, labels, RateEncoder.reference(10), 0);
    }

    @Test
    void rangeAndSplitAtCoverTheParentInOrder() {
        ImageDataset ds = labelled();
        Dataset r = Datasets.range(ds, 10, 20);
        assertEquals(10, r.size());
        assertEquals(ds.label(15), r.label(5));
        Datasets.Split s = Datasets.splitAt(ds, 70);
        assertEquals(70, s.first().size());
        assertEquals(30, s.second().size());
        assertEquals(ds.label(70), s.second().label(0));
        DatasetFixtures.assertSameSpikes(ds.load(72), s.second().load(2));
        assertThrows(IllegalArgumentException.class, () -> Datasets.range(ds, 5, 101));
    }

    @Test
    void stratifiedSplitKeepsClassProportionsAndIsSeeded() {
        ImageDataset ds = labelled();
        Datasets.Split s = Datasets.stratifiedSplit(ds, 0.2, 7);
        int[] counts = new int[3];
        for (int i = 0; i < s.first().size(); i++) {
            counts[s.first().label(i)]++;
        }
        assertArrayEquals(new int[] {10, 6, 4}, counts); // 20 % of 50, 30, 20
        assertEquals(80, s.second().size());
        int[] a = parentIndices(s.first());
        assertArrayEquals(a, parentIndices(Datasets.stratifiedSplit(ds, 0.2, 7).first()));
        assertFalse(Arrays.equals(a, parentIndices(Datasets.stratifiedSplit(ds, 0.2, 8).first())));
        for (int i = 1; i < a.length; i++) {
            assertTrue(a[i] > a[i - 1], "parent order kept");
        }
        // disjoint and complete
        boolean[] seen = new boolean[100];
        for (int i : a) {
            seen[i] = true;
        }
        for (int i : parentIndices(s.second())) {
            assertFalse(seen[i]);
            seen[i] = true;
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
    }

    @Test
    void shuffledOrderIsAPermutationFixedBySeedAndEpoch() {
        int[] e0 = Datasets.shuffledOrder(1000, 3, 0);
        assertArrayEquals(e0, Datasets.shuffledOrder(1000, 3, 0));
        assertFalse(Arrays.equals(e0, Datasets.shuffledOrder(1000, 3, 1)));
        assertFalse(Arrays.equals(e0, Datasets.shuffledOrder(1000, 4, 0)));
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        ImageDataset ds = labelled();
        Dataset sh = Datasets.shuffled(ds, 3, 0);
        int[] order = Datasets.shuffledOrder(100, 3, 0);
        assertEquals(ds.label(order[17]), sh.label(17));
    }

    private static int[] parentIndices(Dataset view) {
        Datasets.Subset s = (Datasets.Subset) view;
        int[] r = new int[s.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = s.parentIndex(i);
        }
        return r;
    }
}
