package io.snn4j.train;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;

/**
 * Spike-train level post-synaptic potential (S-PSP) of HM2-BP (hm2bp-spec 2): the summed effect
 * {@code e_{i|j}} of presynaptic train {@code S_j} on postsynaptic neuron i, evaluated at i's firing times.
 *
 * <p>Normalised PSP kernel and its two-argument form (u: time since the presynaptic spike, s: time since the reset):
 * <pre>
 *   eps0(u)    = (exp(-u/tauM) - exp(-u/tauS)) / (1 - tauS/tauM),   u &gt;= 0
 *   eps(s, u)  = exp(-max(u - s, 0)/tauS) * eps0(min(s, u))
 * </pre>
 * Exact reference form (spec 2.2), with post spikes t_1 &lt; ... &lt; t_n, R the refractory period, r_1 = 1 and
 * r_k = t_{k-1} + R:
 * <pre>
 *   e_{i|j} = sum_k sum_{q in S_j} [max(1, trunc(t_k - 4 tauM)) &lt;= q &lt; t_k and q + R &lt;= t_k]
 *             eps(t_k - r_k, t_k - q - R)
 * </pre>
 * with the zero-spike rules: a silent post neuron gives 0.1 when the pre neuron spiked and 0 otherwise; a silent pre
 * neuron gives 0. The table form (spec 2.3) precomputes {@code K_i[q]} (the inner summand summed over k) for every
 * presynaptic time q, so that {@code e_{i|j} = sum_{q in S_j} K_i[q]}.
 *
 * <p>Immutable and thread-safe; the kernel values are tabulated once for integer arguments in [0, ticks].
 */
public final class Spsp {
    /** S-PSP of a silent post neuron from an active pre neuron (reference constant). */
    public static final double SILENT_POST_VALUE = 0.1;

    private final double tauMem;
    private final double tauSyn;
    private final int refractory;
    private final int ticks;
    private final double window;
    private final double[] eps0;
    private final double[] synDecay;
    /**
     * The float table's summands as contiguous rows, so that one post spike adds whole rows with the SIMD kernels
     * ({@link #addColumn(int[], int, int, float[], int, int)}), each entry the float the scalar loop would add:
     * {@code eps0Reversed[ticks - u] = (float) eps0[u]} and {@code decayedReversed[s][spanMax - d] =
     * (float) (synDecay[d] * eps0[s])} (d = u - s &gt;= 1 ticks since the reset). Null when too large (then the scalar
     * loop runs).
     */
    private final float[] eps0Reversed;
    private final float[][] decayedReversed;
    private final int spanMax;
    /** Above this many floats the rows of {@link #decayedReversed} are not tabulated (16 MB). */
    private static final long MAX_TABULATED = 4L << 20;
    private static final Kernels KERNELS = KernelProvider.get();

    /**
     * @param tauMem     membrane time constant in ticks, &gt;= 1
     * @param tauSyn     synaptic time constant in ticks, &gt;= 1, != tauMem
     * @param refractory refractory period R in ticks, &gt;= 0 (also the pre-spike shift)
     * @param ticks      run length T, &gt;= 1: spike times lie in [0, T)
     */
    public Spsp(double tauMem, double tauSyn, int refractory, int ticks) {
        if (!(tauMem >= 1) || !(tauSyn >= 1) || tauMem == tauSyn || !Double.isFinite(tauMem)
                || !Double.isFinite(tauSyn)) {
            throw new IllegalArgumentException("S-PSP: need finite tauMem, tauSyn >= 1 and different, were " + tauMem
                    + " and " + tauSyn);
        }
        if (refractory < 0) {
            throw new IllegalArgumentException("S-PSP: refractory must be >= 0, was " + refractory);
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("S-PSP: ticks must be >= 1, was " + ticks);
        }
        this.tauMem = tauMem;
        this.tauSyn = tauSyn;
        this.refractory = refractory;
        this.ticks = ticks;
        this.window = 4 * tauMem;
        eps0 = new double[ticks + 1];
        synDecay = new double[ticks + 1];
        for (int u = 0; u <= ticks; u++) {
            eps0[u] = eps0(u, tauMem, tauSyn);
            synDecay[u] = Math.exp(-u / tauSyn);
        }
        // u = t - q - R never exceeds the window (plus one for its truncation) nor the run length
        spanMax = (int) Math.min(ticks, Math.ceil(window) + 1);
        if ((long) (spanMax + 1) * (spanMax + 1) + ticks + 1 <= MAX_TABULATED) {
            eps0Reversed = new float[ticks + 1];
            for (int u = 0; u <= ticks; u++) {
                eps0Reversed[ticks - u] = (float) eps0[u];
            }
            decayedReversed = new float[spanMax + 1][spanMax + 1];
            for (int sinceReset = 0; sinceReset <= spanMax; sinceReset++) {
                for (int d = 1; d <= spanMax; d++) {
                    decayedReversed[sinceReset][spanMax - d] = (float) (synDecay[d] * eps0[sinceReset]);
                }
            }
        } else {
            eps0Reversed = null;
            decayedReversed = null;
        }
    }

    /** The normalised PSP kernel at {@code u} &gt;= 0 (0 for u &lt; 0). */
    public static double eps0(double u, double tauMem, double tauSyn) {
        if (u < 0) {
            return 0;
        }
        return (Math.exp(-u / tauMem) - Math.exp(-u / tauSyn)) / (1 - tauSyn / tauMem);
    }

