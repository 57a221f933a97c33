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

    /**
     * Every sample is tested in exactly one fold and trained on in the others; each fold holds floor or ceil of
     * classSize / k of every class (50, 30, 20 samples) and the folds' sizes differ by at most one; seeded.
     */
    @Test
    void stratifiedFoldsPartitionEachClassEvenlyAndTestEverySampleOnce() {
        ImageDataset ds = labelled();
        int[] classSize = {50, 30, 20};
        for (int k : new int[] {2, 3, 7, 100}) {
            java.util.List<Datasets.Split> folds = Datasets.stratifiedFolds(ds, k, 11);
            assertEquals(k, folds.size());
            int[] tested = new int[100];
            int minSize = Integer.MAX_VALUE;
            int maxSize = 0;
            for (Datasets.Split f : folds) {
                int[] test = parentIndices(f.second());
                int[] train = parentIndices(f.first());
                assertEquals(100, test.length + train.length, "k " + k);
                boolean[] inTest = new boolean[100];
                int[] perClass = new int[3];
                for (int i : test) {
                    tested[i]++;
                    inTest[i] = true;
                    perClass[ds.label(i)]++;
                }
                for (int i : train) {
                    assertFalse(inTest[i], "sample " + i + " both trained on and tested, k " + k);
                }
                for (int c = 0; c < 3; c++) {
                    assertTrue(perClass[c] == classSize[c] / k || perClass[c] == (classSize[c] + k - 1) / k,
                            "class " + c + " in a fold of " + k + ": " + perClass[c]);
                }
                minSize = Math.min(minSize, test.length);
                maxSize = Math.max(maxSize, test.length);
                for (int i = 1; i < test.length; i++) {
                    assertTrue(test[i] > test[i - 1], "parent order kept");
                }
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(1, tested[i], "sample " + i + " tested once, k " + k);
            }
            assertTrue(maxSize - minSize <= 1, "fold sizes " + minSize + " .. " + maxSize + ", k " + k);
        }
        assertArrayEquals(parentIndices(Datasets.stratifiedFolds(ds, 5, 11).get(2).second()),
                parentIndices(Datasets.stratifiedFolds(ds, 5, 11).get(2).second()));
        assertFalse(Arrays.equals(parentIndices(Datasets.stratifiedFolds(ds, 5, 11).get(2).second()),
                parentIndices(Datasets.stratifiedFolds(ds, 5, 12).get(2).second())));
        assertThrows(IllegalArgumentException.class, () -> Datasets.stratifiedFolds(ds, 1, 11));
        assertThrows(IllegalArgumentException.class, () -> Datasets.stratifiedFolds(ds, 101, 11));
    }

    @Test
    void leaveOneGroupOutTestsEachGroupOnceAndTrainsOnTheOthers() {
        ImageDataset ds = labelled();
        int[] groups = new int[100];
        for (int i = 0; i < 100; i++) {
            groups[i] = (i * 7) % 3; // groups interleaved: 34, 33, 33 samples
        }
        java.util.List<Datasets.Split> splits = Datasets.leaveOneGroupOut(ds, groups);
        assertEquals(3, splits.size());
        for (int group = 0; group < 3; group++) {
            int g = group;
            int[] test = parentIndices(splits.get(g).second());
            int[] train = parentIndices(splits.get(g).first());
            int[] expectedTest = java.util.stream.IntStream.range(0, 100).filter(i -> (i * 7) % 3 == g).toArray();
            int[] expectedTrain = java.util.stream.IntStream.range(0, 100).filter(i -> (i * 7) % 3 != g).toArray();
            assertArrayEquals(expectedTest, test, "group " + g);
            assertArrayEquals(expectedTrain, train, "group " + g);
        }
        assertEquals(34, splits.get(0).second().size());
        int[] gap = groups.clone();
        for (int i = 0; i < 100; i++) {
            gap[i] = gap[i] == 1 ? 2 : gap[i]; // group 1 empty
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.leaveOneGroupOut(ds, gap));
        assertEquals("leaveOneGroupOut: group 1 of 0 .. 2 has no samples", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Datasets.leaveOneGroupOut(ds, new int[100]));
        assertThrows(IllegalArgumentException.class, () -> Datasets.leaveOneGroupOut(ds, new int[99]));
        int[] negative = groups.clone();
        negative[5] = -1;
        assertThrows(IllegalArgumentException.class, () -> Datasets.leaveOneGroupOut(ds, negative));
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
