package io.snn4j.data.dataset;

/** Label array validation shared by the data sets. */
final class Labels {
    private Labels() {
    }

    /** A copy of {@code labels} after checking each is &gt;= 0. */
    static int[] check(int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null");
        }
        int[] copy = labels.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException("labels[" + i + "] must be >= 0, was " + copy[i]);
            }
        }
        return copy;
    }
}
