package io.snn4j.data.dataset;

import io.snn4j.data.encode.Seeds;
import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Views over data sets: index ranges, subsets, stratified splits and per-epoch shuffles. Views hold an {@code int[]}
 * of parent indices and load through the parent, so they cost 4 bytes per sample. Stateless and thread-safe.
 */
public final class Datasets {
    private Datasets() {
    }

    /** Two disjoint parts of one data set. */
    public record Split(Dataset first, Dataset second) {
    }

    /** Samples {@code from .. to-1} of {@code parent}. */
    public static Dataset range(Dataset parent, int from, int to) {
        if (from < 0 || from > to || to > parent.size()) {
            throw new IllegalArgumentException("range: need 0 <= from <= to <= size = " + parent.size() + ", were "
                    + from + " and " + to);
        }
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return new Subset(parent, indices);
    }

    /** The samples of {@code parent} at {@code indices} (read), in that order; repeats allowed. */
    public static Dataset subset(Dataset parent, int[] indices) {
        int[] copy = indices.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] >= parent.size()) {
                throw new IllegalArgumentException("subset: indices[" + i + "] must be in [0, " + parent.size()
                        + "), was " + copy[i]);
            }
        }
        return new Subset(parent, copy);
    }

    /**
     * The samples of {@code first} followed by those of {@code second} (equal channel and tick counts).
     *
     * @throws IllegalArgumentException when the channel or tick counts differ
     */
    public static Dataset concat(Dataset first, Dataset second) {
        if (first.channelCount() != second.channelCount() || first.tickCount() != second.tickCount()) {
            throw new IllegalArgumentException("concat: channel and tick counts must be equal, were "
                    + first.channelCount() + " / " + first.tickCount() + " and " + second.channelCount() + " / "
                    + second.tickCount());
        }
        return new Dataset() {
            @Override
            public int size() {
                return first.size() + second.size();
            }

            @Override
            public int label(int index) {
                Dataset.checkIndex(index, size());
                return index < first.size() ? first.label(index) : second.label(index - first.size());
            }

            @Override
            public InputSpikes load(int index) {
                Dataset.checkIndex(index, size());
                return index < first.size() ? first.load(index) : second.load(index - first.size());
            }

            @Override
            public String source(int index) {
                Dataset.checkIndex(index, size());
                return index < first.size() ? first.source(index) : second.source(index - first.size());
            }

            @Override
            public int channelCount() {
                return first.channelCount();
            }

            @Override
            public int tickCount() {
                return first.tickCount();
            }
        };
    }

    public static Split splitAt(Dataset parent, int firstCount) {
        if (firstCount < 0 || firstCount > parent.size()) {
            throw new IllegalArgumentException("splitAt: firstCount must be in [0, " + parent.size() + "], was "
                    + firstCount);
        }
        return new Split(range(parent, 0, firstCount), range(parent, firstCount, parent.size()));
    }

    /**
     * Stratified split: within each class, {@code round(fraction * classSize)} samples, chosen by a Fisher-Yates
     * shuffle of that class's indices with {@code new SplittableRandom(seed)} (classes in ascending label order), go
     * to the first part and the rest to the second. Both parts keep the parent's index order.
     *
     * @param fraction share of each class in the first part, in [0, 1]
     */
    public static Split stratifiedSplit(Dataset parent, double fraction, long seed) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("stratifiedSplit: fraction must be in [0, 1], was " + fraction);
        }
        int n = parent.size();
        ByClass c = ByClass.shuffled(parent, seed);
        boolean[] inFirst = new boolean[n];
        for (int label = 0; label < c.classes(); label++) {
            int lo = c.start[label];
            int take = (int) Math.round(fraction * (c.start[label + 1] - lo));
            for (int k = 0; k < take; k++) {
                inFirst[c.indices[lo + k]] = true;
            }
        }
        return split(parent, inFirst);
    }

    /**
     * Stratified k-fold partition for cross-validation: each class's indices are shuffled as in
     * {@link #stratifiedSplit} and dealt out to the folds in turn, the deal continuing from class to class, so every
     * fold holds {@code floor} or {@code ceil} of {@code classSize / k} of each class and the folds' sizes differ by at
     * most one. Fold {@code i}'s {@link Split} trains on the other folds ({@code first}) and tests on fold {@code i}
     * ({@code second}); every sample is tested exactly once. Both parts keep the parent's index order.
     *
     * @param k folds, in [2, size]
     */
    public static java.util.List<Split> stratifiedFolds(Dataset parent, int k, long seed) {
        int n = parent.size();
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("stratifiedFolds: folds must be in [2, " + n + "] (the samples), was "
                    + k);
        }
        ByClass c = ByClass.shuffled(parent, seed);
        int[] fold = new int[n];
        int dealt = 0;
        for (int j = 0; j < n; j++) { // indices are grouped by class, each class shuffled
            fold[c.indices[j]] = dealt++ % k;
        }
        java.util.List<Split> folds = new java.util.ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = fold[i] != f;
            }
            folds.add(split(parent, train));
        }
        return java.util.List.copyOf(folds);
    }

    /**
     * Leave-one-group-out partition (for example one group per speaker): split {@code g} trains on the samples of
     * every other group ({@code first}) and tests on those of group {@code g} ({@code second}), for
     * {@code g = 0 .. max(groups)}; every sample is tested exactly once. Both parts keep the parent's index order.
     *
     * @param groups the group of every sample (read), each in {@code [0, max]}, every group in that range non-empty
     * @throws IllegalArgumentException when {@code groups} does not have one entry per sample, an entry is negative, a
     *                                  group in {@code [0, max]} is empty, or there are fewer than two groups
     */
    public static java.util.List<Split> leaveOneGroupOut(Dataset parent, int[] groups) {
        int n = parent.size();
        if (groups.length != n) {
            throw new IllegalArgumentException("leaveOneGroupOut: " + groups.length + " groups given for " + n
                    + " samples");
        }
        int max = -1;
        for (int i = 0; i < n; i++) {
            if (groups[i] < 0) {
                throw new IllegalArgumentException("leaveOneGroupOut: groups[" + i + "] must be >= 0, was "
                        + groups[i]);
            }
            max = Math.max(max, groups[i]);
        }
        int[] count = new int[max + 1];
        for (int g : groups) {
            count[g]++;
        }
        for (int g = 0; g <= max; g++) {
            if (count[g] == 0) {
                throw new IllegalArgumentException("leaveOneGroupOut: group " + g + " of 0 .. " + max
                        + " has no samples");
            }
        }
        if (max < 1) {
            throw new IllegalArgumentException("leaveOneGroupOut: needs at least two groups, has " + (max + 1));
        }
        java.util.List<Split> splits = new java.util.ArrayList<>(max + 1);
        for (int g = 0; g <= max; g++) {
            boolean[] train = new boolean[n];
            for (int i = 0; i < n; i++) {
                train[i] = groups[i] != g;
            }
            splits.add(split(parent, train));
        }
        return java.util.List.copyOf(splits);
    }

    /** The samples marked for the first part, and the rest, each in index order. */
    private static Split split(Dataset parent, boolean[] inFirst) {
        int n = inFirst.length;
        int firstCount = 0;
        for (boolean b : inFirst) {
            firstCount += b ? 1 : 0;
        }
        int[] first = new int[firstCount];
        int[] second = new int[n - firstCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (inFirst[i]) {
                first[a++] = i;
            } else {
                second[b++] = i;
            }
        }
        return new Split(new Subset(parent, first), new Subset(parent, second));
    }

    /**
     * A data set's indices grouped by class (ascending labels, {@code start[c] .. start[c + 1]}), each class's group
     * shuffled (Fisher-Yates, one {@code new SplittableRandom(seed)} for all classes in order).
     */
    private record ByClass(int[] indices, int[] start) {
        int classes() {
            return start.length - 1;
        }

        static ByClass shuffled(Dataset parent, long seed) {
            int n = parent.size();
            int[] labels = new int[n];
            int maxLabel = -1;
            for (int i = 0; i < n; i++) {
                labels[i] = parent.label(i);
                maxLabel = Math.max(maxLabel, labels[i]);
            }
            // counting sort of indices by label, keeping index order within a class
            int[] start = new int[maxLabel + 2];
            for (int label : labels) {
                start[label + 1]++;
            }
            for (int c = 0; c <= maxLabel; c++) {
                start[c + 1] += start[c];
            }
            int[] byClass = new int[n];
            int[] fill = Arrays.copyOf(start, start.length);
            for (int i = 0; i < n; i++) {
                byClass[fill[labels[i]]++] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed);
            for (int c = 0; c <= maxLabel; c++) {
                shuffle(byClass, start[c], start[c + 1] - start[c], rng);
            }
            return new ByClass(byClass, start);
        }
    }

    /**
     * A permutation of {@code 0 .. size-1} for one epoch: Fisher-Yates with
     * {@code new SplittableRandom(Seeds.mix(seed, epoch))}. Same (seed, epoch), same order.
     */
    public static int[] shuffledOrder(int size, long seed, long epoch) {
        if (size < 0) {
            throw new IllegalArgumentException("shuffledOrder: size must be >= 0, was " + size);
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        shuffle(order, 0, size, new SplittableRandom(Seeds.mix(seed, epoch)));
        return order;
    }

    /** {@code parent} in the order {@link #shuffledOrder} gives for (seed, epoch). */
    public static Dataset shuffled(Dataset parent, long seed, long epoch) {
        return new Subset(parent, shuffledOrder(parent.size(), seed, epoch));
    }

    private static void shuffle(int[] a, int from, int length, SplittableRandom rng) {
        for (int i = length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[from + i];
            a[from + i] = a[from + j];
            a[from + j] = tmp;
        }
    }

    /** A view through an index array; loads delegate to the parent with the parent's index. */
    static final class Subset implements Dataset {
        private final Dataset parent;
        private final int[] indices;

        Subset(Dataset parent, int[] indices) {
            this.parent = parent;
            this.indices = indices;
        }

        /** Index in the parent of this view's sample {@code index}. */
        int parentIndex(int index) {
            Dataset.checkIndex(index, indices.length);
            return indices[index];
        }

        @Override
        public int size() {
            return indices.length;
        }

        @Override
        public int label(int index) {
            return parent.label(parentIndex(index));
        }

        @Override
        public InputSpikes load(int index) {
            return parent.load(parentIndex(index));
        }

        @Override
        public String source(int index) {
            return parent.source(parentIndex(index));
        }

        @Override
        public int channelCount() {
            return parent.channelCount();
        }

        @Override
        public int tickCount() {
            return parent.tickCount();
        }
    }
}
