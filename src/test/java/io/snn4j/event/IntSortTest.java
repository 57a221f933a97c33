package io.snn4j.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntSortTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 31, 32, 33, 100, 1000, 5000})
    void sortsLikeArraysSort(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        int[] a = new int[n + 6];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextInt(n / 2 + 1) - 3;
        }
        int[] expected = a.clone();
        Arrays.sort(expected, 3, n + 3);
        IntSort.sort(a, 3, n + 3);
        assertArrayEquals(expected, a);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 100, 3000})
    void touchSetSortsByEitherPath(int m) {
        SplittableRandom rng = new SplittableRandom(m);
        TouchSet s = new TouchSet(4000);
        for (int k = 0; k < m; k++) {
            s.add(rng.nextInt(4000));
        }
        int[] expected = Arrays.copyOf(s.rawList(), s.size());
        Arrays.sort(expected);
        s.sort();
        assertArrayEquals(expected, Arrays.copyOf(s.rawList(), s.size()));
    }
}
