package io.snn4j.engine;

import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import io.snn4j.neuron.FixedLifConstants;
import java.util.Arrays;

/**
 * Integer mode of the {@link EventEngine}: the exact integer tick of {@link FixedLifConstants}, computed only for
 * neurons that something reaches, with the spikes, membranes and saturation counts of the stepped engine's integer
 * mode.
 *
 * <p>The truncating multiply-and-shift decay has no closed form over k ticks, so a neuron is caught up lazily: when an
 * event reaches it at tick t, the per-tick recurrence is applied without input from its last update to t - 1, then
 * tick t with the tick's summed integer input. The catch-up stops early at a fixed point of the tick (a state the
 * tick maps onto itself, such as rest without bias, or a refractory neuron at zero), jumping to the end of the
 * refractory period or to t - 1 and adding the fixed point's saturations once per skipped tick. Runs of ticks on
 * which the truncating decays remove a constant amount a tick (long at fine ticks, where a time constant spans
 * thousands of ticks) are taken in one step ({@link #jump}). At the end of a run every neuron that could still saturate
 * without input is caught up to the last tick, so that the saturation count is complete.
 *
 * <p>Threshold crossings are never missed and never searched tick by tick far ahead. After every update the engine
 * schedules a check at a tick no later than the next crossing if nothing else arrived:
 * <ul>
 *   <li>none when no crossing can come: with a bias &lt;= 0 the membrane can never exceed {@code max(v, 0) + sum_k
 *       max(e_k, 0) keepSyn_k / 2^S} (each current decays at least geometrically, {@code mul(e, keep) <= e keep / 2^S},
 *       and hands the membrane at most {@code e decaySyn / 2^S} a tick; the decay of v never raises a positive v), so
 *       a bound below threshold ends it; with any bias, once both currents are 0 outside the refractory period the
 *       membrane map {@code f(v) = sat(mul(v, keepMem) + bias)} is monotone, so {@code f(v) <= v} means the membrane
 *       never rises again;</li>
 *   <li>else at a lower bound of the crossing tick: a tick raises the membrane by at most
 *       {@code D = sum_k max(e_k, 0) decaySyn_k / 2^S + max(bias, 0)}, so the gap to threshold takes at least
 *       {@code gap / D} ticks. A check there updates the neuron (spiking if it crosses) and bounds again. When the
 *       bound is a few ticks away the integer tick is run ahead exactly instead, so that the check usually lands on the
 *       crossing itself;</li>
 *   <li>a bound beyond the event queue's window puts the check at the window's edge; none beyond the run.</li>
 * </ul>
 * A new update replaces the pending check (a check event whose tick no longer matches the neuron's is ignored).
 * Delays, the one-tick input delay of every projection and the event queue are those of the float engine; every
 * projection kind delivers its integer weights exactly into 64-bit accumulators.
 *
 * <p>All buffers are allocated at construction; a run allocates only its result. Not thread-safe.
 */
final class IntegerEventLoop extends EventLoop {
    private static final int NEAR = 4;
    private static final int REFINE = 24;
    /** Exact ticks the catch-up takes after a failed {@link #jump} before it tries again. */
    private static final int RETRY = 8;
    private final int[] v;
    private final int[] e0;
    private final int[] e1;
    private final long[] acc0;
    private final long[] acc1;
    private final Pop[] pops;
    private long saturations;
    /** Scratch state of one neuron (membrane, currents) for the tick helpers. */
    private long workV;
    private long workE0;
    private long workE1;

    /** The integer constants of one LIF population, unpacked into final fields. */
    private static final class Pop {
        final int shift;
        final int fracBits;
        final long keepMem;
        final long decaySyn0;
        final long decaySyn1;
        final long keepSyn0;
        final long keepSyn1;
        final long max;
        final long inputLimit;
        final int neuronsPerChannel;
        final long[] threshold;
        final long[] bias;
        final boolean hasBias;
        final boolean twoTypes;
        final int refractory;

        Pop(FixedLifConstants c, int synapseTypes) {
            shift = c.shift();
            fracBits = c.fracBits();
            keepMem = c.keepMem();
            decaySyn0 = c.decaySyn0();
            decaySyn1 = c.decaySyn1();
            keepSyn0 = c.keepSyn0();
            keepSyn1 = c.keepSyn1();
            max = c.max();
            inputLimit = c.inputLimit();
            neuronsPerChannel = c.neuronsPerChannel();
            threshold = c.threshold();
            bias = c.bias();
            hasBias = c.hasBias();
            twoTypes = synapseTypes == 2;
            refractory = c.refractoryTicks();
        }
    }

