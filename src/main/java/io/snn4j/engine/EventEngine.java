package io.snn4j.engine;

import io.snn4j.event.CalendarQueue;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.event.TouchSet;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import io.snn4j.neuron.LifConstants;
import io.snn4j.neuron.LifParameters;
import java.util.Arrays;

/**
 * The fully event-driven engine: a neuron is computed only at ticks where something reaches it, and brought there
 * from its last update by the closed form of the discrete dynamics, so its cost per event does not depend on how
 * many ticks passed (microsecond ticks are practical).
 *
 * <p>Closed form over n ticks without input (b = 1 - 1/tauMem, a_k = 1 - 1/tauSyn_k, g_k = 1/tauSyn_k, c = bias):
 * <pre>
 *   e_k(n) = a_k^n e_k
 *   v(n)   = b^n v + sum_k g_k e_k a_k (b^n - a_k^n) / (b - a_k) + c (1 - b^n) / (1 - b)
 * </pre>
 * with the refractory clamp applied first (v = 0 while refractory, currents decaying). State is kept in double.
 *
 * <p>Threshold crossings are scheduled, never searched tick by tick. After every update the engine computes a lower
 * bound on the next tick at which the neuron could cross threshold if nothing else arrived: while v stays at or above
 * its present value v0, each tick adds at most {@code D = (b - 1) v0 + sum_k g_k max(e_k, 0) a_k + c}, so no crossing
 * comes before {@code (threshold - v0) / D} ticks, and none ever when {@code D <= 0}. A check at that tick updates
 * the neuron (spiking if it crosses) and schedules the next check; the bounds converge on the crossing tick
 * quadratically. New input replaces a pending check when its bound is earlier.
 *
 * <p>Events wait in a {@link CalendarQueue}: spike deliveries (one entry per spike, projection and delay group, all
 * within the queue's window, so a tick's deliveries keep their scheduling order) and checks. Within a tick, the weights arriving at a neuron are summed in float
 * in the same order as the stepped engine sums them. Results equal the stepped engine's except where float and
 * double rounding put a membrane on different sides of its threshold (see the engine equivalence test).
 *
 * <p>Integer mode ({@link CompiledNetwork#isInteger}): the exact integer tick of
 * {@link io.snn4j.neuron.FixedLifConstants} has no closed form over skipped ticks, so neurons are caught up through the
 * integer recurrence when an event reaches them (tick by tick, or a run of ticks on which it is linear at once), and
 * their threshold crossings are scheduled from bounds on it ({@link IntegerEventLoop}); spikes, membranes and
 * saturation counts equal the stepped engine's integer mode.
 *
 * <p>Not thread-safe.
 */
public final class EventEngine implements Engine {
    private static final int TABLE = 1024;
    private static final int REFINE = 24;
    private static final int NEAR = 4;

    private final CompiledNetwork net;
    private final int populations;
    private final double[] v;
    private final double[] e0;
    private final double[] e1;
    private final int[] last;
    private final int[] until;
    private final int[] checkTick;
    private final float[] acc0;
    private final float[] acc1;
    private final int[] counts;
    private final TouchSet[] touched;
    private final int[][] spikes;
    private final int[] spikeCount;
    private final CalendarQueue queue;
    private final Population[] pops;
    /** The integer-mode engine, or null in float mode. */
    private final IntegerEventLoop integerLoop;
    /** Scratch state of the closed-form helpers (one neuron at a time). */
    private double sv;
    private double sa0;
    private double sa1;

    /** Double-precision constants and power tables of one LIF population. */
    private static final class Population {
        final double b;
        final double a0;
        final double a1;
        final double g0;
        final double g1;
        final double c;
        final double threshold;
        final int refractory;
        final double[] powB = new double[TABLE];
        final double[] powA0 = new double[TABLE];
        final double[] powA1 = new double[TABLE];
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
            powB[0] = 1;
            powA0[0] = 1;
            powA1[0] = 1;
            for (int n = 1; n < TABLE; n++) {
                powB[n] = Math.pow(b, n);
                powA0[n] = Math.pow(a0, n);
                powA1[n] = Math.pow(a1, n);
            }
            leakSum = 1.0 / (1.0 - b);
            ratio0 = ratio(b, a0);
            ratio1 = ratio(b, a1);
        }

        static double pow(double[] table, double ln, int n) {
            return n < TABLE ? table[n] : Math.exp(n * ln);
        }

        /** sum_{m=1..n} b^(n-m) a^m, given bn = b^n, an = a^n and ratio = a / (b - a) (NaN when a == b). */
        static double mix(double ratio, double bn, double an, int n) {
            return ratio == ratio ? ratio * (bn - an) : n * an;
        }

