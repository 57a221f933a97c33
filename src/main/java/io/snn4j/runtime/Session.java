package io.snn4j.runtime;

import java.util.Arrays;

/**
 * One stream of input events through a {@link SnnModel}: events are pushed as they arrive, time advances, and the
 * current class (the output neuron with most spikes so far, ties to the lowest index) can be asked at any moment.
 *
 * <p>Time: an event at {@code t} microseconds after the session started falls into tick
 * {@code ceil(t / usPerTick) + 1}, as the engines bin recordings, so a session gives the same spikes as the engines
 * given the binned recording. A tick is simulated as soon as its input is complete: when an event for a later tick
 * arrives, or when {@link #advanceTo} says that time has passed. Several events of one channel in one tick count once.
 *
 * <p>Each tick (t &gt;= 1) every LIF population is updated densely, all neurons at once with the session's
 * {@link RuntimeKernels} (a population exactly at rest with no input arriving is skipped), in the canonical float
 * arithmetic of the stepped engine; then the tick's spikes, in ascending neuron order, are delivered projection by
 * projection into a ring of delay slots per target population and synapse type, slot {@code (tick + delay) &
 * (slots - 1)}. Tick 0 is dead: only initial potentials leak. A model in integer mode runs the integer tick of
 * {@code FixedPointProto} on {@code int} state with the quantised weights (scalar loops).
 *
 * <p>State is O(neurons x delay slots); the weights are the model's. Pushing allocates nothing. Not thread-safe: one
 * session per thread.
 */
public final class Session {
    /** {@link #currentClass()} before any output spike. */
    public static final int NO_OUTPUT_SPIKES = -1;

    private final SnnModel model;
    private final RuntimeKernels kernels;
    private final Population[] pops;
    private final Projection[] projs;
    private final boolean integer;
    private final int mask;
    private final int input;
    private final int output;
    private final long usPerTick;
    // float state [population][neuron]
    private final float[][] v;
    private final float[][] e0;
    private final float[][] e1;
    /** Float delay ring [population][synapse type][slot][neuron]. */
    private final float[][][][] ring;
    // integer state
    private final int[][] iv;
    private final int[][] ie0;
    private final int[][] ie1;
    private final long[][][][] iring;
    /** Integer mode: last refractory tick of each neuron. */
    private final int[][] until;
    /** Float mode: ticks each neuron is still held at 0. */
    private final float[][] refractoryLeft;
    /** [population][slot]: whether anything was delivered into the slot. */
    private final boolean[][] slotInput;
    /** Whether a population (without bias) is exactly at rest. */
    private final boolean[] quiet;
    private final int[][] spikes;
    private final int[] spikeCount;
    private final int[][] counts;
    /** Spike counts of the output population (empty when the model has none). */
    private final int[] outCounts;
    private final boolean[] pendingMark;
    private final int[] pending;
    private int pendingCount;
    private int now;
    /** Latest timestamp of tick {@link #now} ((now - 1) * usPerTick): later events belong to later ticks. */
    private long nowEndUs;
    /** The output neuron with most spikes so far (updated when output neurons spike). */
    private int bestClass;
    private long lastTimestamp;
    private long saturations;

    Session(SnnModel model, RuntimeKernels kernels) {
        this.model = model;
        this.kernels = kernels;
        this.pops = model.populations();
        this.projs = model.projections();
        this.integer = model.isIntegerMode();
        this.input = model.inputPopulation();
        this.output = model.outputPopulation();
        double us = model.usPerTick();
        if (us != Math.rint(us) || us < 1) {
            throw new IllegalArgumentException("model us_per_tick must be a whole number of microseconds >= 1, was "
                    + us);
        }
        this.usPerTick = (long) us;
        int maxDelay = 1;
        for (Projection p : projs) {
            maxDelay = Math.max(maxDelay, p.maxDelay());
        }
        int slots = Integer.highestOneBit(maxDelay) << 1;
        mask = slots - 1;
        int n = pops.length;
        v = new float[n][];
        e0 = new float[n][];
        e1 = new float[n][];
        ring = new float[n][][][];
        iv = new int[n][];
        ie0 = new int[n][];
        ie1 = new int[n][];
        iring = new long[n][][][];
        until = new int[n][];
        refractoryLeft = new float[n][];
        slotInput = new boolean[n][];
        quiet = new boolean[n];
        spikes = new int[n][];
        spikeCount = new int[n];
        counts = new int[n][];
        for (int p = 0; p < n; p++) {
            Population pop = pops[p];
            int size = pop.size;
            spikes[p] = new int[size];
            counts[p] = new int[size];
            if (pop.isInput) {
                continue;
            }
            int types = pop.synapseTypes;
            slotInput[p] = new boolean[slots];
            if (integer) {
                until[p] = new int[size];
                iv[p] = new int[size];
                ie0[p] = new int[size];
                ie1[p] = types == 2 ? new int[size] : null;
                iring[p] = new long[types][slots][size];
            } else {
                refractoryLeft[p] = new float[size];
                v[p] = new float[size];
                e0[p] = new float[size];
                e1[p] = types == 2 ? new float[size] : null;
                ring[p] = new float[types][slots][size];
            }
        }
        outCounts = output >= 0 ? counts[output] : new int[0];
        pendingMark = new boolean[pops[input].size];
        pending = new int[pops[input].size];
        reset();
    }

