package io.snn4j.event;

/**
 * Allocation-free in-place sorting of int ranges for the engines' hot paths ({@link java.util.Arrays#sort(int[])}
 * may allocate a run buffer): insertion sort for short ranges, heapsort otherwise.
 */
public final class IntSort {
    /** Ranges up to this length are insertion-sorted. */
    static final int INSERTION_LIMIT = 32;

    private IntSort() {
    }

    /** Sorts {@code a[from, to)} ascending. */
    public static void sort(int[] a, int from, int to) {
        int n = to - from;
        if (n < 2) {
            return;
        }
        if (n <= INSERTION_LIMIT) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && a[j] > x) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(a, from, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            int t = a[from];
            a[from] = a[from + end];
            a[from + end] = t;
            siftDown(a, from, 0, end);
        }
    }

    private static void siftDown(int[] a, int base, int i, int n) {
        int x = a[base + i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && a[base + child + 1] > a[base + child]) {
                child++;
            }
            if (a[base + child] <= x) {
                break;
            }
            a[base + i] = a[base + child];
            i = child;
        }
        a[base + i] = x;
    }
}