        static double ratio(double b, double a) {
            return Math.abs(b - a) < 1e-12 ? Double.NaN : a / (b - a);
        }
    }

    public EventEngine(CompiledNetwork net) {
        integerLoop = net.isInteger() ? new IntegerEventLoop(net) : null;
        this.net = net;
        // integer mode keeps its state in the integer loop: the float arrays stay empty
        populations = integerLoop == null ? net.populationCount() : 0;
        int n = integerLoop == null ? net.neuronCount() : 0;
        v = new double[n];
        e0 = new double[n];
        e1 = new double[n];
        last = new int[n];
        until = new int[n];
        checkTick = new int[n];
        acc0 = new float[n];
        acc1 = new float[n];
        counts = new int[n];
        touched = new TouchSet[populations];
        spikes = new int[populations][];
        spikeCount = new int[populations];
        pops = new Population[populations];
        for (int p = 0; p < populations; p++) {
            spikes[p] = new int[net.size(p)];
            touched[p] = new TouchSet(net.size(p));
            if (net.constants(p) != null) {
                pops[p] = new Population(net.spec().population(p).lif());
            }
        }
        // the window covers the longest membrane time constant (capped), so that checks rarely overflow it
        double longestTau = 0;
        for (int p = 0; p < populations; p++) {
            if (pops[p] != null) {
                longestTau = Math.max(longestTau, net.spec().population(p).lif().tauMemTicks());
            }
        }
        int window = (int) Math.min(1 << 16, Math.max(Math.max(1024, 2L * net.maxDelay() + 2), (long) longestTau));
        queue = new CalendarQueue(integerLoop == null ? window : 64, 4 * n + 1024);
    }

    @Override
    public String name() {
        return integerLoop != null ? "event (integer mode)" : "event";
    }

    @Override
    public SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes) {
        if (integerLoop != null) {
            return integerLoop.run(input, ticks, recordSpikes, probes);
        }
        RunSupport.checkRun(net, input, ticks, probes);
        int inputPop = net.spec().input();
        reset(ticks);
        SpikeRecord record = recordSpikes ? new SpikeRecord() : null;
        float[][] traces = new float[probes.length][ticks];
        int next = 0;
        final int inputs = input.size();
        int previous = 0;
        while (true) {
            int queued = queue.nextTick();
            int t = Math.min(next < inputs ? input.tick(next) : Integer.MAX_VALUE, queued);
            if (probes.length > 0) {
                // traced neurons are brought up to date every tick (not tick 0, which is dead: their state after it
                // is the reset one)
                t = Math.min(t, previous + 1);
                for (int k = 0; k < probes.length && t < ticks && t > 0; k++) {
                    int p = net.populationOf(probes[k]);
                    touched[p].add(probes[k] - net.offset(p));
                }
            }
            if (t >= ticks) {
                break;
            }
            previous = t;
            for (int e = queue.open(t); e >= 0; e = queue.next(e)) {
                int kind = queue.a(e);
                int who = queue.b(e);
                if (kind < 0) {
                    if (checkTick[who] == t) {
                        checkTick[who] = -1;
                        int p = queue.c(e);
                        touched[p].add(who - net.offset(p));
                    }
                } else {
                    arrive(kind, who, queue.c(e), queue.d(e), ticks);
                }
            }
            queue.advance();
            int k = 0;
            int[] inBuf = spikes[inputPop];
            while (next < inputs && input.tick(next) == t) {
                inBuf[k++] = input.channel(next++);
            }
            spikeCount[inputPop] = k;
            for (int p = 0; p < populations; p++) {
                if (pops[p] != null) {
                    updateTouched(p, t, ticks);
                }
            }
            RunSupport.collect(net, t, spikes, spikeCount, counts, record);
            schedule(t, ticks);
            for (int q = 0; q < probes.length; q++) {
                traces[q][t] = (float) v[probes[q]];
            }
        }
        return new SimulationResult(net, ticks, counts.clone(), record, traces);
    }

    private void reset(int ticks) {
        Arrays.fill(e0, 0);
        Arrays.fill(e1, 0);
        Arrays.fill(last, 0);
        Arrays.fill(until, -1);
        Arrays.fill(checkTick, -1);
        Arrays.fill(acc0, 0f);
        Arrays.fill(acc1, 0f);
        Arrays.fill(counts, 0);
        queue.clear(0);
        for (int p = 0; p < populations; p++) {
            touched[p].clear();
            spikeCount[p] = 0;
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
                    last[off + i] = 0;
                    scheduleCheck(pop, p, off + i, 0, ticks);
                }
            }
        }
    }

    /** A delivery entry reached its tick: add its weights, and schedule the source's next delay group. */
    private void arrive(int projection, int src, int cursor, int emitted, int ticks) {
        Connectivity conn = net.connectivity(projection);
        int tgt = net.target(projection);
        float[] acc = net.synapse(projection) == 0 ? acc0 : acc1;
        int nextCursor = conn.deliverGroup(src, cursor, acc, net.offset(tgt), touched[tgt]);
        if (nextCursor >= 0) {
            long at = (long) emitted + conn.groupDelay(src, nextCursor);
            if (at < ticks) {
                queue.push((int) at, projection, src, nextCursor, emitted);
            }
        }
    }

    private void updateTouched(int p, int t, int ticks) {
        TouchSet set = touched[p];
        int m = set.size();
        int spiked = 0;
        if (m > 0) {
            set.sort();
            Population pop = pops[p];
            int off = net.offset(p);
            int[] out = spikes[p];
            int[] list = set.rawList();
            for (int k = 0; k < m; k++) {
                int i = list[k];
                int g = off + i;
                float r0 = acc0[g];
                float r1 = acc1[g];
                acc0[g] = 0f;
                acc1[g] = 0f;
                advance(pop, g, t - 1);
                double vv = v[g] * pop.b;
                double a0 = e0[g] * pop.a0 + r0;
                double a1 = e1[g] * pop.a1 + r1;
                vv = vv + (a0 * pop.g0 + a1 * pop.g1) + pop.c;
                if (t <= until[g]) {
                    vv = 0;
                } else if (vv > pop.threshold) {
                    out[spiked++] = i;
                    vv = 0;
                    until[g] = t + pop.refractory;
                }
                v[g] = vv;
                e0[g] = a0;
                e1[g] = a1;
                last[g] = t;
                scheduleCheck(pop, p, g, t, ticks);
            }
            set.clear();
        }
        spikeCount[p] = spiked;
    }

    /** Brings neuron g from the end of tick last[g] to the end of tick {@code to}, with no input in between. */
    private void advance(Population pop, int g, int to) {
        int n = to - last[g];
        if (n <= 0) {
            return;
        }
        sv = v[g];
        sa0 = e0[g];
        sa1 = e1[g];
        int clamped = Math.min(n, until[g] - last[g]);
        if (clamped > 0) {
            sa0 *= Population.pow(pop.powA0, pop.lnA0, clamped);
            sa1 *= Population.pow(pop.powA1, pop.lnA1, clamped);
            sv = 0;
            n -= clamped;
        }
        if (n > 0) {
            evolve(pop, n);
        }
        v[g] = sv;
        e0[g] = sa0;
        e1[g] = sa1;
        last[g] = to;
    }

    /** Moves the scratch state (sv, sa0, sa1) n &gt;= 1 ticks ahead without input or refractoriness, in closed form. */
    private void evolve(Population pop, int n) {
        double bn = Population.pow(pop.powB, pop.lnB, n);
        double an0 = Population.pow(pop.powA0, pop.lnA0, n);
        double an1 = Population.pow(pop.powA1, pop.lnA1, n);
        sv = bn * sv + pop.g0 * sa0 * Population.mix(pop.ratio0, bn, an0, n)
                + pop.g1 * sa1 * Population.mix(pop.ratio1, bn, an1, n)
                + pop.c * (1 - bn) * pop.leakSum;
        sa0 *= an0;
        sa1 *= an1;
    }

    /**
     * Schedules a check of g (state valid at the end of tick t) at a lower bound of its next threshold crossing if
     * nothing else arrives. A bound at most {@value #NEAR} ticks ahead is refined in place, up to {@value #REFINE}
     * times: the state is moved in closed form to the tick before the bound (no crossing can happen earlier) and
     * bounded again from there, so that a check near a crossing usually lands on the crossing tick itself. Farther
     * bounds are left coarse: new input usually replaces them before they come due (on CUBA, refining them cost more
     * than the check events it saved).
     */
    private void scheduleCheck(Population pop, int p, int g, int t, int ticks) {
        sv = v[g];
        sa0 = e0[g];
        sa1 = e1[g];
        long at = t;
        if (t < until[g]) {
            // free evolution starts at the end of the refractory period, from v = 0
            int r = until[g] - t;
            sa0 *= Population.pow(pop.powA0, pop.lnA0, r);
            sa1 *= Population.pow(pop.powA1, pop.lnA1, r);
            sv = 0;
            at = until[g];
        }
        long check;
        for (int iteration = 0; ; iteration++) {
            if (sv > pop.threshold) {
                check = at + 1;
                break;
            }
            double d = (pop.b - 1) * sv + pop.g0 * Math.max(sa0, 0) * pop.a0 + pop.g1 * Math.max(sa1, 0) * pop.a1
                    + pop.c;
            if (d <= 0) {
                return;
            }
            // floor of the bound, shaved by 1e-9 so that rounding never pushes it past the crossing
            long j = Math.max(1L, (long) Math.min(Math.floor((pop.threshold - sv) / d * (1 - 1e-9)), 1e12));
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
        int pending = checkTick[g];
        if (pending > t && pending <= check) {
            return;
        }
        checkTick[g] = (int) check;
        queue.push((int) check, -1, g, p, 0);
    }

    private void schedule(int t, int ticks) {
        for (int j = 0, m = net.projectionCount(); j < m; j++) {
            int src = net.source(j);
            int count = spikeCount[src];
            if (count == 0) {
                continue;
            }
            Connectivity conn = net.connectivity(j);
            int[] buf = spikes[src];
            for (int k = 0; k < count; k++) {
                int s = buf[k];
                int cursor = conn.firstGroup(s);
                if (cursor >= 0) {
                    long at = (long) t + conn.groupDelay(s, cursor);
                    if (at < ticks) {
                        queue.push((int) at, j, s, cursor, t);
                    }
                }
            }
        }
        for (int p = 0; p < populations; p++) {
            spikeCount[p] = 0;
        }
    }
}