    IntegerEventLoop(CompiledNetwork net) {
        super(checkInteger(net), true);
        int n = net.neuronCount();
        v = new int[n];
        e0 = new int[n];
        e1 = new int[n];
        acc0 = new long[n];
        acc1 = new long[n];
        pops = new Pop[populations];
        for (int p = 0; p < populations; p++) {
            if (isModelled(p)) {
                pops[p] = new Pop(net.fixedConstants(p), net.spec().population(p).lif().synapseTypes());
            }
        }
    }

    private static CompiledNetwork checkInteger(CompiledNetwork net) {
        if (!net.isInteger()) {
            throw new IllegalArgumentException("network '" + net.spec().name() + "' is not in integer mode");
        }
        return net;
    }

    /**
     * Catches every neuron up to the last tick of the run where that can saturate an accumulator, so that the
     * saturation count is the stepped engine's. Without a bias a neuron whose {@code |v| + sum_k |e_k| keepSyn_k / 2^S}
     * (the bound of {@link #neverReaches}, on magnitudes) stays within the accumulator cannot saturate without input,
     * and is left as it is.
     */
    @Override
    long finish(int ticks) {
        int end = ticks - 1;
        for (int p = 0; p < populations; p++) {
            Pop pop = pops[p];
            if (pop == null) {
                continue;
            }
            int off = net.offset(p);
            for (int i = 0, size = net.size(p); i < size; i++) {
                int g = off + i;
                int ch = i / pop.neuronsPerChannel;
                if (last[g] >= end) {
                    continue;
                }
                load(g);
                if (pop.bias[ch] == 0) {
                    long bound = Math.abs(workV) + ((Math.abs(workE0) * pop.keepSyn0) >> pop.shift)
                            + ((Math.abs(workE1) * pop.keepSyn1) >> pop.shift) + 1;
                    if (bound <= pop.max) {
                        continue;
                    }
                }
                catchUp(pop, g, ch, end);
                store(g, end);
            }
        }
        return saturations;
    }

    @Override
    float membrane(int g) {
        return v[g];
    }

    @Override
    void resetState(int ticks) {
        Arrays.fill(v, 0);
        Arrays.fill(e0, 0);
        Arrays.fill(e1, 0);
        Arrays.fill(acc0, 0L);
        Arrays.fill(acc1, 0L);
        saturations = 0;
        // tick 0 is dead and integer mode has no initial potentials: every neuron is at rest at the end of tick 0,
        // and only a bias can move it without input
        for (int p = 0; p < populations; p++) {
            Pop pop = pops[p];
            if (pop == null || !pop.hasBias) {
                continue;
            }
            int off = net.offset(p);
            for (int i = 0, size = net.size(p); i < size; i++) {
                workV = 0;
                workE0 = 0;
                workE1 = 0;
                scheduleCrossing(pop, off + i, i / pop.neuronsPerChannel, 0, ticks);
            }
        }
    }

    /** Adds the integer weights of one delivery group exactly to the 64-bit accumulators. */
    @Override
    int deliver(Connectivity conn, int projection, int src, int cursor) {
        int tgt = net.target(projection);
        long[] acc = net.synapse(projection) == 0 ? acc0 : acc1;
        return conn.deliverGroup(src, cursor, acc, net.offset(tgt), touched[tgt]);
    }

    /** Tick t (&gt;= 1) for every neuron of population p that an event reached: catch up, integrate, threshold. */
    @Override
    int update(int p, int[] list, int m, int[] out, int t, int ticks) {
        Pop pop = pops[p];
        int off = net.offset(p);
        int spiked = 0;
        for (int k = 0; k < m; k++) {
            int i = list[k];
            int g = off + i;
            int ch = i / pop.neuronsPerChannel;
            long r0 = acc0[g];
            long r1 = acc1[g];
            acc0[g] = 0L;
            acc1[g] = 0L;
            load(g);
            catchUp(pop, g, ch, t - 1);
            boolean refractory = t <= until[g];
            saturations += tick(pop, pop.bias[ch], r0, r1, refractory);
            if (!refractory && workV >= pop.threshold[ch]) {
                out[spiked++] = i;
                workV = 0;
                until[g] = t + pop.refractory;
            }
            store(g, t);
            scheduleCrossing(pop, g, ch, t, ticks);
        }
        return spiked;
    }