    /** Back to rest at time 0: no spikes, no pending input, initial potentials restored. */
    public void reset() {
        for (int p = 0; p < pops.length; p++) {
            Population pop = pops[p];
            spikeCount[p] = 0;
            Arrays.fill(counts[p], 0);
            if (pop.isInput) {
                continue;
            }
            Arrays.fill(slotInput[p], false);
            if (integer) {
                Arrays.fill(until[p], -1);
                Arrays.fill(iv[p], 0);
                Arrays.fill(ie0[p], 0);
                if (ie1[p] != null) {
                    Arrays.fill(ie1[p], 0);
                }
                for (long[][] type : iring[p]) {
                    for (long[] slot : type) {
                        Arrays.fill(slot, 0L);
                    }
                }
                quiet[p] = pop.integer.biasState == null;
            } else {
                Arrays.fill(refractoryLeft[p], 0f);
                if (pop.initialPotentials != null) {
                    System.arraycopy(pop.initialPotentials, 0, v[p], 0, pop.size);
                } else {
                    Arrays.fill(v[p], 0f);
                }
                Arrays.fill(e0[p], 0f);
                if (e1[p] != null) {
                    Arrays.fill(e1[p], 0f);
                }
                for (float[][] type : ring[p]) {
                    for (float[] slot : type) {
                        Arrays.fill(slot, 0f);
                    }
                }
                quiet[p] = pop.bias == 0f && pop.initialPotentials == null;
            }
        }
        for (int k = 0; k < pendingCount; k++) {
            pendingMark[pending[k]] = false;
        }
        pendingCount = 0;
        now = 0;
        nowEndUs = -usPerTick;
        bestClass = NO_OUTPUT_SPIKES;
        lastTimestamp = 0;
        saturations = 0;
    }

    /** Tick of an event at {@code timestampUs}. */
    long tickOf(long timestampUs) {
        return (timestampUs + usPerTick - 1) / usPerTick + 1;
    }

    /**
     * Adds an event. Timestamps must not decrease.
     *
     * @param timestampUs microseconds since the session started (or was reset), &gt;= 0
     * @param channel     input channel in [0, model.inputChannels())
     */
    public void push(long timestampUs, int channel) {
        if (timestampUs < lastTimestamp) {
            throw new IllegalArgumentException("timestamps must not decrease: " + timestampUs + " us after "
                    + lastTimestamp + " us");
        }
        if (channel < 0 || channel >= pendingMark.length) {
            throw new IllegalArgumentException("input channel must be in [0, " + pendingMark.length + "), was "
                    + channel);
        }
        lastTimestamp = timestampUs;
        if (timestampUs > nowEndUs) {
            runUntil(tickOf(timestampUs));
        }
        if (!pendingMark[channel]) {
            pendingMark[channel] = true;
            pending[pendingCount++] = channel;
        }
    }

    /** Declares that {@code timestampUs} has passed: every tick whose input is complete is simulated. */
    public void advanceTo(long timestampUs) {
        if (timestampUs < lastTimestamp) {
            throw new IllegalArgumentException("time must not go back: " + timestampUs + " us after "
                    + lastTimestamp + " us");
        }
        lastTimestamp = timestampUs;
        // ticks before tickOf(t) can receive no more events; tickOf(t) itself can while t is inside it
        runUntil(tickOf(timestampUs) + (timestampUs % usPerTick == 0 ? 1 : 0));
    }

    /** Simulates every tick before {@code tick}. */
    private void runUntil(long tick) {
        while (now < tick) {
            stepTick();
        }
    }

