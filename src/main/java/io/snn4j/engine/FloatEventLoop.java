package io.snn4j.engine;

import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import io.snn4j.event.IntSort;
import io.snn4j.neuron.LifConstants;
import io.snn4j.neuron.LifParameters;
import java.util.Arrays;

/**
 * Float mode of the {@link EventEngine}: neuron state in double, brought over skipped ticks by the closed form of the
 * discrete dynamics, threshold crossings scheduled from lower bounds (see {@link EventEngine}). Weights arriving at a
 * neuron within a tick are summed in float in the same order as the stepped engine sums them.
 *
 * <p>All buffers are allocated at construction; a run allocates only its result. Not thread-safe.
 */
final class FloatEventLoop extends EventLoop {
    private static final int TABLE = 1024;
    private static final int REFINE = 24;
    private static final int NEAR = 4;

    private final double[] v;
    private final double[] e0;
    private final double[] e1;
    private final float[] acc0;
    private final float[] acc1;
    private final Population[] pops;
    /** Working copy of one neuron's v, e0 and e1 for the closed-form helpers (one neuron at a time). */
    private double workV;
    private double workE0;
    private double workE1;

    /** Double-precision constants and the closed-form coefficients of one LIF population. */
    private static final class Population {
        /** Doubles a row of {@link #table}: b^n, a0^n, a1^n, mix0(n), mix1(n), leak(n). */
        static final int ROW = 6;
        final double b;
        final double a0;
        final double a1;
        final double g0;
        final double g1;
        final double c;
        final double threshold;
        final int refractory;
        /**
         * For n &lt; {@value #TABLE}, row n holds every coefficient of the closed form over n ticks, so that one update
         * reads one or two cache lines instead of five tables.
         */
        final double[] table = new double[TABLE * ROW];
        final double lnB;
        final double lnA0;
        final double lnA1;
        final double leakSum;
        final double ratio0;
        final double ratio1;

        Population(LifParameters p) {
            // the float constants of the stepped engines, promoted: both engines then iterate the same map and
            // differ only in the rounding of intermediate results
            LifConstants f = LifConstants.of(p);
            b = f.decayMem();
            a0 = f.decaySyn0();
            a1 = f.decaySyn1();
            g0 = f.gain0();
            g1 = f.gain1();
            c = f.bias();
            threshold = LifConstants.thresholdOf(p);
            refractory = p.refractoryTicks();
            lnB = Math.log(b);
            lnA0 = Math.log(a0);
            lnA1 = Math.log(a1);
            leakSum = 1.0 / (1.0 - b);
            ratio0 = ratio(b, a0);
            ratio1 = ratio(b, a1);
            for (int n = 0; n < TABLE; n++) {
                double bn = n == 0 ? 1 : Math.pow(b, n);
                double an0 = n == 0 ? 1 : Math.pow(a0, n);
                double an1 = n == 0 ? 1 : Math.pow(a1, n);
                int at = n * ROW;
                table[at] = bn;
                table[at + 1] = an0;
                table[at + 2] = an1;
                table[at + 3] = mix(ratio0, bn, an0, n);
                table[at + 4] = mix(ratio1, bn, an1, n);
                table[at + 5] = c * (1 - bn) * leakSum;
            }
        }

        /** a0^n. */
        double decay0(int n) {
            return n < TABLE ? table[n * ROW + 1] : Math.exp(n * lnA0);
        }

        /** a1^n. */
        double decay1(int n) {
            return n < TABLE ? table[n * ROW + 2] : Math.exp(n * lnA1);
        }

        /** sum_{m=1..n} b^(n-m) a^m, given bn = b^n, an = a^n and ratio = a / (b - a) (NaN when a == b). */
        static double mix(double ratio, double bn, double an, int n) {
            return !Double.isNaN(ratio) ? ratio * (bn - an) : n * an;
        }

        static double ratio(double b, double a) {
            return Math.abs(b - a) < 1e-12 ? Double.NaN : a / (b - a);
        }
    }

