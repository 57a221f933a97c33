package io.snn4j.train;

import java.util.Arrays;

/**
 * Top-k sparsification of one layer's error vector, with MSBP's memory: the scratch of one worker. Not thread-safe.
 *
 * <p>meProp (Sun, Ren, Ma &amp; Wang, ICML 2017, "meProp: Sparsified Back Propagation for Accelerated Deep Learning
 * with Reduced Overfitting", section 2): in the backward pass only the k entries of the output gradient of a layer
 * with the largest magnitude are kept, so the weight gradient has k non-zero columns and the error handed down is a
 * sum over k columns. MSBP (Zhang, Yang, Ren, Su &amp; Sun, arXiv 1905.10194): what a step leaves out is kept in a
 * per-layer memory and added to the next step's error, decayed by alpha (0.8 in the paper's MNIST table), so that no
 * part of the error is lost for good. Per layer and step:
 * <pre>
 *   u = delta + m             (the accumulated error; m = 0 for meProp)
 *   S = top-k of |u|          (ties to the lower neuron index, so the set is unique)
 *   delta' = u on S, 0 off S  (what is propagated)
 *   r = u - delta'            (exactly u off S, exactly 0 on S: delta' + r == u bit for bit)
 *   m = alpha * r             (what is remembered for the next step)
 * </pre>
 * Where HM2-BP's structure forces a choice: "the layer's output gradient" is the delta of a post population
 * (dE/do_i divided by its threshold, hm2bp-spec 4.4), so the selection runs on those deltas, before the layer's
 * micro-level backward pass; the side terms and the S-PSP effects are then computed for the selected post neurons
 * only ({@link DenseBackward#backwardSparse}). In faithful mode a step is one sample, so the memory carries from
 * sample to sample. In minibatch mode the selection is meProp's "unified" top-k (the variant of the meProp
 * authors' released code for mini-batches: one set of k indices for the whole batch, chosen by the magnitudes summed
 * over the batch, so the batch's weight gradient has k columns): {@link #applyShared} ranks the neurons by the sum over
 * the batch of |u|, and every sample propagates its own values on that one set. The
 * trainer stops every sample of the batch before such a layer, selects, and continues
 * ({@link Worker#begin}, {@link Worker#resume}). The memory stays per sample: each batch slot remembers what its own
 * sample left out and adds it to the sample in the same slot of the next batch (MSBP stores the unpropagated part of
 * the layer's gradient matrix, one row per example of the batch); deterministic and independent of the thread count.
 */
final class SparseErrors {
    private final int[] heap;
    private final boolean[] chosen;
    /** r of the last {@link #apply}: what was not propagated, before the decay. */
    final double[] residual;

    /** Per neuron: the batch's summed magnitudes of {@link #applyShared}. */
    private final double[] score;

    SparseErrors(int size) {
        heap = new int[size];
        chosen = new boolean[size];
        residual = new double[size];
        score = new double[size];
    }

    /**
     * The unified top-k of a mini-batch: for each slot b in {@code 0 .. count)}, {@code u_b = deltas[b] + memories[b]}
     * (in place; no memory when {@code memories} or its entry is null); the set S of the k neurons with the largest
     * {@code sum_b |u_b[i]|} (summed in slot order, ties to the lower index); then per slot {@code deltas[b] = u_b}
     * on S and 0 off S, {@code memories[b] = alpha * (u_b off S)}, and {@code cols[b][0 .. nc[b])} the neurons of S
     * where slot b's error is not 0 (ascending). Returns the size of S.
     */
    int applyShared(double[][] deltas, int count, int n, int k, double[][] memories, double alpha, int[][] cols,
                    int[] nc) {
        Arrays.fill(score, 0, n, 0);
        for (int b = 0; b < count; b++) {
            double[] u = deltas[b];
            double[] m = memories == null ? null : memories[b];
            for (int i = 0; i < n; i++) {
                if (m != null) {
                    u[i] += m[i];
                }
                score[i] += Math.abs(u[i]);
            }
        }
        int size = select(score, n, Math.min(k, n), heap);
        Arrays.fill(chosen, 0, n, false);
        for (int c = 0; c < size; c++) {
            chosen[heap[c]] = true;
        }
        for (int b = 0; b < count; b++) {
            double[] u = deltas[b];
            double[] m = memories == null ? null : memories[b];
            int[] out = cols[b];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (chosen[i]) {
                    if (m != null) {
                        m[i] = 0;
                    }
                    if (u[i] != 0) {
                        out[c++] = i;
                    }
                } else {
                    if (m != null) {
                        m[i] = alpha * u[i];
                    }
                    u[i] = 0;
                }
            }
            nc[b] = c;
        }
        return size;
    }

    /**
     * Sparsifies {@code delta[0 .. n)} in place as above and lists the propagated neurons whose error is not 0 in
     * {@code cols} (ascending); returns their count. {@code memory} (read and written) may be null (meProp).
     */
    int apply(double[] delta, int n, int k, double[] memory, double alpha, int[] cols) {
        if (memory != null) {
            for (int i = 0; i < n; i++) {
                delta[i] += memory[i];
            }
        }
        int kk = Math.min(k, n);
        int m = select(delta, n, kk, heap);
        Arrays.fill(chosen, 0, n, false);
        for (int c = 0; c < m; c++) {
            chosen[heap[c]] = true;
        }
        int nc = 0;
        for (int i = 0; i < n; i++) {
            if (chosen[i]) {
                residual[i] = 0;
                if (delta[i] != 0) {
                    cols[nc++] = i;
                }
            } else {
                residual[i] = delta[i];
                delta[i] = 0;
            }
        }
        if (memory != null) {
            for (int i = 0; i < n; i++) {
                memory[i] = alpha * residual[i];
            }
        }
        return nc;
    }

    /** Whether entry a ranks before entry b: larger magnitude first, ties to the lower index (a total order). */
    private static boolean before(double[] u, int a, int b) {
        double ua = Math.abs(u[a]);
        double ub = Math.abs(u[b]);
        return ua > ub || (ua == ub && a < b);
    }

    /**
     * The first {@code k} entries of {@code u[0 .. n)} in the order of {@link #before} (unique: a total order), left
     * in {@code out[0 .. k)} in no particular order; returns k. A bounded heap whose root is the weakest kept entry.
     * NaN entries rank last.
     */
    static int select(double[] u, int n, int k, int[] out) {
        if (k <= 0) {
            return 0;
        }
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(u[i])) {
                continue;
            }
            if (size < k) {
                out[size] = i;
                siftUp(u, out, size++);
            } else if (before(u, i, out[0])) {
                out[0] = i;
                siftDown(u, out, size);
            }
        }
        for (int i = 0; i < n && size < k; i++) { // only NaN entries are left to fill k
            if (Double.isNaN(u[i])) {
                out[size++] = i;
            }
        }
        return size;
    }

    /** Min-heap on rank: the parent ranks after (is weaker than) its children. */
    private static void siftUp(double[] u, int[] h, int pos) {
        int x = h[pos];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!before(u, h[parent], x)) {
                break;
            }
            h[pos] = h[parent];
            pos = parent;
        }
        h[pos] = x;
    }

    private static void siftDown(double[] u, int[] h, int size) {
        int pos = 0;
        int x = h[0];
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(u, h[child], h[child + 1])) {
                child++;
            }
            if (!before(u, x, h[child])) {
                break;
            }
            h[pos] = h[child];
            pos = child;
        }
        h[pos] = x;
    }
}