    /** Simulates the current tick with the input pushed for it, then moves to the next tick. */
    void stepTick() {
        int t = now;
        takePending();
        if (t == 0) {
            leakTickZero();
        } else {
            int slot = t & mask;
            for (int p = 0; p < pops.length; p++) {
                if (pops[p].isInput) {
                    continue;
                }
                if (quiet[p] && !slotInput[p][slot]) {
                    spikeCount[p] = 0;
                    continue;
                }
                slotInput[p][slot] = false;
                int r = integer ? updateInteger(p, t, slot) : updateFloat(p, t, slot);
                spikeCount[p] = r >>> 1;
                quiet[p] = (r & 1) == 0;
            }
        }
        for (int p = 0; p < pops.length; p++) {
            int[] c = counts[p];
            int[] s = spikes[p];
            for (int k = 0, m = spikeCount[p]; k < m; k++) {
                c[s[k]]++;
            }
        }
        deliver(t);
        now = t + 1;
        nowEndUs += usPerTick;
        if (output >= 0 && spikeCount[output] > 0) {
            bestClass = argMax(outCounts);
        }
    }

    /** Moves the pushed channels, in ascending order, into the input population's spikes of this tick. */
    private void takePending() {
        int m = pendingCount;
        int[] out = spikes[input];
        if (m * 16L > pendingMark.length) {
            int k = 0;
            for (int c = 0, n = pendingMark.length; c < n; c++) {
                if (pendingMark[c]) {
                    pendingMark[c] = false;
                    out[k++] = c;
                }
            }
        } else {
            for (int k = 0; k < m; k++) {
                int c = pending[k];
                pendingMark[c] = false;
                int j = k - 1;
                while (j >= 0 && out[j] > c) {
                    out[j + 1] = out[j];
                    j--;
                }
                out[j + 1] = c;
            }
        }
        spikeCount[input] = m;
        pendingCount = 0;
    }

    /** Tick 0 is dead: only the leak acts, on initial potentials (currents are still 0). */
    private void leakTickZero() {
        for (int p = 0; p < pops.length; p++) {
            Population pop = pops[p];
            if (!pop.isInput && pop.initialPotentials != null && !integer) {
                float dm = pop.decayMem;
                float[] vp = v[p];
                for (int i = 0; i < vp.length; i++) {
                    vp[i] = vp[i] * dm;
                }
            }
        }
    }

    private int updateFloat(int p, int t, int slot) {
        float[][][] r = ring[p];
        return kernels.updateLif(pops[p], v[p], e0[p], e1[p], r[0][slot], r.length > 1 ? r[1][slot] : null,
                refractoryLeft[p], t, spikes[p]);
    }

    /**
     * The integer tick of model.proto's FixedPointProto (1.2) for every neuron of population p. With
     * {@code mul(x, d) = signum(x) * ((|x| * d) >> S)} and {@code sat} the clamp to the accumulator range:
     * {@code v = mul(v, 2^S - dm); e_k = sat(mul(e_k, 2^S - d_k) + (R_k << frac)); v = sat(v + sum_k mul(e_k, d_k) +
     * bias)}; refractory: v = 0, else spike when v &gt;= threshold (then v = 0).
     */
    private int updateInteger(int p, int t, int slot) {
        final Population pop = pops[p];
        final Population.IntegerLif c = pop.integer;
        final int shift = c.decayShift;
        final int frac = c.fracBits;
        final long one = 1L << shift;
        final long keepMem = one - c.decayMem;
        final long ds0 = c.decaySyn0;
        final long ds1 = c.decaySyn1;
        final long keep0 = one - ds0;
        final long keep1 = one - ds1;
        final long limit = c.limit;
        // |R| >= 2^A saturates the current whatever its kept part (|.| < 2^(A-1)) is, so clamping R to +-2^A before
        // the shift changes no result and keeps R << frac within 63 bits
        final long rMax = c.inputLimit;
        final long[] th = c.thresholdState;
        final long[] bias = c.biasState;
        final int refr = pop.refractoryTicks;
        final int[] vp = iv[p];
        final int[] a = ie0[p];
        final int[] b = ie1[p];
        final long[] r0 = iring[p][0][slot];
        final long[] r1 = b != null ? iring[p][1][slot] : null;
        final int[] u = until[p];
        final int[] out = spikes[p];
        int spiked = 0;
        boolean busy = bias != null;
        long sat = 0;
        for (int i = 0, n = pop.size; i < n; i++) {
            long x = mul(vp[i], keepMem, shift);
            long a0 = mul(a[i], keep0, shift) + (Math.max(-rMax, Math.min(rMax, r0[i])) << frac);
            r0[i] = 0;
            if (a0 > limit || a0 < -limit) {
                a0 = a0 > 0 ? limit : -limit;
                sat++;
            }
            x += mul(a0, ds0, shift);
            long a1 = 0;
            if (b != null) {
                a1 = mul(b[i], keep1, shift) + (Math.max(-rMax, Math.min(rMax, r1[i])) << frac);
                r1[i] = 0;
                if (a1 > limit || a1 < -limit) {
                    a1 = a1 > 0 ? limit : -limit;
                    sat++;
                }
                x += mul(a1, ds1, shift);
                b[i] = (int) a1;
            }
            if (bias != null) {
                x += bias[i];
            }
            if (x > limit || x < -limit) {
                x = x > 0 ? limit : -limit;
                sat++;
            }
            if (t <= u[i]) {
                x = 0;
            } else if (x >= th[i]) {
                out[spiked++] = i;
                x = 0;
                u[i] = t + refr;
            }
            vp[i] = (int) x;
            a[i] = (int) a0;
            busy |= x != 0 || a0 != 0 || a1 != 0;
        }
        saturations += sat;
        return spiked << 1 | (busy ? 1 : 0);
    }

