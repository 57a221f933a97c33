package io.snn4j.train;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import java.util.Arrays;

/**
 * The micro level of HM2-BP for one dense layer (hm2bp-spec 4.3, 4.4), with the scratch buffers of one worker.
 * Weights, S-PSPs and gradients are source-major: the entry of pre neuron j and post neuron i is at
 * {@code j * nOut + i}, so one presynaptic spike adds one contiguous table row.
 * <pre>
 *   e_{i|j}   = sum_{q in S_j} K_i[q]            (K_i: {@link Spsp} table of fired post neuron i; 0.1 / 0 rules)
 *   side_i    = (1/nu_out) sum_j w_ij rho_ij,      rho_ij = e_{i|j}/o_i if o_i &gt; 0, else 0.5
 *   grad_ij   = delta_i * e_{i|j} * (1 + side_i) * L_i
 *   dE/do_j   = sum_i delta_i w_ij rho'_ij,        rho'_ij = e_{i|j}/o_j if o_i &gt; 0 and o_j &gt; 0, else 1
 *   delta_j   = dE/do_j / nu_in
 * </pre>
 * The work splits into post-neuron column ranges ({@link #columns}) and then pre-neuron row ranges ({@link #rows});
 * every float is computed by the same operations in the same order whatever the split, so several threads may run
 * disjoint ranges of one phase at once and get the single-threaded result bit for bit. Not thread-safe otherwise.
 */
final class DenseBackward implements LayerBackward {
    /** Row kernels: elementwise, so every implementation gives the same floats; the JVM's best are used. */
    private static final Kernels KERNELS = KernelProvider.get();

    final int nIn;
    final int nOut;
    private final Spsp spsp;
    private final int ticks;
    final float[] table;
    private final float[] tableByNeuron;
    final float[] e;
    private final float[] accWe;
    private final float[] accW;
    private final float[] factor;
    private final float[] dFired;
    private final float[] dSilent;
    /** Per post neuron: the silent-post S-PSP (0.1) if it did not fire, else 0. */
    private final float[] silentPost;
    /** The fired post neurons of a column range [a, b), listed from index a; and their S-PSP sums for one pre row. */
    private final int[] firedPost;
    private final float[] firedSum;
    final double[] side;
    /**
     * When true the gradient rows of silent pre neurons (and the whole gradient of a layer whose deltas are all 0) are
     * left as they are instead of being written with zeros: the caller knows from the spike counts which rows hold
     * this sample's values (minibatch mode sums only those).
     */
    private boolean sparseRows;
    /**
     * Whether {@link #accW} holds the column sums of the current weights (all columns): they are reused until
     * {@link #weightsChanged()}, i.e. across the samples of a mini-batch.
     */
    private boolean columnSumsValid;