    /** Loads the state of neuron g into the scratch fields. */
    private void load(int g) {
        workV = v[g];
        workE0 = e0[g];
        workE1 = e1[g];
    }

    /** Stores the scratch fields as the state of neuron g at the end of tick t. */
    private void store(int g, int t) {
        v[g] = (int) workV;
        e0[g] = (int) workE0;
        e1[g] = (int) workE1;
        last[g] = t;
    }

    /**
     * One integer tick of the scratch state with the tick's summed integer inputs r0, r1, the refractory clamp
     * included and the threshold left to the caller. The stepped engine's integer update computes the same tick inline
     * on its arrays, for speed (see {@code src/docs/notes/engine-design.md}); the tests hold the two copies equal
     * (spikes, membranes and saturations of both engines).
     *
     * @return the accumulator saturations of the tick
     */
    private long tick(Pop c, long bias, long r0, long r1, boolean refractory) {
        final int s = c.shift;
        final long max = c.max;
        long sat = 0;
        long vv = FixedLifConstants.mul(workV, c.keepMem, s);
        long a0 = FixedLifConstants.mul(workE0, c.keepSyn0, s) + FixedLifConstants.input(r0, c.inputLimit, c.fracBits);
        if (a0 > max) {
            a0 = max;
            sat++;
        } else if (a0 < -max) {
            a0 = -max;
            sat++;
        }
        long drive = FixedLifConstants.mul(a0, c.decaySyn0, s);
        long a1 = 0;
        if (c.twoTypes) {
            a1 = FixedLifConstants.mul(workE1, c.keepSyn1, s) + FixedLifConstants.input(r1, c.inputLimit, c.fracBits);
            if (a1 > max) {
                a1 = max;
                sat++;
            } else if (a1 < -max) {
                a1 = -max;
                sat++;
            }
            drive += FixedLifConstants.mul(a1, c.decaySyn1, s);
        }
        vv = vv + drive + bias;
        if (vv > max) {
            vv = max;
            sat++;
        } else if (vv < -max) {
            vv = -max;
            sat++;
        }
        workV = refractory ? 0 : vv;
        workE0 = a0;
        workE1 = a1;
        return sat;
    }

    /**
     * Brings the scratch state of neuron g from the end of tick last[g] to the end of tick {@code to} without input,
     * tick by tick, jumping over fixed points, and counts the saturations. No threshold crossing can lie in between:
     * the check scheduled by {@link #scheduleCrossing} would have updated the neuron at it.
     */
    private void catchUp(Pop c, int g, int ch, int to) {
        int tau = last[g];
        final long bias = c.bias[ch];
        long vv = workV;
        long a0 = workE0;
        long a1 = workE1;
        if (tau >= to || (vv == 0 && a0 == 0 && a1 == 0 && bias == 0)) {
            return;
        }
        final int u = until[g];
        final int s = c.shift;
        final long km = c.keepMem;
        final long ks0 = c.keepSyn0;
        final long ks1 = c.keepSyn1;
        final long ds0 = c.decaySyn0;
        final long ds1 = c.decaySyn1;
        final long max = c.max;
        final boolean two = c.twoTypes;
        long sat = 0;
        int attemptIn = 0;
        while (tau < to) {
            if (attemptIn <= 0) {
                workV = vv;
                workE0 = a0;
                workE1 = a1;
                int n = jump(c, bias, tau, to, u);
                if (n > 0) {
                    vv = workV;
                    a0 = workE0;
                    a1 = workE1;
                    tau += n;
                    assert tau <= u || vv < c.threshold[ch] : "neuron " + g + " crosses its threshold by tick " + tau
                            + " between events";
                    continue;
                }
                attemptIn = RETRY;
            }
            attemptIn--;
            tau++;
            // the tick of tick() without input: a decaying current cannot leave the accumulator range
            long n0 = FixedLifConstants.mul(a0, ks0, s);
            long drive = FixedLifConstants.mul(n0, ds0, s);
            long n1 = 0;
            if (two) {
                n1 = FixedLifConstants.mul(a1, ks1, s);
                drive += FixedLifConstants.mul(n1, ds1, s);
            }
            long nv = FixedLifConstants.mul(vv, km, s) + drive + bias;
            long st = 0;
            if (nv > max) {
                nv = max;
                st = 1;
            } else if (nv < -max) {
                nv = -max;
                st = 1;
            }
            boolean refractory = tau <= u;
            if (refractory) {
                nv = 0;
            }
            assert refractory || nv < c.threshold[ch] : "neuron " + g + " crosses its threshold at tick " + tau
                    + " between events";
            if (nv == vv && n0 == a0 && n1 == a1) {
                // a fixed point: the same tick repeats until the refractory period ends, or to the end
                int end = refractory ? Math.min(to, u) : to;
                st *= end - tau + 1;
                tau = end;
            }
            sat += st;
            vv = nv;
            a0 = n0;
            a1 = n1;
        }
        workV = vv;
        workE0 = a0;
        workE1 = a1;
        saturations += sat;
    }