    FloatEventLoop(CompiledNetwork net) {
        super(net, false);
        int n = net.neuronCount();
        v = new double[n];
        e0 = new double[n];
        e1 = new double[n];
        acc0 = new float[n];
        acc1 = new float[n];
        pops = new Population[populations];
        for (int p = 0; p < populations; p++) {
            if (isModelled(p)) {
                pops[p] = new Population(net.spec().population(p).lif());
            }
        }
    }

    @Override
    void resetState(int ticks) {
        Arrays.fill(e0, 0);
        Arrays.fill(e1, 0);
        Arrays.fill(acc0, 0f);
        Arrays.fill(acc1, 0f);
        for (int p = 0; p < populations; p++) {
            int off = net.offset(p);
            int size = net.size(p);
            Arrays.fill(v, off, off + size, 0);
            Population pop = pops[p];
            if (pop == null) {
                continue;
            }
            if (net.hasInitialPotentials(p)) {
                // tick 0 is dead: the state after it is the leaked initial potential
                float[] init = net.initialPotentials(p);
                for (int i = 0; i < size; i++) {
                    v[off + i] = init[i] * pop.b;
                }
            }
            if (pop.c != 0 || net.hasInitialPotentials(p)) {
                for (int i = 0; i < size; i++) {
                    workV = v[off + i];
                    workE0 = 0;
                    workE1 = 0;
                    scheduleCheck(pop, off + i, until[off + i], 0, ticks);
                }
            }
        }
    }

    @Override
    int deliver(Connectivity conn, int projection, int src, int cursor) {
        int tgt = net.target(projection);
        float[] acc = net.synapse(projection) == 0 ? acc0 : acc1;
        return conn.deliverGroup(src, cursor, acc, net.offset(tgt), touched[tgt]);
    }

    @Override
    int update(int p, int[] list, int m, int[] out, int t, int ticks) {
        final Population pop = pops[p];
        final int off = net.offset(p);
        final double[] v = this.v;
        final double[] e0 = this.e0;
        final double[] e1 = this.e1;
        final float[] acc0 = this.acc0;
        final float[] acc1 = this.acc1;
        final int[] last = this.last;
        final int[] until = this.until;
        int spiked = 0;
        for (int k = 0; k < m; k++) {
            int i = list[k];
            int g = off + i;
            float r0 = acc0[g];
            float r1 = acc1[g];
            acc0[g] = 0f;
            acc1[g] = 0f;
            workV = v[g];
            workE0 = e0[g];
            workE1 = e1[g];
            int u = until[g];
            advance(pop, t - 1 - last[g], u - last[g]);
            double vv = workV * pop.b;
            double a0 = workE0 * pop.a0 + r0;
            double a1 = workE1 * pop.a1 + r1;
            vv = vv + (a0 * pop.g0 + a1 * pop.g1) + pop.c;
            if (t <= u) {
                vv = 0;
            } else if (vv > pop.threshold) {
                out[spiked++] = i;
                vv = 0;
                u = t + pop.refractory;
                until[g] = u;
            }
            v[g] = vv;
            e0[g] = a0;
            e1[g] = a1;
            last[g] = t;
            workV = vv;
            workE0 = a0;
            workE1 = a1;
            scheduleCheck(pop, g, u, t, ticks);
        }
        if (spiked > 1) {
            IntSort.sort(out, 0, spiked); // the touched neurons came in no particular order
        }
        return spiked;
    }

    @Override
    boolean needsSortedTouches() {
        return false;
    }

    @Override
    float membrane(int g) {
        return (float) v[g];
    }

    @Override
    long finish(int ticks) {
        return 0;
    }