    DenseBackward(int nIn, int nOut, Spsp spsp) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.spsp = spsp;
        this.ticks = spsp.ticks();
        table = new float[ticks * nOut];
        tableByNeuron = new float[ticks * nOut];
        e = new float[nIn * nOut];
        accWe = new float[nOut];
        accW = new float[nOut];
        factor = new float[nOut];
        dFired = new float[nOut];
        dSilent = new float[nOut];
        silentPost = new float[nOut];
        firedPost = new int[nOut];
        firedSum = new float[nOut];
        side = new double[nOut];
    }

    /** The weights passed to the next call differ from the last call's: the column sums are computed again. */
    void weightsChanged() {
        columnSumsValid = false;
    }

    /** See {@link #sparseRows}. */
    void sparseRows(boolean sparse) {
        this.sparseRows = sparse;
    }

    @Override
    public void backward(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                         double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                         double nuIn, boolean effectRatio) {
        if (skip(deltaOut, grad, accumulate, deltaIn)) {
            return;
        }
        columns(pre, preOff, post, postOff, w, deltaOut, lateral, nuOut, grad, accumulate, 0, nOut);
        if (deltaIn != null) {
            rows(pre, preOff, post, postOff, w, deltaIn, nuIn, effectRatio, 0, nIn);
        }
    }

    /**
     * When every delta is 0 (typical inside the dead zone) the gradient and the deltas handed down are exactly 0 and
     * the S-PSPs are not needed: writes those zeros (not the gradient's with {@link #sparseRows}) and returns true.
     */
    boolean skip(double[] deltaOut, float[] grad, boolean accumulate, double[] deltaIn) {
        if (!allZero(deltaOut, nOut)) {
            return false;
        }
        if (!accumulate && !sparseRows) {
            Arrays.fill(grad, 0, nIn * nOut, 0f);
        }
        if (deltaIn != null) {
            Arrays.fill(deltaIn, 0, nIn, 0);
        }
        return true;
    }

    /**
     * Fills {@link #e} from the trains of pre neurons {@code preOff ..} and post neurons {@code postOff ..}: the rows
     * of the pre neurons that fired (a silent pre neuron's S-PSPs are 0; its row is not written and never read).
     */
    void effects(SpikeTrains pre, int preOff, SpikeTrains post, int postOff) {
        effects(pre, preOff, post, postOff, 0, nOut);
    }

    /**
     * S-PSP tables and {@link #e} for post neurons [a, b). Only the fired post neurons have a non-zero column of K
     * (typically a small part of a hidden layer), so K is built compacted to them: one presynaptic spike at q adds the
     * contiguous row of their m entries, and the sums are scattered into {@link #e}, whose other entries take the
     * silent-post rule (0.1). Each S-PSP is the same sum in the same order as over full rows. Rows of silent pre
     * neurons are skipped.
     */
    private void effects(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, int a, int b) {
        final int n = nOut;
        final int tt = ticks;
        final float[] k = table;
        final float[] byNeuron = tableByNeuron;
        final int[] fired = firedPost;
        // a silent post neuron's S-PSP from an active pre neuron is the constant 0.1, from a silent one 0
        final float[] silent = silentPost;
        final float silentValue = (float) Spsp.SILENT_POST_VALUE;
        int m = 0;
        for (int i = a; i < b; i++) {
            int c = post.count[postOff + i];
            silent[i] = c == 0 ? silentValue : 0f;
            if (c > 0) {
                int col = (a + m) * tt;
                fired[a + m++] = i;
                Arrays.fill(byNeuron, col, col + tt, 0f);
                spsp.addColumn(post.times, post.start[postOff + i], c, byNeuron, 1, col);
            }
        }
        transposeTable(a, a + m);
        final float[] ee = e;
        final float[] sum = firedSum;
        final int[] times = pre.times;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            int from = pre.start[preOff + j];
            int to = from + pre.count[preOff + j];
            if (from == to) {
                continue;
            }
            System.arraycopy(silent, a, ee, row + a, b - a);
            if (m == 0) {
                continue;
            }
            Arrays.fill(sum, a, a + m, 0f);
            // the rows K[q] of the spike times q in order (times from the run are < ticks; any beyond add nothing)
            int end = to;
            while (end > from && times[end - 1] >= tt) {
                end--;
            }
            KERNELS.addRows(sum, a, k, times, from, end, n, a, m);
            for (int c = a; c < a + m; c++) {
                ee[row + fired[c]] = sum[c];
            }
        }
    }

    /**
     * Transposes the compacted S-PSP columns [from, to) of {@link #tableByNeuron} into {@link #table}, so that one
     * presynaptic spike at q adds the contiguous row K[q][from .. to); in blocks of 16 neurons, whose columns stay in
     * the first-level cache while their rows of K are written.
     */
    private void transposeTable(int from, int to) {
        final int n = nOut;
        final int tt = ticks;
        final float[] k = table;
        final float[] byNeuron = tableByNeuron;
        for (int c0 = from; c0 < to; c0 += 16) {
            final int c1 = Math.min(to, c0 + 16);
            for (int q = 0; q < tt; q++) {
                final int row = q * n;
                for (int c = c0; c < c1; c++) {
                    k[row + c] = byNeuron[c * tt + q];
                }
            }
        }
    }

    /**
     * Phase 1 for post neurons [a, b): S-PSPs, side terms and the weight gradient (written, or added to when
     * {@code accumulate}).
     */
    void columns(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                 double[] lateral, double nuOut, float[] grad, boolean accumulate, int a, int b) {
        effects(pre, preOff, post, postOff, a, b);
        final int n = nOut;
        final float[] ee = e;
        final float[] we = accWe;
        final float[] ws = accW;
        Arrays.fill(we, a, b, 0f);
        for (int j = 0; j < nIn; j++) {
            if (pre.count[preOff + j] > 0) { // a silent pre neuron's S-PSPs are 0: w * 0 would add nothing
                KERNELS.addProduct(we, a, w, j * n + a, ee, j * n + a, b - a);
            }
        }
        // column sums of w (for silent post neurons' side terms): the same for every sample until the weights change
        final boolean whole = a == 0 && b == n;
        if (!(whole && columnSumsValid)) {
            Arrays.fill(ws, a, b, 0f);
            for (int j = 0; j < nIn; j++) {
                KERNELS.addTo(ws, a, w, j * n + a, b - a);
            }
            columnSumsValid = whole;
        }
        for (int i = a; i < b; i++) {
            postFactors(i, post.count[postOff + i], deltaOut, lateral, nuOut);
        }
        final float[] f = factor;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            if (pre.count[preOff + j] == 0) { // S-PSPs 0: so is the gradient
                if (!accumulate && !sparseRows) {
                    Arrays.fill(grad, row + a, row + b, 0f);
                }
            } else if (accumulate) {
                KERNELS.addProduct(grad, row + a, f, a, ee, row + a, b - a);
            } else {
                KERNELS.product(grad, row + a, f, a, ee, row + a, b - a);
            }
        }
    }

    /**
     * Side term, gradient factor and the split deltas of post neuron i (o spikes), from {@link #accWe} and
     * {@link #accW}.
     */
    private void postFactors(int i, int o, double[] deltaOut, double[] lateral, double nuOut) {
        side[i] = o > 0 ? accWe[i] / (o * nuOut) : 0.5 * accW[i] / nuOut;
        double l = lateral == null ? 1 : lateral[i];
        factor[i] = (float) (deltaOut[i] * (1 + side[i]) * l);
        dFired[i] = o > 0 ? (float) deltaOut[i] : 0f;
        dSilent[i] = o > 0 ? 0f : (float) deltaOut[i];
    }

    /** Phase 2 for pre neurons [ja, jb), after phase 1 of every column: the deltas handed down. */
    void rows(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaIn, double nuIn,
              boolean effectRatio, int ja, int jb) {
        final int n = nOut;
        final float[] ee = e;
        final float[] df = dFired;
        final float[] ds = dSilent;
        for (int j = ja; j < jb; j++) {
            final int row = j * n;
            int oj = pre.count[preOff + j];
            float viaRatio = 0f;
            float plain = 0f;
            if (oj > 0 && effectRatio) {
                for (int i = 0; i < n; i++) {
                    float wij = w[row + i];
                    viaRatio += df[i] * wij * ee[row + i];
                    plain += ds[i] * wij;
                }
                deltaIn[j] = ((double) viaRatio / oj + plain) / nuIn;
            } else {
                for (int i = 0; i < n; i++) {
                    plain += (df[i] + ds[i]) * w[row + i];
                }
                deltaIn[j] = plain / nuIn;
            }
        }
    }

    /**
     * The backward pass when only the post neurons {@code cols[0 .. nc)} (ascending) have a non-zero delta: meProp /
     * MSBP's sparse backward ({@link SparseErrors}). S-PSPs, side terms and gradient entries are computed for those
     * columns only and the deltas handed down sum over them; every computed float is the same operations in the same
     * order as in {@link #backward} (the skipped terms are exact zeros), so with every column listed the result is
     * {@link #backward}'s bit for bit. The gradient's other columns are 0 (written unless {@code accumulate}; the rows
     * of silent pre neurons as in {@link #backward}). Single-threaded.
     */
    void backwardSparse(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                        double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                        double nuIn, boolean effectRatio, int[] cols, int nc) {
        if (skip(deltaOut, grad, accumulate, deltaIn)) { // nc == 0: every delta is 0
            return;
        }
        int m = sparseFiredTable(post, postOff, cols, nc);
        sparseSpsp(pre, preOff, post, postOff, w, cols, nc, m);
        if (!columnSumsValid && sparseRows) {
            // minibatch mode: the weights stay for the whole batch, so every column sum is computed once per batch
            // (the same sums, row by row in the same order) instead of the selected ones for every sample
            final float[] ws = accW;
            Arrays.fill(ws, 0, nOut, 0f);
            for (int j = 0; j < nIn; j++) {
                KERNELS.addTo(ws, 0, w, j * nOut, nOut);
            }
            columnSumsValid = true;
        } else if (!columnSumsValid) {
            final float[] ws = accW;
            final int n = nOut;
            for (int c = 0; c < nc; c++) {
                ws[cols[c]] = 0f;
            }
            for (int j = 0; j < nIn; j++) {
                final int row = j * n;
                for (int c = 0; c < nc; c++) {
                    int i = cols[c];
                    ws[i] += w[row + i];
                }
            }
        }
        Arrays.fill(factor, 0f);
        for (int c = 0; c < nc; c++) {
            postFactors(cols[c], post.count[postOff + cols[c]], deltaOut, lateral, nuOut);
        }
        sparseGradient(pre, preOff, grad, accumulate, cols, nc);
        if (deltaIn != null) {
            sparseDeltaIn(pre, preOff, w, deltaIn, nuIn, effectRatio, cols, nc);
        }
    }

    /**
     * The S-PSP table of the selected post neurons ({@code cols[0 .. nc)}) that fired, compacted to positions
     * {@code 0 .. m} of {@code firedPost} and transposed; returns m.
     */
    private int sparseFiredTable(SpikeTrains post, int postOff, int[] cols, int nc) {
        final int tt = ticks;
        final float[] byNeuron = tableByNeuron;
        final int[] fired = firedPost;
        int m = 0;
        for (int c = 0; c < nc; c++) {
            int i = cols[c];
            int cnt = post.count[postOff + i];
            if (cnt > 0) {
                int col = m * tt;
                fired[m++] = i;
                Arrays.fill(byNeuron, col, col + tt, 0f);
                spsp.addColumn(post.times, post.start[postOff + i], cnt, byNeuron, 1, col);
            }
        }
        transposeTable(0, m);
        return m;
    }

    /**
     * The S-PSPs {@code e_{i|j}} of the selected columns for every fired pre neuron j (silent post neurons get the
     * silent value) and their weighted column sums {@code accWe}; {@code m} post neurons of the selection fired.
     */
    private void sparseSpsp(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, int[] cols,
                            int nc, int m) {
        final int n = nOut;
        final int tt = ticks;
        final float[] k = table;
        final int[] fired = firedPost;
        final float silentValue = (float) Spsp.SILENT_POST_VALUE;
        final float[] ee = e;
        final float[] sum = firedSum;
        final int[] times = pre.times;
        final float[] we = accWe;
        for (int c = 0; c < nc; c++) {
            we[cols[c]] = 0f;
        }
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            int from = pre.start[preOff + j];
            int to = from + pre.count[preOff + j];
            if (from == to) {
                continue;
            }
            for (int c = 0; c < nc; c++) {
                int i = cols[c];
                ee[row + i] = post.count[postOff + i] == 0 ? silentValue : 0f;
            }
            if (m > 0) {
                Arrays.fill(sum, 0, m, 0f);
                int end = to;
                while (end > from && times[end - 1] >= tt) {
                    end--;
                }
                KERNELS.addRows(sum, 0, k, times, from, end, n, 0, m);
                for (int c = 0; c < m; c++) {
                    ee[row + fired[c]] = sum[c];
                }
            }
            for (int c = 0; c < nc; c++) {
                int i = cols[c];
                we[i] += w[row + i] * ee[row + i];
            }
        }
    }

    /** The gradient columns {@code cols[0 .. nc)}: {@code grad_ij = factor_i e_{i|j}}, the rest 0 as documented. */
    private void sparseGradient(SpikeTrains pre, int preOff, float[] grad, boolean accumulate, int[] cols, int nc) {
        final int n = nOut;
        final float[] ee = e;
        final float[] f = factor;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            if (pre.count[preOff + j] == 0) {
                if (!accumulate && !sparseRows) {
                    Arrays.fill(grad, row, row + n, 0f);
                }
            } else if (accumulate) {
                for (int c = 0; c < nc; c++) {
                    int i = cols[c];
                    grad[row + i] += f[i] * ee[row + i];
                }
            } else {
                // a fired pre neuron's row is reported as holding this sample's values: write it whole
                Arrays.fill(grad, row, row + n, 0f);
                for (int c = 0; c < nc; c++) {
                    int i = cols[c];
                    grad[row + i] = f[i] * ee[row + i];
                }
            }
        }
    }

    /** The deltas handed down to the pre neurons, summed over the columns {@code cols[0 .. nc)}. */
    private void sparseDeltaIn(SpikeTrains pre, int preOff, float[] w, double[] deltaIn, double nuIn,
                               boolean effectRatio, int[] cols, int nc) {
        final int n = nOut;
        final float[] ee = e;
        final float[] df = dFired;
        final float[] ds = dSilent;
        for (int j = 0; j < nIn; j++) {
            final int row = j * n;
            int oj = pre.count[preOff + j];
            float viaRatio = 0f;
            float plain = 0f;
            if (oj > 0 && effectRatio) {
                for (int c = 0; c < nc; c++) {
                    int i = cols[c];
                    float wij = w[row + i];
                    viaRatio += df[i] * wij * ee[row + i];
                    plain += ds[i] * wij;
                }
                deltaIn[j] = ((double) viaRatio / oj + plain) / nuIn;
            } else {
                for (int c = 0; c < nc; c++) {
                    int i = cols[c];
                    plain += (df[i] + ds[i]) * w[row + i];
                }
                deltaIn[j] = plain / nuIn;
            }
        }
    }

    /**
     * The backpropagated factor {@code delta_i (1 + side_i) L_i} of every post neuron from the last pass (0 for the
     * neurons a sparse pass left out): the gradient is this times the S-PSP, {@code grad_ij = factor_i e_{i|j}}.
     */
    float[] factor() {
        return factor;
    }

    /** Phase 1 and 2 over everything (tests). */
    void gradients(SpikeTrains pre, int preOff, SpikeTrains post, int postOff, float[] w, double[] deltaOut,
                   double[] lateral, double nuOut, float[] grad, boolean accumulate, double[] deltaIn, double nuIn,
                   boolean effectRatio) {
        backward(pre, preOff, post, postOff, w, deltaOut, lateral, nuOut, grad, accumulate, deltaIn, nuIn,
                effectRatio);
    }

    static boolean allZero(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
