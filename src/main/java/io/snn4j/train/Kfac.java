package io.snn4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Kronecker-factored approximate curvature (Martens &amp; Grosse, "Optimizing Neural Networks with Kronecker-factored
 * Approximate Curvature", ICML 2015) for HM2-BP's dense layers.
 *
 * <p>Martens &amp; Grosse write a layer's gradient as the outer product of its input activations {@code a} and the
 * back-propagated derivatives {@code g}, and approximate the Fisher block by {@code A (x) G} with
 * {@code A = E[a a']}, {@code G = E[g g']} (their section 3). HM2-BP's gradient is
 * {@code grad_ij = factor_i e_{i|j}} with {@code factor_i = delta_i (1 + side_i) L_i} and {@code e_{i|j}} the S-PSP of
 * the pair, which depends on both neurons, so the gradient is not an exact outer product. Where HM2-BP forces a
 * choice: {@code a_j} is the pre neuron's spike count o_j (the macro-level input, of which e_{i|j} is a filtered sum
 * over the same spikes) and {@code g_i} is {@code factor_i} ({@link DenseBackward#factor}).
 * <ul>
 *   <li>Statistics: per step the means over the step's samples, kept as exponential running averages with weight
 *       {@code min(1 - 1/t, decay)} on the old value (section 5, "epsilon = min(1 - 1/k, 0.95)").</li>
 *   <li>Damping: factored Tikhonov (section 6.3): {@code (A + pi sqrt(gamma) I) (x) (G + sqrt(gamma) / pi I)},
 *       {@code pi = sqrt((tr A / n_in) / (tr G / n_out))} (1 when either trace is 0).</li>
 *   <li>Inverses of the damped factors every {@code refresh} steps (section 8), by Cholesky decomposition
 *       (commons-math3).</li>
 *   <li>Step: {@code U = (G + ..)^-1 grad (A + ..)^-1}, stored source-major as {@code A^-1 grad' G^-1}; rescaled by
 *       {@code nu = min(1, sqrt(kl / (lr^2 sum U . grad)))} (the KL clipping of Ba, Grosse &amp; Martens, ICLR 2017, a
 *       safe step in place of section 6.4's quadratic model, which needs Fisher-vector products HM2-BP has no
 *       analytic form for); {@code w -= nu lr U}.</li>
 * </ul>
 * Convolution layers are not handled (the trainer's Adam updates them): K-FAC for convolutions (Grosse &amp; Martens
 * 2016) is not built. Not thread-safe; the matrix products run on the given pool, each row by one thread, so results
 * do not depend on the thread count.
 */
final class Kfac implements Optimizer {
    private final int[] nIn;
    private final int[] nOut;
    private final boolean[] dense;
    private final double damping;
    private final double decay;
    private final int refresh;
    private final double kl;
    private final ExecutorService pool;
    private final int parts;
    final double[][] a;
    final double[][] g;
    final double[][] aInv;
    final double[][] gInv;
    private final double[][] u;
    private final double[][] batchA;
    private final double[][] batchG;
    long steps;
    /** The last step's rescaling factor nu (tests, logs). */
    double lastNu = 1;

    Kfac(int[] nIn, int[] nOut, boolean[] dense, double damping, double decay, int refresh, double kl,
            ExecutorService pool, int parts) {
        this.nIn = nIn.clone();
        this.nOut = nOut.clone();
        this.dense = dense.clone();
        this.damping = damping;
        this.decay = decay;
        this.refresh = refresh;
        this.kl = kl;
        this.pool = pool;
        this.parts = Math.max(1, parts);
        int layers = nIn.length;
        a = new double[layers][];
        g = new double[layers][];
        aInv = new double[layers][];
        gInv = new double[layers][];
        u = new double[layers][];
        batchA = new double[layers][];
        batchG = new double[layers][];
        for (int k = 0; k < layers; k++) {
            if (dense[k]) {
                a[k] = new double[nIn[k] * nIn[k]];
                g[k] = new double[nOut[k] * nOut[k]];
                aInv[k] = new double[nIn[k] * nIn[k]];
                gInv[k] = new double[nOut[k] * nOut[k]];
                u[k] = new double[nIn[k] * nOut[k]];
                batchA[k] = new double[nIn[k] * nIn[k]];
                batchG[k] = new double[nOut[k] * nOut[k]];
            }
        }
    }

    @Override
    public boolean handles(int k) {
        return dense[k];
    }

    @Override
    public boolean wantsStatistics() {
        return true;
    }

    @Override
    public void statistics(Worker.SlotState[] slots, int count) {
        double old = Math.min(1 - 1.0 / (steps + 1), decay);
        for (int k = 0; k < dense.length; k++) {
            if (!dense[k]) {
                continue;
            }
            java.util.Arrays.fill(batchA[k], 0);
            java.util.Arrays.fill(batchG[k], 0);
            for (int s = 0; s < count; s++) {
                addOuter(batchA[k], slots[s].pre[k], nIn[k]);
                addOuter(batchG[k], slots[s].factor[k], nOut[k]);
            }
            blend(a[k], batchA[k], nIn[k], old, count);
            blend(g[k], batchG[k], nOut[k], old, count);
        }
    }

    /** Upper triangle of m += x x'. */
    private static void addOuter(double[] m, float[] x, int n) {
        for (int r = 0; r < n; r++) {
            double xr = x[r];
            if (xr == 0) {
                continue;
            }
            int row = r * n;
            for (int c = r; c < n; c++) {
                m[row + c] += xr * x[c];
            }
        }
    }

    /** target = old * target + (1 - old) * batch / count, both triangles (batch holds its upper triangle). */
    private static void blend(double[] target, double[] batch, int n, double old, int count) {
        double w = (1 - old) / count;
        for (int r = 0; r < n; r++) {
            for (int c = r; c < n; c++) {
                double v = old * target[r * n + c] + w * batch[r * n + c];
                target[r * n + c] = v;
                target[c * n + r] = v;
            }
        }
    }

    /** Sets layer k's factors directly (tests: exact factors). */
    void setFactors(int k, double[] aFactor, double[] gFactor) {
        System.arraycopy(aFactor, 0, a[k], 0, a[k].length);
        System.arraycopy(gFactor, 0, g[k], 0, g[k].length);
    }

    /** Inverts the damped factors of every dense layer now. */
    void invert() {
        for (int k = 0; k < dense.length; k++) {
            if (!dense[k]) {
                continue;
            }
            double trA = trace(a[k], nIn[k]) / nIn[k];
            double trG = trace(g[k], nOut[k]) / nOut[k];
            double pi = trA > 0 && trG > 0 ? Math.sqrt(trA / trG) : 1;
            double root = Math.sqrt(damping);
            inverse(a[k], nIn[k], pi * root, aInv[k]);
            inverse(g[k], nOut[k], root / pi, gInv[k]);
        }
    }

    private static double trace(double[] m, int n) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += m[i * n + i];
        }
        return t;
    }

    /** out = (m + add I)^-1 by Cholesky decomposition (m symmetric positive semi-definite, add &gt; 0). */
    static void inverse(double[] m, int n, double add, double[] out) {
        double[][] d = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m, r * n, d[r], 0, n);
            d[r][r] += add;
        }
        RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(d, false)).getSolver().getInverse();
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[r * n + c] = inv.getEntry(r, c);
            }
        }
    }

    @Override
    public void step(float[][] weights, float[][] grads, double lr) {
        if (steps % refresh == 0) {
            invert();
        }
        double quad = 0;
        for (int k = 0; k < dense.length; k++) {
            if (!dense[k]) {
                continue;
            }
            precondition(k, grads[k]);
            double[] uk = u[k];
            float[] gk = grads[k];
            for (int i = 0; i < uk.length; i++) {
                quad += uk[i] * gk[i];
            }
        }
        double nu = quad > 0 ? Math.min(1, Math.sqrt(kl / (lr * lr * quad))) : 1;
        lastNu = nu;
        for (int k = 0; k < dense.length; k++) {
            if (!dense[k]) {
                continue;
            }
            double[] uk = u[k];
            float[] w = weights[k];
            double rate = nu * lr;
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (w[i] - rate * uk[i]);
            }
        }
        steps++;
    }

    /** u[k] = aInv * grad * gInv (grad source-major, n_in x n_out), rows split over the pool. */
    void precondition(int k, float[] grad) {
        final int ni = nIn[k];
        final int no = nOut[k];
        final double[] ai = aInv[k];
        final double[] gi = gInv[k];
        final double[] out = u[k];
        List<Future<?>> f = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            final int r0 = ni * p / parts;
            final int r1 = ni * (p + 1) / parts;
            Runnable task = () -> {
                double[] t = new double[no];
                for (int r = r0; r < r1; r++) {
                    java.util.Arrays.fill(t, 0);
                    int arow = r * ni;
                    for (int l = 0; l < ni; l++) {
                        double x = ai[arow + l];
                        int grow = l * no;
                        for (int c = 0; c < no; c++) {
                            t[c] += x * grad[grow + c];
                        }
                    }
                    int orow = r * no;
                    java.util.Arrays.fill(out, orow, orow + no, 0);
                    for (int i = 0; i < no; i++) {
                        double x = t[i];
                        int grow = i * no;
                        for (int c = 0; c < no; c++) {
                            out[orow + c] += x * gi[grow + c];
                        }
                    }
                }
            };
            if (pool == null || parts == 1) {
                task.run();
            } else {
                f.add(pool.submit(task));
            }
        }
        Hm2BpTrainer.await(f);
    }

    /** The preconditioned gradient of layer k from the last {@link #precondition} (tests). */
    double[] direction(int k) {
        return u[k];
    }

    @Override
    public void save(AuxState out) {
        for (int k = 0; k < dense.length; k++) {
            if (dense[k]) {
                out.doubles().put("kfac." + k + ".a", a[k].clone());
                out.doubles().put("kfac." + k + ".g", g[k].clone());
                out.doubles().put("kfac." + k + ".a_inv", aInv[k].clone());
                out.doubles().put("kfac." + k + ".g_inv", gInv[k].clone());
            }
        }
        out.doubles().put("kfac.steps", new double[] {steps});
    }

    @Override
    public void restore(AuxState in) {
        for (int k = 0; k < dense.length; k++) {
            if (dense[k]) {
                System.arraycopy(in.doubles("kfac." + k + ".a", a[k].length), 0, a[k], 0, a[k].length);
                System.arraycopy(in.doubles("kfac." + k + ".g", g[k].length), 0, g[k], 0, g[k].length);
                System.arraycopy(in.doubles("kfac." + k + ".a_inv", aInv[k].length), 0, aInv[k], 0, aInv[k].length);
                System.arraycopy(in.doubles("kfac." + k + ".g_inv", gInv[k].length), 0, gInv[k], 0, gInv[k].length);
            }
        }
        steps = (long) in.doubles("kfac.steps", 1)[0];
    }
}