    /** The two-argument kernel {@code eps(s, u)} for this object's time constants. */
    public double epsilon(double s, double u) {
        return Math.exp(-Math.max(u - s, 0) / tauSyn) * eps0(Math.min(s, u), tauMem, tauSyn);
    }

    public double tauMem() {
        return tauMem;
    }

    public double tauSyn() {
        return tauSyn;
    }

    public int refractory() {
        return refractory;
    }

    public int ticks() {
        return ticks;
    }

    /**
     * The exact pairwise form of spec 2.2 (the test oracle).
     *
     * @param post read; ascending post spike times, first {@code nPost} used
     * @param pre  read; pre spike times (any order), first {@code nPre} used
     */
    public double pairwise(int[] post, int nPost, int[] pre, int nPre) {
        return pairwise(post, 0, nPost, pre, 0, nPre);
    }

    /** As {@link #pairwise(int[], int, int[], int)} over {@code post[postFrom ..]} and {@code pre[preFrom ..]}. */
    public double pairwise(int[] post, int postFrom, int nPost, int[] pre, int preFrom, int nPre) {
        if (nPre == 0) {
            return 0;
        }
        if (nPost == 0) {
            return SILENT_POST_VALUE;
        }
        final int r = refractory;
        double e = 0;
        int reset = 1;
        for (int k = 0; k < nPost; k++) {
            int t = post[postFrom + k];
            int lo = Math.max(1, (int) (t - window));
            for (int m = 0; m < nPre; m++) {
                int q = pre[preFrom + m];
                if (q >= lo && q < t && q + r <= t) {
                    e += epsilon(t - reset, t - q - r);
                }
            }
            reset = t + r;
        }
        return e;
    }

    /**
     * Adds the table column of one post neuron (spec 2.3) into {@code table[q * stride + column]} for every q with a
     * non-zero entry, in double precision. Writes nothing for a silent neuron (its S-PSPs follow the zero rules).
     *
     * @param post   read; ascending spike times of the post neuron, {@code post[from .. from + n)}
     * @param table  written (added to); at least {@code ticks * stride} long
     */
    public void addColumn(int[] post, int from, int n, double[] table, int stride, int column) {
        final int r = refractory;
        final int shift = Math.max(r, 1);
        int reset = 1;
        for (int k = 0; k < n; k++) {
            int t = post[from + k];
            int s = t - reset;
            int lo = Math.max(1, (int) (t - window));
            int hi = t - shift;
            for (int q = lo; q <= hi; q++) {
                int u = t - q - r;
                table[q * stride + column] += u <= s ? eps0[u] : synDecay[u - s] * eps0[s];
            }
            reset = t + r;
        }
    }

    /**
     * As {@link #addColumn(int[], int, int, double[], int, int)}, into a float table (the trainer's form). With stride
     * 1 each post spike adds two contiguous rows of precomputed floats (the pre spikes after the last reset, then
     * those before it) with the SIMD kernels: the same floats added in the same order as the scalar loop.
     */
    public void addColumn(int[] post, int from, int n, float[] table, int stride, int column) {
        if (stride != 1 || eps0Reversed == null) {
            addColumnScalar(post, from, n, table, stride, column);
            return;
        }
        final int r = refractory;
        final int shift = Math.max(r, 1);
        int reset = 1;
        for (int k = 0; k < n; k++) {
            int t = post[from + k];
            int s = t - reset;
            int lo = Math.max(1, (int) (t - window));
            int hi = t - shift;
            int afterReset = reset - r; // u = t - q - r <= s  <=>  q >= reset - r
            int a = Math.max(lo, afterReset);
            if (a <= hi) {
                KERNELS.addTo(table, column + a, eps0Reversed, ticks - t + r + a, hi - a + 1);
            }
            int b = Math.min(hi, afterReset - 1);
            if (lo <= b) { // d = u - s = afterReset - q in [1, spanMax], so s < u <= spanMax
                KERNELS.addTo(table, column + lo, decayedReversed[s], spanMax - afterReset + lo, b - lo + 1);
            }
            reset = t + r;
        }
    }

    /** The scalar loop of {@link #addColumn(int[], int, int, float[], int, int)} (any stride). */
    void addColumnScalar(int[] post, int from, int n, float[] table, int stride, int column) {
        final int r = refractory;
        final int shift = Math.max(r, 1);
        int reset = 1;
        for (int k = 0; k < n; k++) {
            int t = post[from + k];
            int s = t - reset;
            int lo = Math.max(1, (int) (t - window));
            int hi = t - shift;
            for (int q = lo; q <= hi; q++) {
                int u = t - q - r;
                table[q * stride + column] += (float) (u <= s ? eps0[u] : synDecay[u - s] * eps0[s]);
            }
            reset = t + r;
        }
    }

    /**
     * The table form for one (post, pre) pair: builds {@code K_i} and gathers it over the pre spikes, with the zero
     * rules; equal to {@link #pairwise} up to rounding.
     */
    public double table(int[] post, int nPost, int[] pre, int nPre) {
        if (nPre == 0) {
            return 0;
        }
        if (nPost == 0) {
            return SILENT_POST_VALUE;
        }
        double[] k = new double[ticks];
        addColumn(post, 0, nPost, k, 1, 0);
        double e = 0;
        for (int m = 0; m < nPre; m++) {
            int q = pre[m];
            if (q >= 0 && q < ticks) {
                e += k[q];
            }
        }
        return e;
    }
}