    /**
     * Moves the scratch state over a run of ticks without input on which the integer tick is linear, in one step, and
     * returns their number (0 when fewer than 2, the state then unchanged). For x &gt;= 0,
     * {@code mul(x, 2^S - d) = x - ceil(x d / 2^S)}: a current loses the same {@code k_e} every tick while
     * {@code |e| > floor((k_e - 1) 2^S / d)}, and hands the membrane the same {@code mul(e, d)} while {@code |e|} stays
     * at or above the smallest value giving it; the membrane loses the same {@code k_v = ceil(|v| decayMem / 2^S)}
     * while {@code |v|} stays in {@code (floor((k_v - 1) 2^S / decayMem), floor(k_v 2^S / decayMem)]}. On the
     * intersection of these bands every state moves by a constant a tick; refractory ticks hold a membrane at 0. A run
     * that would saturate is left to the tick-by-tick path, which counts it.
     *
     * @param tau the tick the scratch state is at the end of
     * @param to  the last tick to reach
     * @param u   the neuron's last refractory tick
     */
    private int jump(Pop c, long bias, int tau, int to, int u) {
        final int s = c.shift;
        final long one = 1L << s;
        final boolean refractory = tau < u;
        long n = refractory ? Math.min(to - tau, u - tau) : to - tau;
        if (n < 2) {
            return 0;
        }
        // first without division, the necessary conditions for bands of at least 2 ticks: a band of a current is at
        // most 2^S / d + 1 wide and must hold 2 decrements k (k d < 2^S + d); the membrane's likewise
        final long a0 = Math.abs(workE0);
        final long d0 = c.decaySyn0;
        final long k0 = (a0 * d0 + one - 1) >> s;
        final long out0 = a0 == 0 ? 0 : ((a0 - k0) * d0) >> s;
        final long a1 = Math.abs(workE1);
        final long d1 = c.decaySyn1;
        final long k1 = a1 == 0 ? 0 : (a1 * d1 + one - 1) >> s;
        final long out1 = a1 == 0 ? 0 : ((a1 - k1) * d1) >> s;
        if (k0 * d0 >= one + d0 || k1 * d1 >= one + d1) {
            return 0;
        }
        final long drive = (workE0 >= 0 ? out0 : -out0) + (workE1 >= 0 ? out1 : -out1);
        final long dm = one - c.keepMem;
        final long w = Math.abs(workV);
        final long sign = workV >= 0 ? 1 : -1;
        final long kv = (w * dm + one - 1) >> s;
        // change of |v| a tick (outside the refractory period, v != 0)
        final long delta = -kv + sign * (drive + bias);
        if (refractory) {
            // the membrane before the clamp is drive + bias every tick: only a membrane already at 0
            long pre = drive + bias;
            if (workV != 0 || pre > c.max || pre < -c.max) {
                return 0;
            }
        } else if (workV == 0) {
            if (drive + bias != 0) {
                return 0;
            }
        } else if (Math.abs(delta) * dm > one) {
            return 0;
        }
        if (a0 != 0) {
            long low = ((k0 - 1) << s) / d0;
            long lowDrive = ((out0 << s) + d0 - 1) / d0;
            n = Math.min(n, Math.min((a0 - low + k0 - 1) / k0, (a0 - lowDrive) / k0));
        }
        if (a1 != 0) {
            long low = ((k1 - 1) << s) / d1;
            long lowDrive = ((out1 << s) + d1 - 1) / d1;
            n = Math.min(n, Math.min((a1 - low + k1 - 1) / k1, (a1 - lowDrive) / k1));
        }
        long vn = 0;
        if (!refractory && workV != 0) {
            if (delta < 0) {
                long low = kv == 0 ? 0 : ((kv - 1) << s) / dm;
                n = Math.min(n, (w - low - 1) / -delta + 1);
            } else if (delta > 0 && dm > 0) {
                long high = (kv << s) / dm;
                n = Math.min(n, (high - w) / delta + 1);
            }
            vn = workV + n * sign * delta;
            if (vn > c.max || vn < -c.max) {
                return 0;
            }
        }
        if (n < 2) {
            return 0;
        }
        workV = vn;
        workE0 -= n * (workE0 > 0 ? k0 : -k0);
        workE1 -= n * (workE1 > 0 ? k1 : -k1);
        return (int) n;
    }

