package io.snn4j.event;

/**
 * A set of neuron indices in [0, capacity) that remembers insertion order: an {@code int[]} list plus a bitmap, so
 * that adding is O(1) and allocation-free. Engines use it to collect the neurons an event reached.
 *
 * <p>Not thread-safe; owned by one engine.
 */
public final class TouchSet {
    private final int[] list;
    private final long[] bits;
    private int count;
    /** Holds every index (after {@link #addAll}): the list is implicit, 0, 1, 2, ... */
    private boolean all;

    public TouchSet(int capacity) {
        list = new int[capacity];
        bits = new long[(capacity + 63) >>> 6];
    }

    /** Adds {@code i} unless present. */
    public void add(int i) {
        if (all) {
            return;
        }
        long bit = 1L << i;
        int w = i >>> 6;
        long word = bits[w];
        if ((word & bit) == 0) {
            bits[w] = word | bit;
            list[count++] = i;
        }
    }

    /**
     * Adds every index in [0, capacity) in O(1), e.g. for a dense projection that reaches every target; afterwards
     * the entries are in ascending order.
     */
    public void addAll() {
        if (all) {
            return;
        }
        for (int k = 0; k < count; k++) { // the bitmap stays clear while every index is held
            bits[list[k] >>> 6] = 0L;
        }
        all = true;
        count = list.length;
    }

    public boolean contains(int i) {
        return all || (bits[i >>> 6] & (1L << i)) != 0;
    }

    public int size() {
        return count;
    }

    /** The k-th index added (k &lt; size()). */
    public int get(int k) {
        return all ? k : list[k];
    }

    /** Direct view of the backing list; entries [0, size()) are valid. Read only. */
    public int[] rawList() {
        if (all) {
            for (int k = 0; k < count; k++) {
                list[k] = k;
            }
        }
        return list;
    }

    /** Empties the set in O(size()), or O(1) after {@link #addAll}. */
    public void clear() {
        if (all) {
            all = false;
            count = 0;
            return;
        }
        for (int k = 0; k < count; k++) {
            bits[list[k] >>> 6] = 0L;
        }
        count = 0;
    }

    /**
     * Sorts the entries ascending (insertion order is lost), without allocating: a few entries in place (insertion
     * sort), more by walking the bitmap when it has fewer than eight words per entry, else in place.
     */
    public void sort() {
        if (all) {
            return;
        }
        if (count > IntSort.INSERTION_LIMIT && bits.length <= 8L * count) {
            int k = 0;
            for (int w = 0; w < bits.length && k < count; w++) {
                long b = bits[w];
                while (b != 0) {
                    list[k++] = (w << 6) + Long.numberOfTrailingZeros(b);
                    b &= b - 1;
                }
            }
        } else {
            IntSort.sort(list, 0, count);
        }
    }
}
