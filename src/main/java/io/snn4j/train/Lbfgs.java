package io.snn4j.train;

/**
 * Stochastic limited-memory BFGS over the weights of every trainable layer taken as one vector.
 * <ul>
 *   <li>Direction: the two-loop recursion (Nocedal &amp; Wright, Numerical Optimization, algorithm 7.4) over the last
 *       m curvature pairs, initial inverse Hessian {@code gamma I} with {@code gamma = s'y / y'y} of the newest pair;
 *       the first step, and any step whose direction is not a descent direction (then the pairs are dropped), is
 *       {@code -g}.</li>
 *   <li>Curvature pairs as oLBFGS (Schraudolph, Yu &amp; G&uuml;nter, AISTATS 2007): {@code s} is the step taken and
 *       {@code y} the difference of two gradients on the same samples, before and after the step, so that sampling
 *       noise does not enter {@code y}.</li>
 *   <li>Damping as SdLBFGS (Wang, Ma, Goldfarb &amp; Liu, SIAM J. Optim. 2017): with {@code B0 = delta I},
 *       {@code delta = max(y'y / s'y, 1e-8)} (or {@code |y| / |s|} when {@code s'y <= 0}), a pair with
 *       {@code s'y < 0.25 s'B0 s} is replaced by {@code ybar = theta y + (1 - theta) B0 s},
 *       {@code theta = 0.75 s'B0 s / (s'B0 s - s'y)}, so that {@code s'ybar = 0.25 s'B0 s > 0}: HM2-BP's loss is
 *       not convex (nor smooth: spike counts are integers) and raw pairs can have negative curvature.</li>
 *   <li>Safe step: {@code w += lr d}, scaled down to Euclidean length {@code maxStep} when longer.</li>
 * </ul>
 * Pairs are kept as floats (the weights' precision). Not thread-safe.
 */
final class Lbfgs implements Optimizer {
    private final boolean[] handled;
    private final int[] sizes;
    private final int memory;
    private final double maxStep;
    private final int total;
    private final float[][] s;
    private final float[][] y;
    private final double[] rho;
    private final double[] alphas;
    /** Pairs stored, and the slot of the oldest (a ring of {@code memory} slots). */
    private int stored;
    private int oldest;
    private final double[] g;
    private final double[] d;
    private final double[] gOld;
    private final float[] sLast;
    private boolean pending;
    /** Steps taken, pairs damped, pairs skipped and resets to -g (for tests and logs). */
    long steps;
    long damped;
    long skipped;
    long resets;

    /** @param sizes parameters per trainable layer (0: not handled) */
    Lbfgs(int[] sizes, int memory, double maxStep) {
        this.sizes = sizes.clone();
        this.memory = memory;
        this.maxStep = maxStep;
        handled = new boolean[sizes.length];
        int n = 0;
        for (int k = 0; k < sizes.length; k++) {
            handled[k] = sizes[k] > 0;
            n += sizes[k];
        }
        total = n;
        s = new float[memory][n];
        y = new float[memory][n];
        rho = new double[memory];
        alphas = new double[memory];
        g = new double[n];
        d = new double[n];
        gOld = new double[n];
        sLast = new float[n];
    }

    @Override
    public boolean handles(int k) {
        return handled[k];
    }

    @Override
    public boolean wantsCurvature() {
        return true;
    }

    private void flatten(float[][] grads, double[] out) {
        int o = 0;
        for (int k = 0; k < sizes.length; k++) {
            float[] gk = grads[k];
            for (int i = 0; i < sizes[k]; i++) {
                out[o++] = gk[i];
            }
        }
    }

    private int slot(int age) { // age 0 = oldest
        return (oldest + age) % memory;
    }

    @Override
    public void step(float[][] weights, float[][] grads, double lr) {
        flatten(grads, g);
        direction(g, d);
        double slope = dot(g, d);
        if (stored > 0 && !(slope < 0)) {
            resets++;
            stored = 0;
            for (int i = 0; i < total; i++) {
                d[i] = -g[i];
            }
        }
        double norm = 0;
        for (int i = 0; i < total; i++) {
            norm += d[i] * d[i];
        }
        norm = Math.sqrt(norm) * lr;
        double scale = norm > maxStep ? lr * maxStep / norm : lr;
        int o = 0;
        for (int k = 0; k < sizes.length; k++) {
            float[] w = weights[k];
            for (int i = 0; i < sizes[k]; i++, o++) {
                float before = w[i];
                w[i] = (float) (before + scale * d[o]);
                sLast[o] = w[i] - before;
            }
        }
        System.arraycopy(g, 0, gOld, 0, total);
        pending = true;
        steps++;
    }