    /**
     * Schedules a check of neuron g (state at the end of tick t in the scratch fields) at a tick no later than its
     * next threshold crossing if nothing else arrives, replacing any pending one, or none when no crossing can come
     * (see the class comment). While a crossing is more than {@value #NEAR} ticks away by the lower bound of
     * {@link #ticksToReach}, the check goes to that bound (no search); nearer, the integer tick is run ahead exactly,
     * up to {@value #REFINE} ticks, so that the check usually lands on the crossing itself.
     */
    private void scheduleCrossing(Pop c, int g, int ch, int t, int ticks) {
        final long bias = c.bias[ch];
        final long th = c.threshold[ch];
        final int u = until[g];
        final long limit = Math.min(ticks - 1L, (long) t + queue.window() - 1);
        final int s = c.shift;
        long check = -1;
        int tau = t;
        for (int iteration = 0; ; iteration++) {
            if (bias <= 0 && neverReaches(c, th)) {
                break;
            }
            // free evolution starts after the refractory period, from v = 0
            long start = tau < u ? 0 : Math.max(workV, 0);
            long n = ticksToReach(c, bias, th - start);
            if (n < 0) {
                break;
            }
            long candidate = Math.max(tau, u) + n;
            if (candidate > limit) {
                // beyond the run (nothing to check), or beyond the window: a check at its edge bounds again
                check = limit < ticks - 1 && limit > t ? limit : -1;
                break;
            }
            if (candidate - tau > NEAR || iteration == REFINE) {
                check = candidate;
                break;
            }
            tau++;
            long pv = workV;
            long p0 = workE0;
            long p1 = workE1;
            boolean refractory = tau <= u;
            tick(c, bias, 0, 0, refractory);
            if (!refractory && workV >= th) {
                check = tau;
                break;
            }
            if (workV == pv && workE0 == p0 && workE1 == p1) {
                if (!refractory) {
                    break;
                }
                continue;
            }
            if (workE0 == 0 && workE1 == 0 && tau >= u) {
                long f = FixedLifConstants.mul(workV, c.keepMem, s) + bias;
                f = f > c.max ? c.max : f < -c.max ? -c.max : f;
                if (f <= workV) {
                    break;
                }
            }
        }
        if (check == checks.tickOf(g)) {
            return;
        }
        if (check >= 0) {
            check(g, (int) check);
        } else {
            cancelCheck(g);
        }
    }

    /**
     * A lower bound (&gt;= 1) on the ticks the membrane of the scratch state needs to rise by {@code gap} &gt; 0
     * without input, or -1 when it cannot rise. A tick raises a positive membrane by at most
     * {@code D = sum_k max(e_k, 0) decaySyn_k / 2^S + max(bias, 0)} (the decay of v never raises it, currents only
     * decay), so no fewer than {@code ceil(gap / D)} ticks.
     */
    private long ticksToReach(Pop c, long bias, long gap) {
        long d = Math.max(workE0, 0) * c.decaySyn0 + Math.max(workE1, 0) * c.decaySyn1 + (Math.max(bias, 0) << c.shift);
        if (d <= 0) {
            return -1;
        }
        long need = gap << c.shift;
        return need <= d ? 1 : (need - 1) / d + 1;
    }

    /**
     * Without a positive bias, whether the scratch state can never reach threshold th: an upper bound on every
     * future membrane is {@code max(v, 0) + sum_k max(e_k, 0) keepSyn_k / 2^S} (plus 1 for the rounding of the second
     * term).
     */
    private boolean neverReaches(Pop c, long th) {
        long bound = Math.max(workV, 0) + ((Math.max(workE0, 0) * c.keepSyn0) >> c.shift);
        if (c.twoTypes) {
            bound += ((Math.max(workE1, 0) * c.keepSyn1) >> c.shift) + 1;
        }
        return bound < th;
    }
}
