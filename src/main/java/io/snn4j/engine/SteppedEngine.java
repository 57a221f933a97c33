package io.snn4j.engine;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.backend.Team;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.IntSort;
import io.snn4j.event.SpikeRecord;
import io.snn4j.event.TouchSet;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import io.snn4j.neuron.FixedLifConstants;
import io.snn4j.neuron.LifConstants;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The throughput engine: clock-driven neuron updates, event-driven spike delivery. Each tick it
 * <ol>
 *   <li>updates the LIF populations in the canonical float arithmetic of {@link LifConstants}. A population with a
 *       bias (every neuron busy all the time) is updated in one pass over its arrays, integrate, refractory hold
 *       and threshold fused ({@link Kernels#lifTickBiased}, SIMD where the Vector API is present). Any other
 *       population updates only its active neurons: those not exactly at rest (all of them at first when they start
 *       from initial potentials), or with input arriving;</li>
 *   <li>collects the tick's spikes per population, in ascending neuron order;</li>
 *   <li>delivers them through each projection's compiled connectivity into a ring of delay slots.</li>
 * </ol>
 *
 * <p>Delay ring, per target population and synapse type: {@code slots} float arrays of the population's size, slot
 * {@code (tick + delay) & (slots - 1)}, {@code slots} the smallest power of two above the largest delay. A slot is
 * read and zeroed when its tick comes. Populations updated by activity also keep, per slot, the set of neurons that
 * received input there.
 *
 * <p>Integer mode ({@link CompiledNetwork#isInteger}): every LIF population runs the exact integer tick of
 * {@link FixedLifConstants} on {@code int} states, its delay ring holds {@code long} sums of integer weights, and
 * saturations of the accumulators are counted ({@link SimulationResult#saturations}). Activity tracking is the same
 * (an integer state at rest is exactly 0, so nothing needs flushing); a population with a bias updates every neuron.
 *
 * <p>Besides {@link #run} over a whole input, the engine can be driven tick by tick ({@link #begin},
 * {@link #input}, {@link #stepTick}) for input that arrives as it happens; both give the same spikes.
 *
 * <p>All buffers are allocated at construction; {@link #run} allocates only its result, the incremental calls nothing.
 * Not thread-safe.
 */
public final class SteppedEngine implements Engine {
    private final CompiledNetwork net;
    private final Kernels kernels;
    private final int populations;
    private final float[][] v;
    private final float[][] e0;
    private final float[][] e1;
    private final int[][] refractoryUntil;
    private final int[] counts;
    private final int mask;
    /** [population][synapse type][slot][neuron]. */
    private final float[][][][] ring;
    private final boolean[] updatesAll;
    /**
     * Bias-free populations: from this many neurons not at rest (or receiving input) a tick updates the whole
     * population with the SIMD kernels ({@link #updateDense}) instead of walking the active list; both give the same
     * floats, so the choice only changes the speed.
     */
    private final int[] denseFrom;
    /** Bias-free populations updated whole last tick ({@link #updateDense}): their active list is not kept. */
    private final boolean[] dense;
    private final TouchSet[][] slotInput;
    private final int[][] active;
    private final boolean[][] isActive;
    private final int[] activeCount;
    private final int[][] spikes;
    private final int[] spikeCount;
    private final TouchSet pending;
    private final boolean integer;
    /** Integer mode: membrane and current states, [population][neuron]. */
    private final int[][] iv;
    private final int[][] ie0;
    private final int[][] ie1;
    /** Integer mode: [population][synapse type][slot][neuron] sums of integer weights. */
    private final long[][][][] iring;
    private long saturations;
    private int now;
    /** Splits large deliveries across its threads ({@link #splitAcross}); null: none. */
    private Team team;
    private final SplitDelivery split = new SplitDelivery();
    /** Deliveries split since construction (tests: that the split ran). */
    long splitDeliveries;

    /**
     * A delivery into targets of at least this many neurons, of at least {@link #SPLIT_WORK} weight additions, is
     * split across the {@link #splitAcross team}; below that the hand-off costs more than it saves.
     */
    static final int SPLIT_FROM = 256;
    static final int SPLIT_WORK = 4096;

    /** One tick's rows of one projection, delivered part by part (a field, so a tick allocates nothing). */
    private static final class SplitDelivery implements IntConsumer {
        Kernels kernels;
        Connectivity conn;
        int[] sources;
        int count;
        float[] acc;
        int parts;

        @Override
        public void accept(int part) {
            conn.deliverRowsPart(kernels, sources, count, acc, 0, part, parts);
        }
    }

    public SteppedEngine(CompiledNetwork net) {
        this(net, KernelProvider.get());
    }

    /** An engine using the given kernels (both implementations give identical results). */
    public SteppedEngine(CompiledNetwork net, Kernels kernels) {
        this.net = net;
        this.kernels = kernels;
        populations = net.populationCount();
        counts = new int[net.neuronCount()];
        int slots = Integer.highestOneBit(net.maxDelay()) << 1;
        mask = slots - 1;
        v = new float[populations][];
        e0 = new float[populations][];
        e1 = new float[populations][];
        refractoryUntil = new int[populations][];
        ring = new float[populations][][][];
        updatesAll = new boolean[populations];
        denseFrom = new int[populations];
        dense = new boolean[populations];
        slotInput = new TouchSet[populations][];
        active = new int[populations][];
        isActive = new boolean[populations][];
        activeCount = new int[populations];
        spikes = new int[populations][];
        spikeCount = new int[populations];
        pending = new TouchSet(net.size(net.spec().input()));
        integer = net.isInteger();
        iv = new int[populations][];
        ie0 = new int[populations][];
        ie1 = new int[populations][];
        iring = new long[populations][][][];
        for (int p = 0; p < populations; p++) {
            int size = net.size(p);
            spikes[p] = new int[size];
            LifConstants c = net.constants(p);
            if (c == null) {
                continue;
            }
            refractoryUntil[p] = new int[size];
            int types = net.spec().population(p).lif().synapseTypes();
            if (integer) {
                iv[p] = new int[size];
                ie0[p] = new int[size];
                ie1[p] = new int[size];
                iring[p] = new long[types][slots][size];
                updatesAll[p] = net.fixedConstants(p).hasBias();
            } else {
                v[p] = new float[size];
                e0[p] = new float[size];
                e1[p] = new float[size];
                ring[p] = new float[types][slots][size];
                updatesAll[p] = c.bias() != 0f;
            }
            if (!updatesAll[p]) {
                slotInput[p] = new TouchSet[slots];
                for (int s = 0; s < slots; s++) {
                    slotInput[p][s] = new TouchSet(size);
                }
                active[p] = new int[size];
                isActive[p] = new boolean[size];
                denseFrom[p] = Math.max(32, size / 8);
            }
        }
    }

    /**
     * Tests: switch every bias-free population to whole-population ticks from {@code neurons} neurons not at rest
     * (0: always, {@link Integer#MAX_VALUE}: never), so both paths can be checked against the oracle.
     */
    SteppedEngine denseFrom(int neurons) {
        Arrays.fill(denseFrom, neurons);
        return this;
    }

    /**
     * From now on delivers a tick's spikes through large projections (at least {@link #SPLIT_FROM} target neurons and
     * {@link #SPLIT_WORK} additions) part by part on the team's threads at once, each part its own targets
     * ({@link Connectivity#deliverRowsPart}): every target gets the same additions in the same order, so the floats
     * are those of one thread. Only into populations updated whole (no arrival sets to keep). Null: one thread. The
     * team must not be used by anything else while this engine runs.
     */
    public SteppedEngine splitAcross(Team team) {
        this.team = team != null && team.size() > 1 ? team : null;
        return this;
    }

    @Override
    public String name() {
        return integer ? "stepped (integer mode)" : "stepped (" + kernels.name() + " kernels)";
    }

    @Override
    public SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes) {
        return run(input, ticks, recordSpikes ? new SpikeRecord() : null, probes);
    }

    /**
     * As {@link #run(InputSpikes, int, boolean)}, recording the spikes into {@code record} (cleared first; the
     * result refers to it), so that a caller running many samples reuses one record instead of growing a new one.
     */
    public SimulationResult run(InputSpikes input, int ticks, SpikeRecord record) {
        record.clear();
        return run(input, ticks, record, new int[0]);
    }

    private SimulationResult run(InputSpikes input, int ticks, SpikeRecord record, int[] probes) {
        RunSupport.checkRun(net, input, ticks, probes);
        int inputPop = net.spec().input();
        begin();
        float[][] traces = new float[probes.length][ticks];
        int next = 0;
        final int inputs = input.size();
        for (int t = 0; t < ticks; t++) {
            int[] inBuf = spikes[inputPop];
            int k = 0;
            while (next < inputs && input.tick(next) == t) {
                inBuf[k++] = input.channel(next++);
            }
            spikeCount[inputPop] = k;
            step(record);
            for (int q = 0; q < probes.length; q++) {
                int p = net.populationOf(probes[q]);
                traces[q][t] = integer ? iv[p][probes[q] - net.offset(p)] : v[p][probes[q] - net.offset(p)];
            }
        }
        return new SimulationResult(net, ticks, counts.clone(), record, traces, saturations);
    }

    // ---- incremental use: input arrives tick by tick ---------------------------------------------------------

    /** Starts an incremental run from rest at tick 0 (the state of {@link #run} before its first tick). */
    public void begin() {
        reset();
        now = 0;
        pending.clear();
    }

    /** Adds a spike of input channel {@code channel} to the current tick (repeats within a tick are one spike). */
    public void input(int channel) {
        int size = net.size(net.spec().input());
        if (channel < 0 || channel >= size) {
            throw new IllegalArgumentException("input channel must be in [0, " + size + "), was " + channel);
        }
        pending.add(channel);
    }

    /** Simulates the current tick with the inputs given for it, then moves to the next tick. */
    public void stepTick() {
        int inputPop = net.spec().input();
        pending.sort();
        int m = pending.size();
        System.arraycopy(pending.rawList(), 0, spikes[inputPop], 0, m);
        spikeCount[inputPop] = m;
        pending.clear();
        step(null);
    }

    /** The tick {@link #stepTick} simulates next. */
    public int now() {
        return now;
    }

    /** Ticks in the delay ring: {@link #rebase} moves time by multiples of it. */
    public int ringTicks() {
        return mask + 1;
    }

    /**
     * Whether nothing is left to happen without new input: no input pending for the current tick, every LIF
     * population without a bias, all its neurons exactly at rest and nothing in its delay slots. Then simulating
     * ticks without input changes nothing but the tick counter ({@link #restartAt}).
     */
    public boolean isAtRest() {
        if (pending.size() > 0) {
            return false;
        }
        for (int p = 0; p < populations; p++) {
            if (net.constants(p) == null) {
                continue;
            }
            if (updatesAll[p] || activeCount[p] > 0) {
                return false;
            }
            for (TouchSet slot : slotInput[p]) {
                if (slot.size() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Moves the tick counter to {@code tick} without simulating the ticks in between, which must be ticks without
     * input on a network {@link #isAtRest at rest}; refractory periods end (the jump must be longer than any).
     * Spike counts are kept. Lets a session run past {@code Integer.MAX_VALUE} ticks and over idle gaps.
     *
     * @throws IllegalStateException when the network is not at rest
     */
    public void restartAt(int tick) {
        if (!isAtRest()) {
            throw new IllegalStateException("the network is not at rest: ticks must be simulated");
        }
        if (tick < 1) {
            throw new IllegalArgumentException("restart tick must be >= 1, was " + tick);
        }
        for (int p = 0; p < populations; p++) {
            if (refractoryUntil[p] != null) {
                Arrays.fill(refractoryUntil[p], -1);
            }
        }
        now = tick;
    }

    /**
     * Moves time back by {@code ticks}, a multiple of {@link #ringTicks}, keeping every state (refractory ends move
     * with it; the delay slots stay aligned). Lets a session that never rests run past {@code Integer.MAX_VALUE}
     * ticks.
     */
    public void rebase(int ticks) {
        if (ticks < 0 || ticks >= now || ticks % (mask + 1) != 0) {
            throw new IllegalArgumentException("rebase by a multiple of " + (mask + 1) + " in [0, " + now
                    + ") (tick 0 is the dead tick), was " + ticks);
        }
        for (int p = 0; p < populations; p++) {
            int[] until = refractoryUntil[p];
            if (until != null) {
                for (int i = 0; i < until.length; i++) {
                    until[i] = Math.max(-1, until[i] - ticks);
                }
            }
        }
        now -= ticks;
    }

    /** Integer mode: accumulator saturations since {@link #begin} (0 in float mode). */
    public long saturations() {
        return saturations;
    }

    /** Spikes of global neuron {@code g} since {@link #begin}. */
    public int spikeCount(int g) {
        return counts[g];
    }

    /** Spikes of population {@code p} in the tick simulated last. */
    public int lastTickSpikes(int p) {
        return spikeCount[p];
    }

    /**
     * Copies the neurons of population {@code p} (indices within it) that spiked in the tick simulated last, in
     * ascending order, and returns how many.
     *
     * @param dst written; length &gt;= that count (the population's size always suffices)
     */
    public int copyLastTickSpikes(int p, int[] dst) {
        System.arraycopy(spikes[p], 0, dst, 0, spikeCount[p]);
        return spikeCount[p];
    }

    /** Membrane potential of global neuron {@code g} (float mode) or its integer state (integer mode). */
    public double potential(int g) {
        int p = net.populationOf(g);
        if (net.constants(p) == null) {
            throw new IllegalArgumentException("neuron " + g + " is an input neuron: it has no potential");
        }
        int i = g - net.offset(p);
        return integer ? iv[p][i] : v[p][i];
    }

    /** The network this engine simulates. */
    public CompiledNetwork network() {
        return net;
    }

    /** One tick with the input spikes already in {@code spikes[input]}: update, collect, deliver. */
    private void step(SpikeRecord record) {
        int t = now;
        int slot = t & mask;
        if (t == 0) {
            leakTickZero();
        } else {
            for (int p = 0; p < populations; p++) {
                if (net.constants(p) == null) {
                    continue;
                }
                if (integer) {
                    updateInteger(p, t, slot);
                } else if (updatesAll[p]) {
                    updateBiased(p, t, slot);
                } else if (dense[p] || activeCount[p] + slotInput[p][slot].size() >= denseFrom[p]) {
                    updateDense(p, t, slot);
                } else {
                    updateActive(p, t, slot);
                }
            }
        }
        RunSupport.collect(net, t, spikes, spikeCount, counts, record);
        deliver(t);
        now = t + 1;
    }

    private void reset() {
        Arrays.fill(counts, 0);
        saturations = 0;
        for (int p = 0; p < populations; p++) {
            spikeCount[p] = 0;
            if (net.constants(p) == null) {
                continue;
            }
            if (integer) {
                resetInteger(p);
                continue;
            }
            if (net.hasInitialPotentials(p)) {
                float[] init = net.initialPotentials(p);
                System.arraycopy(init, 0, v[p], 0, init.length);
            } else {
                Arrays.fill(v[p], 0f);
            }
            Arrays.fill(e0[p], 0f);
            Arrays.fill(e1[p], 0f);
            Arrays.fill(refractoryUntil[p], -1);
            for (float[][] type : ring[p]) {
                for (float[] slot : type) {
                    Arrays.fill(slot, 0f);
                }
            }
            dense[p] = false;
            if (slotInput[p] != null) {
                for (TouchSet s : slotInput[p]) {
                    s.clear();
                }
                boolean busy = net.hasInitialPotentials(p);
                Arrays.fill(isActive[p], busy);
                activeCount[p] = busy ? v[p].length : 0;
                for (int i = 0; busy && i < v[p].length; i++) {
                    active[p][i] = i;
                }
            }
        }
    }

    /** Integer mode: everything at rest (integer mode has no initial potentials). */
    private void resetInteger(int p) {
        Arrays.fill(iv[p], 0);
        Arrays.fill(ie0[p], 0);
        Arrays.fill(ie1[p], 0);
        Arrays.fill(refractoryUntil[p], -1);
        for (long[][] type : iring[p]) {
            for (long[] slot : type) {
                Arrays.fill(slot, 0L);
            }
        }
        if (slotInput[p] != null) {
            for (TouchSet s : slotInput[p]) {
                s.clear();
            }
            Arrays.fill(isActive[p], false);
            activeCount[p] = 0;
        }
    }

    /** Tick 0 is dead: only the leak acts (on initial potentials; currents are still 0). */
    private void leakTickZero() {
        for (int p = 0; p < populations; p++) {
            LifConstants c = net.constants(p);
            if (c != null && !integer && net.hasInitialPotentials(p)) {
                float dm = c.decayMem();
                float[] vp = v[p];
                for (int i = 0; i < vp.length; i++) {
                    vp[i] = vp[i] * dm;
                }
            }
        }
    }

    /** Leak, synaptic input and bias for every neuron: one branch-free kernel call. */
    /**
     * The tick of a population with a bias, every neuron in one pass ({@link Kernels#lifTickBiased}): integrate,
     * refractory hold and threshold.
     */
    private void updateBiased(int p, int t, int slot) {
        final LifConstants c = net.constants(p);
        final float[][][] r = ring[p];
        final boolean two = r.length > 1;
        spikeCount[p] = kernels.lifTickBiased(v[p], e0[p], two ? e1[p] : null, r[0][slot], two ? r[1][slot] : null,
                refractoryUntil[p], v[p].length, t, c.decayMem(), c.decaySyn0(), c.decaySyn1(), c.gain0(), c.gain1(),
                c.bias(), c.thresholdValue(), c.refractoryTicks(), spikes[p]);
    }

    /**
     * The tick of {@link #updateActive} for every neuron of a bias-free population at once, in one pass
     * ({@link Kernels#lifTick}): neurons at rest without input stay exactly at rest, so the floats and spikes are those
     * of the active-list update. The population stays in this mode, without keeping its active list, while at least
     * {@link #denseFrom} neurons are busy; below that the list is rebuilt from the state for {@link #updateActive}.
     */
    private void updateDense(int p, int t, int slot) {
        slotInput[p][slot].clear();
        final LifConstants c = net.constants(p);
        final float[][][] r = ring[p];
        long res = kernels.lifTick(v[p], e0[p], r.length > 1 ? e1[p] : null, r[0][slot], r.length > 1 ? r[1][slot]
                : null, refractoryUntil[p], v[p].length, t, c.decayMem(), c.decaySyn0(), c.decaySyn1(), c.gain0(),
                c.gain1(), c.thresholdValue(), c.refractoryTicks(), LifConstants.FLUSH, spikes[p]);
        spikeCount[p] = (int) (res >>> 32);
        int busy = (int) res;
        activeCount[p] = busy;
        dense[p] = busy >= denseFrom[p];
        if (!dense[p]) {
            relist(p);
        }
    }

    /** Rebuilds population p's active list and marks from its state: the neurons not exactly at rest. */
    private void relist(int p) {
        final float[] vp = v[p];
        final float[] a = e0[p];
        final float[] b = e1[p];
        final int[] list = active[p];
        final boolean[] marked = isActive[p];
        int count = 0;
        for (int i = 0; i < vp.length; i++) {
            boolean busy = vp[i] != 0f || a[i] != 0f || b[i] != 0f;
            marked[i] = busy;
            if (busy) {
                list[count++] = i;
            }
        }
        activeCount[p] = count;
    }

    /**
     * Appends the neurons input reached in this slot to population p's active list (each once) and empties the slot's
     * set; returns the new length of the list.
     */
    private int mergeArrivals(int p, int slot) {
        final int[] list = active[p];
        final boolean[] marked = isActive[p];
        int count = activeCount[p];
        TouchSet arrivals = slotInput[p][slot];
        for (int k = 0, m = arrivals.size(); k < m; k++) {
            int i = arrivals.get(k);
            if (!marked[i]) {
                marked[i] = true;
                list[count++] = i;
            }
        }
        arrivals.clear();
        return count;
    }

    private void updateActive(int p, int t, int slot) {
        final int[] list = active[p];
        final boolean[] marked = isActive[p];
        int count = mergeArrivals(p, slot);

        final LifConstants c = net.constants(p);
        final float dm = c.decayMem();
        final float ds0 = c.decaySyn0();
        final float g0 = c.gain0();
        final float ds1 = c.decaySyn1();
        final float g1 = c.gain1();
        final float th = c.thresholdValue();
        final int refr = c.refractoryTicks();
        final float flush = LifConstants.FLUSH;
        final float[] vp = v[p];
        final float[] a = e0[p];
        final float[] b = e1[p];
        final int[] until = refractoryUntil[p];
        final float[] r0 = ring[p][0][slot];
        final float[] r1 = ring[p].length > 1 ? ring[p][1][slot] : null;
        final int[] out = spikes[p];
        int spiked = 0;
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = list[k];
            float vv = vp[i] * dm;
            float a0 = a[i] * ds0 + r0[i];
            r0[i] = 0f;
            float a1 = 0f;
            float drive;
            if (r1 != null) {
                a1 = b[i] * ds1 + r1[i];
                r1[i] = 0f;
                drive = a0 * g0 + a1 * g1;
            } else {
                drive = a0 * g0;
            }
            vv = vv + drive;
            if (t <= until[i]) {
                vv = 0f;
            } else if (vv > th) {
                out[spiked++] = i;
                vv = 0f;
                until[i] = t + refr;
            }
            if (Math.abs(vv) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                vv = 0f;
                a0 = 0f;
                a1 = 0f;
            }
            vp[i] = vv;
            a[i] = a0;
            b[i] = a1;
            if (vv == 0f && a0 == 0f && a1 == 0f) {
                marked[i] = false;
            } else {
                list[kept++] = i;
            }
        }
        activeCount[p] = kept;
        if (spiked > 1) {
            IntSort.sort(out, 0, spiked);
        }
        spikeCount[p] = spiked;
    }

    /**
     * Integer mode: the exact integer tick of {@link FixedLifConstants} for every neuron of a population with a bias,
     * else for its active neurons (not at rest, or with input arriving), counting saturations.
     */
    private void updateInteger(int p, int t, int slot) {
        final boolean all = updatesAll[p];
        final int[] list = active[p];
        final boolean[] marked = isActive[p];
        int count;
        if (all) {
            count = iv[p].length;
        } else {
            count = mergeArrivals(p, slot);
        }
        final FixedLifConstants c = net.fixedConstants(p);
        final int s = c.shift();
        final int f = c.fracBits();
        final long km = c.keepMem();
        final long ds0 = c.decaySyn0();
        final long ds1 = c.decaySyn1();
        final long ks0 = c.keepSyn0();
        final long ks1 = c.keepSyn1();
        final long max = c.max();
        final long limit = c.inputLimit();
        final int perChannel = c.neuronsPerChannel();
        final long[] th = c.threshold();
        final long[] bias = c.bias();
        final int refr = c.refractoryTicks();
        final int[] vp = iv[p];
        final int[] a = ie0[p];
        final int[] b = ie1[p];
        final int[] until = refractoryUntil[p];
        final long[] r0 = iring[p][0][slot];
        final long[] r1 = iring[p].length > 1 ? iring[p][1][slot] : null;
        final int[] out = spikes[p];
        long sat = 0;
        int spiked = 0;
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = all ? k : list[k];
            int ch = i / perChannel;
            long vv = vp[i];
            vv = FixedLifConstants.mul(vv, km, s);
            long a0 = FixedLifConstants.mul(a[i], ks0, s) + FixedLifConstants.input(r0[i], limit, f);
            r0[i] = 0L;
            if (a0 > max) {
                a0 = max;
                sat++;
            } else if (a0 < -max) {
                a0 = -max;
                sat++;
            }
            long drive = FixedLifConstants.mul(a0, ds0, s);
            long a1 = 0;
            if (r1 != null) {
                a1 = FixedLifConstants.mul(b[i], ks1, s) + FixedLifConstants.input(r1[i], limit, f);
                r1[i] = 0L;
                if (a1 > max) {
                    a1 = max;
                    sat++;
                } else if (a1 < -max) {
                    a1 = -max;
                    sat++;
                }
                drive += FixedLifConstants.mul(a1, ds1, s);
            }
            vv = vv + drive + bias[ch];
            if (vv > max) {
                vv = max;
                sat++;
            } else if (vv < -max) {
                vv = -max;
                sat++;
            }
            if (t <= until[i]) {
                vv = 0;
            } else if (vv >= th[ch]) {
                out[spiked++] = i;
                vv = 0;
                until[i] = t + refr;
            }
            vp[i] = (int) vv;
            a[i] = (int) a0;
            b[i] = (int) a1;
            if (!all) {
                if (vv == 0 && a0 == 0 && a1 == 0) {
                    marked[i] = false;
                } else {
                    list[kept++] = i;
                }
            }
        }
        if (!all) {
            activeCount[p] = kept;
            if (spiked > 1) {
                IntSort.sort(out, 0, spiked);
            }
        }
        saturations += sat;
        spikeCount[p] = spiked;
    }

    private void deliver(int t) {
        for (int j = 0, m = net.projectionCount(); j < m; j++) {
            int src = net.source(j);
            int count = spikeCount[src];
            if (count == 0) {
                continue;
            }
            int tgt = net.target(j);
            Connectivity conn = net.connectivity(j);
            // a target updated whole this tick is updated whole next tick too, without its arrival sets: spikes
            // for the next tick need not be recorded there (later slots do, the mode may change before them)
            TouchSet[] inputs = dense[tgt] && conn.minDelay() == 1 && conn.maxDelay() == 1 ? null : slotInput[tgt];
            int[] buf = spikes[src];
            if (integer) {
                long[][] islots = iring[tgt][net.synapse(j)];
                for (int k = 0; k < count; k++) {
                    int s = buf[k];
                    int cursor = conn.firstGroup(s);
                    while (cursor >= 0) {
                        int slot = (t + conn.groupDelay(s, cursor)) & mask;
                        cursor = conn.deliverGroup(s, cursor, islots[slot], 0, inputs == null ? null : inputs[slot]);
                    }
                }
                continue;
            }
            float[][] slots = ring[tgt][net.synapse(j)];
            if (conn.deliversRows()) { // dense: all of this tick's rows in one pass over the accumulator
                int slot = (t + conn.minDelay()) & mask;
                if (team != null && inputs == null && net.size(tgt) >= SPLIT_FROM
                        && (long) count * conn.outDegree(buf[0]) >= SPLIT_WORK
                        && conn.splitBlocks() >= team.size()) {
                    SplitDelivery d = split;
                    d.kernels = kernels;
                    d.conn = conn;
                    d.sources = buf;
                    d.count = count;
                    d.acc = slots[slot];
                    d.parts = team.size();
                    team.run(d);
                    splitDeliveries++;
                    continue;
                }
                conn.deliverRows(kernels, buf, count, slots[slot], 0, inputs == null ? null : inputs[slot]);
                continue;
            }
            for (int k = 0; k < count; k++) {
                int s = buf[k];
                int cursor = conn.firstGroup(s);
                while (cursor >= 0) {
                    int slot = (t + conn.groupDelay(s, cursor)) & mask;
                    cursor = conn.deliverGroup(s, cursor, slots[slot], 0, inputs == null ? null : inputs[slot]);
                }
            }
        }
    }
}