    /** r = -H g by the two-loop recursion over the stored pairs (-g without pairs). */
    void direction(double[] grad, double[] r) {
        for (int i = 0; i < total; i++) {
            r[i] = grad[i];
        }
        for (int age = stored - 1; age >= 0; age--) {
            int p = slot(age);
            double a = rho[p] * dot(s[p], r);
            alphas[p] = a;
            axpy(-a, y[p], r);
        }
        double gamma = 1;
        if (stored > 0) {
            int p = slot(stored - 1);
            double yy = dot(y[p], y[p]);
            gamma = yy > 0 ? 1 / (rho[p] * yy) : 1;
        }
        for (int i = 0; i < total; i++) {
            r[i] *= gamma;
        }
        for (int age = 0; age < stored; age++) {
            int p = slot(age);
            double b = rho[p] * dot(y[p], r);
            axpy(alphas[p] - b, s[p], r);
        }
        for (int i = 0; i < total; i++) {
            r[i] = -r[i];
        }
    }

    @Override
    public void curvature(float[][] weights, float[][] grads) {
        if (!pending) {
            return;
        }
        pending = false;
        flatten(grads, d);
        double sy = 0;
        double ss = 0;
        double yy = 0;
        for (int i = 0; i < total; i++) {
            double yi = d[i] - gOld[i];
            d[i] = yi;
            sy += sLast[i] * yi;
            ss += (double) sLast[i] * sLast[i];
            yy += yi * yi;
        }
        if (ss == 0 || !Double.isFinite(sy + yy)) {
            skipped++;
            return;
        }
        double delta = sy > 0 ? Math.max(yy / sy, 1e-8) : Math.max(Math.sqrt(yy / ss), 1e-8);
        double sBs = delta * ss;
        double theta = 1;
        if (sy < 0.25 * sBs) {
            theta = 0.75 * sBs / (sBs - sy);
            damped++;
        }
        double syBar = 0;
        for (int i = 0; i < total; i++) {
            float yi = (float) (theta * d[i] + (1 - theta) * delta * sLast[i]);
            d[i] = yi;
            syBar += (double) sLast[i] * yi;
        }
        if (!(syBar > 0)) { // rounding to float can only spoil a pair whose curvature is ~0: drop it
            skipped++;
            return;
        }
        int p;
        if (stored < memory) {
            p = slot(stored);
            stored++;
        } else {
            p = oldest;
            oldest = (oldest + 1) % memory;
        }
        float[] sp = s[p];
        float[] yp = y[p];
        for (int i = 0; i < total; i++) {
            sp[i] = sLast[i];
            yp[i] = (float) d[i];
        }
        rho[p] = 1 / syBar;
    }

    /** Curvature pairs stored (tests). */
    int pairs() {
        return stored;
    }

    private static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, float[] x, double[] r) {
        for (int i = 0; i < r.length; i++) {
            r[i] += a * x[i];
        }
    }

    /** The checkpoint name of a pair's vector, oldest pair 0. */
    private static String name(int age, String vector) {
        return String.format(java.util.Locale.ROOT, "lbfgs.pair.%04d.%s", age, vector);
    }

    @Override
    public void save(AuxState out) {
        for (int age = 0; age < stored; age++) {
            int p = slot(age);
            out.floats().put(name(age, "s"), s[p].clone());
            out.floats().put(name(age, "y"), y[p].clone());
        }
        out.doubles().put("lbfgs.counters", new double[] {stored, steps, damped, skipped, resets});
    }

    @Override
    public void restore(AuxState in) {
        double[] c = in.doubles("lbfgs.counters", 5);
        int n = (int) c[0];
        if (n < 0 || n > memory) {
            throw new IllegalArgumentException("training state 'lbfgs.counters': " + n + " pairs, the memory is "
                    + memory);
        }
        oldest = 0;
        stored = n;
        for (int age = 0; age < n; age++) {
            System.arraycopy(in.floats(name(age, "s"), total), 0, s[age], 0, total);
            System.arraycopy(in.floats(name(age, "y"), total), 0, y[age], 0, total);
            rho[age] = 1 / dot(s[age], y[age]);
        }
        steps = (long) c[1];
        damped = (long) c[2];
        skipped = (long) c[3];
        resets = (long) c[4];
        pending = false;
    }
}
