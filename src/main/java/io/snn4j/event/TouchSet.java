package io.snn4j.event;

/**
 * A set of neuron indices in [0, capacity) that remembers insertion order: an {@code int[]} list plus a mark per
 * index, so that adding is O(1) and allocation-free. Engines use it to collect the neurons an event reached.
 *
 * <p>Not thread-safe; owned by one engine.
 */
public final class TouchSet {
    private final int[] list;
    private final boolean[] marked;
    private int count;

    public TouchSet(int capacity) {
        list = new int[capacity];
        marked = new boolean[capacity];
    }

    /** Adds {@code i} unless present. */
    public void add(int i) {
        if (!marked[i]) {
            marked[i] = true;
            list[count++] = i;
        }
    }

    public boolean contains(int i) {
        return marked[i];
    }

    public int size() {
        return count;
    }

    /** The k-th index added (k &lt; size()). */
    public int get(int k) {
        return list[k];
    }

    /** Direct view of the backing list; entries [0, size()) are valid. Read only. */
    public int[] rawList() {
        return list;
    }

    /** Empties the set in O(size()). */
    public void clear() {
        for (int k = 0; k < count; k++) {
            marked[list[k]] = false;
        }
        count = 0;
    }

    /**
     * Sorts the entries ascending (insertion order is lost), without allocating: by a scan of the marks when the set
     * holds more than 1/16 of its capacity, else in place.
     */
    public void sort() {
        if (count * 16L > marked.length) {
            int k = 0;
            for (int i = 0; i < marked.length && k < count; i++) {
                if (marked[i]) {
                    list[k++] = i;
                }
            }
        } else {
            IntSort.sort(list, 0, count);
        }
    }
}