    /** {@code signum(x) * ((|x| * d) >> shift)}: the product truncated toward zero. */
    static long mul(long x, long d, int shift) {
        return x >= 0 ? (x * d) >> shift : -((-x * d) >> shift);
    }

    private void deliver(int t) {
        final RuntimeKernels k = kernels;
        for (Projection pr : projs) {
            int src = pr.source;
            int count = spikeCount[src];
            if (count == 0) {
                continue;
            }
            int tgt = pr.target;
            int[] buf = spikes[src];
            boolean[] touched = slotInput[tgt];
            if (integer) {
                long[][] slots = iring[tgt][pr.synapse];
                for (int s = 0; s < count; s++) {
                    pr.deliverInteger(buf[s], t, slots, mask, touched);
                }
            } else {
                pr.deliverAll(buf, count, t, ring[tgt][pr.synapse], mask, touched, k);
            }
        }
    }

    /** The output neuron with most spikes so far, ties to the lowest index; {@link #NO_OUTPUT_SPIKES} if none. */
    public int currentClass() {
        return bestClass;
    }

    private static int argMax(int[] c) {
        int best = NO_OUTPUT_SPIKES;
        int bestCount = 0;
        for (int k = 0; k < c.length; k++) {
            if (c[k] > bestCount) {
                bestCount = c[k];
                best = k;
            }
        }
        return best;
    }

    /** Spikes of output neuron {@code k} so far. */
    public int outputSpikes(int k) {
        return outCounts[k];
    }

    /** Copies the output spike counts into {@code dst} (written, length &gt;= classes) and returns it. */
    public int[] copyOutputSpikes(int[] dst) {
        System.arraycopy(outCounts, 0, dst, 0, outCounts.length);
        return dst;
    }

    /**
     * Copies the spike count of every neuron of population {@code p} ({@link SnnModel#populationIndex}) so far.
     *
     * @param dst written, length &gt;= the population's size
     */
    public int[] copySpikeCounts(int p, int[] dst) {
        System.arraycopy(counts[p], 0, dst, 0, counts[p].length);
        return dst;
    }

    /**
     * Copies the neurons of population p that spiked in the tick simulated last, ascending, and returns how many.
     *
     * @param dst written, length &gt;= the population's size
     */
    public int copyLastTickSpikes(int p, int[] dst) {
        System.arraycopy(spikes[p], 0, dst, 0, spikeCount[p]);
        return spikeCount[p];
    }

    /** Adds a spike of input channel {@code channel} to the current tick (tests drive ticks directly). */
    void input(int channel) {
        if (channel < 0 || channel >= pendingMark.length) {
            throw new IllegalArgumentException("input channel must be in [0, " + pendingMark.length + "), was "
                    + channel);
        }
        if (!pendingMark[channel]) {
            pendingMark[channel] = true;
            pending[pendingCount++] = channel;
        }
    }

    /** Membrane of neuron i of population p (float mode; for tests). */
    float potential(int p, int i) {
        return v[p][i];
    }

    /** Membrane of neuron i of population p in state units (integer mode; for tests). */
    int integerPotential(int p, int i) {
        return iv[p][i];
    }

    /** Synaptic current of type 0 of neuron i of population p in state units (integer mode; for tests). */
    int integerCurrent(int p, int i) {
        return ie0[p][i];
    }

    /** Ticks simulated so far. */
    public int ticksSimulated() {
        return now;
    }

    /** Integer mode: how often a current or membrane was clamped to the accumulator range so far (0 in float mode). */
    public long saturations() {
        return saturations;
    }

    /** The kernels this session runs ("scalar" or "vector"). */
    public RuntimeKernels kernels() {
        return kernels;
    }

    public SnnModel model() {
        return model;
    }
}