    /**
     * Moves the working copy n ticks ahead with no input, the first {@code refractoryLeft} of them refractory (v held
     * at 0, the currents decaying).
     */
    private void advance(Population pop, int n, int refractoryLeft) {
        if (n <= 0) {
            return;
        }
        int clamped = Math.min(n, refractoryLeft);
        if (clamped > 0) {
            workE0 *= pop.decay0(clamped);
            workE1 *= pop.decay1(clamped);
            workV = 0;
            n -= clamped;
        }
        if (n > 0) {
            evolve(pop, n);
        }
    }

    /**
     * Moves the working copy (workV, workE0, workE1) n &gt;= 1 ticks ahead without input or refractoriness, in closed
     * form.
     */
    private void evolve(Population pop, int n) {
        double bn;
        double an0;
        double an1;
        double mix0;
        double mix1;
        double leak;
        if (n < TABLE) {
            final double[] row = pop.table;
            int at = n * Population.ROW;
            bn = row[at];
            an0 = row[at + 1];
            an1 = row[at + 2];
            mix0 = row[at + 3];
            mix1 = row[at + 4];
            leak = row[at + 5];
        } else {
            bn = Math.exp(n * pop.lnB);
            an0 = Math.exp(n * pop.lnA0);
            an1 = Math.exp(n * pop.lnA1);
            mix0 = Population.mix(pop.ratio0, bn, an0, n);
            mix1 = Population.mix(pop.ratio1, bn, an1, n);
            leak = pop.c * (1 - bn) * pop.leakSum;
        }
        workV = bn * workV + pop.g0 * workE0 * mix0 + pop.g1 * workE1 * mix1 + leak;
        workE0 *= an0;
        workE1 *= an1;
    }

    /**
     * Schedules a check of g (state valid at the end of tick t) at a lower bound of its next threshold crossing if
     * nothing else arrives. A bound at most {@value #NEAR} ticks ahead is refined in place, up to {@value #REFINE}
     * times: the state is moved in closed form to the tick before the bound (no crossing can happen earlier) and
     * bounded again from there, so that a check near a crossing usually lands on the crossing tick itself. Farther
     * bounds are left coarse: new input usually replaces them before they come due (on CUBA, refining them cost more
     * than the check events it saved).
     */
    private void scheduleCheck(Population pop, int g, int until, int t, int ticks) {
        long at = t;
        if (t < until) {
            // free evolution starts at the end of the refractory period, from v = 0
            int r = until - t;
            workE0 *= pop.decay0(r);
            workE1 *= pop.decay1(r);
            workV = 0;
            at = until;
        }
        final int pending = checks.tickOf(g);
        long check;
        for (int iteration = 0; ; iteration++) {
            if (workV > pop.threshold) {
                check = at + 1;
                break;
            }
            double d = (pop.b - 1) * workV + pop.g0 * Math.max(workE0, 0) * pop.a0
                    + pop.g1 * Math.max(workE1, 0) * pop.a1 + pop.c;
            if (d <= 0) {
                return;
            }
            if (iteration == 0 && pending > t
                    && (pending - at) * d <= (pop.threshold - workV) * ((1 - 1e-9) * (1 - 1e-12))) {
                // the pending check comes no later than the first bound below (so no later than the final one):
                // it stays, decided without the division (the margin covers the division's rounding)
                return;
            }
            // floor of the bound (a cast: the quotient is >= 0), shaved by 1e-9 so that rounding never pushes it past
            // the crossing
            long j = Math.max(1L, (long) Math.min((pop.threshold - workV) / d * (1 - 1e-9), 1e12));
            check = at + j;
            if (j == 1 || j > NEAR || check >= ticks || iteration == REFINE) {
                break;
            }
            evolve(pop, (int) (j - 1));
            at = check - 1;
        }
        if (check >= ticks) {
            return;
        }
        // a bound beyond the queue's window is replaced by a check at the window's edge (still before the
        // crossing): that check costs one closed-form update if nothing arrives, and keeps every check O(1)
        check = Math.min(check, (long) t + queue.window() - 1);
        if (pending > t && pending <= check) {
            return;
        }
        check(g, (int) check);
    }
}
