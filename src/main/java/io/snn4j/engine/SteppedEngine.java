package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.event.TouchSet;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.Connectivity;
import io.snn4j.neuron.LifConstants;
import java.util.Arrays;

/**
 * The throughput engine: clock-driven neuron updates, event-driven spike delivery. Each tick it
 * <ol>
 *   <li>updates the LIF populations in the canonical float arithmetic of {@link LifConstants} — a population with a
 *       bias or initial potentials updates every neuron in one branch-light pass over its arrays; any other
 *       population updates only its active neurons (those not exactly at rest, or with input arriving this tick);</li>
 *   <li>collects the tick's spikes per population, in ascending neuron order;</li>
 *   <li>delivers them through each projection's compiled connectivity into a ring of delay slots,
 *       slot {@code (tick + delay) & mask}, one float accumulator array per (population, synapse type).</li>
 * </ol>
 *
 * <p>Delay ring layout, per target population and synapse type: {@code float[slots * size]}, slot s occupying
 * {@code [s * size, (s + 1) * size)}; {@code slots} is the smallest power of two above the largest delay. A slot is
 * read and zeroed when its tick comes. Active populations also keep, per slot, the set of neurons that received
 * input there.
 *
 * <p>All buffers are allocated at construction; {@link #run} allocates only its result. Not thread-safe.
 */
public final class SteppedEngine implements Engine {
    private final CompiledNetwork net;
    private final int populations;
    private final float[] v;
    private final float[] e0;
    private final float[] e1;
    private final int[] refractoryUntil;
    private final int[] counts;
    private final int mask;
    private final float[][][] ring;
    private final boolean[] updatesAll;
    private final TouchSet[][] slotInput;
    private final int[][] active;
    private final boolean[][] isActive;
    private final int[] activeCount;
    private final int[][] spikes;
    private final int[] spikeCount;

    public SteppedEngine(CompiledNetwork net) {
        this.net = net;
        populations = net.populationCount();
        int n = net.neuronCount();
        v = new float[n];
        e0 = new float[n];
        e1 = new float[n];
        refractoryUntil = new int[n];
        counts = new int[n];
        int slots = Integer.highestOneBit(net.maxDelay()) << 1;
        mask = slots - 1;
        ring = new float[populations][][];
        updatesAll = new boolean[populations];
        slotInput = new TouchSet[populations][];
        active = new int[populations][];
        isActive = new boolean[populations][];
        activeCount = new int[populations];
        spikes = new int[populations][];
        spikeCount = new int[populations];
        for (int p = 0; p < populations; p++) {
            int size = net.size(p);
            spikes[p] = new int[size];
            LifConstants c = net.constants(p);
            if (c == null) {
                continue;
            }
            int types = net.spec().population(p).lif().synapseTypes();
            ring[p] = new float[types][slots * size];
            updatesAll[p] = c.bias() != 0f || net.hasInitialPotentials(p);
            if (!updatesAll[p]) {
                slotInput[p] = new TouchSet[slots];
                for (int s = 0; s < slots; s++) {
                    slotInput[p][s] = new TouchSet(size);
                }
                active[p] = new int[size];
                isActive[p] = new boolean[size];
            }
        }
    }

    @Override
    public String name() {
        return "stepped";
    }

    @Override
    public SimulationResult run(InputSpikes input, int ticks, boolean recordSpikes, int[] probes) {
        int inputPop = net.spec().input();
        if (input.channelCount() != net.size(inputPop)) {
            throw new IllegalArgumentException("input has " + input.channelCount() + " channels but population '"
                    + net.spec().population(inputPop).name() + "' has " + net.size(inputPop) + " neurons");
        }
        if (ticks < 0) {
            throw new IllegalArgumentException("ticks must be >= 0, was " + ticks);
        }
        Probes.check(net, probes);
        reset();
        SpikeRecord record = recordSpikes ? new SpikeRecord() : null;
        float[][] traces = new float[probes.length][ticks];
        int next = 0;
        final int inputs = input.size();
        for (int t = 0; t < ticks; t++) {
            int slot = t & mask;
            int[] inBuf = spikes[inputPop];
            int k = 0;
            while (next < inputs && input.tick(next) == t) {
                inBuf[k++] = input.channel(next++);
            }
            spikeCount[inputPop] = k;
            if (t == 0) {
                leakTickZero();
            } else {
                for (int p = 0; p < populations; p++) {
                    if (ring[p] != null) {
                        if (updatesAll[p]) {
                            updateAll(p, t, slot);
                        } else {
                            updateActive(p, t, slot);
                        }
                    }
                }
            }
            collect(t, record);
            deliver(t);
            for (int q = 0; q < probes.length; q++) {
                traces[q][t] = v[probes[q]];
            }
        }
        return new SimulationResult(net, ticks, counts.clone(), record, traces);
    }

    private void reset() {
        Arrays.fill(e0, 0f);
        Arrays.fill(e1, 0f);
        Arrays.fill(refractoryUntil, -1);
        Arrays.fill(counts, 0);
        for (int p = 0; p < populations; p++) {
            int off = net.offset(p);
            if (net.hasInitialPotentials(p)) {
                float[] init = net.initialPotentials(p);
                System.arraycopy(init, 0, v, off, init.length);
            } else {
                Arrays.fill(v, off, off + net.size(p), 0f);
            }
            if (ring[p] != null) {
                for (float[] r : ring[p]) {
                    Arrays.fill(r, 0f);
                }
            }
            if (slotInput[p] != null) {
                for (TouchSet s : slotInput[p]) {
                    s.clear();
                }
                Arrays.fill(isActive[p], false);
                activeCount[p] = 0;
            }
            spikeCount[p] = 0;
        }
    }

    /** Tick 0 is dead: only the leak acts (on initial potentials; currents are still 0). */
    private void leakTickZero() {
        for (int p = 0; p < populations; p++) {
            LifConstants c = net.constants(p);
            if (c != null && net.hasInitialPotentials(p)) {
                float dm = c.decayMem();
                for (int g = net.offset(p), end = g + net.size(p); g < end; g++) {
                    v[g] = v[g] * dm;
                }
            }
        }
    }

    private void updateAll(int p, int t, int slot) {
        final LifConstants c = net.constants(p);
        final int off = net.offset(p);
        final int n = net.size(p);
        final int base = slot * n;
        final float dm = c.decayMem();
        final float ds0 = c.decaySyn0();
        final float g0 = c.gain0();
        final float bias = c.bias();
        final float th = c.thresholdValue();
        final int refr = c.refractoryTicks();
        final float flush = LifConstants.FLUSH;
        final float[] v = this.v;
        final float[] e0 = this.e0;
        final int[] until = refractoryUntil;
        final float[] r0 = ring[p][0];
        final int[] out = spikes[p];
        int spiked = 0;
        if (ring[p].length == 1) {
            for (int i = 0; i < n; i++) {
                int g = off + i;
                float vv = v[g] * dm;
                float a0 = e0[g] * ds0 + r0[base + i];
                r0[base + i] = 0f;
                vv = (vv + a0 * g0) + bias;
                if (t <= until[g]) {
                    vv = 0f;
                } else if (vv > th) {
                    out[spiked++] = i;
                    vv = 0f;
                    until[g] = t + refr;
                }
                if (Math.abs(vv) < flush && Math.abs(a0) < flush) {
                    vv = 0f;
                    a0 = 0f;
                }
                v[g] = vv;
                e0[g] = a0;
            }
        } else {
            final float ds1 = c.decaySyn1();
            final float g1 = c.gain1();
            final float[] e1 = this.e1;
            final float[] r1 = ring[p][1];
            for (int i = 0; i < n; i++) {
                int g = off + i;
                float vv = v[g] * dm;
                float a0 = e0[g] * ds0 + r0[base + i];
                float a1 = e1[g] * ds1 + r1[base + i];
                r0[base + i] = 0f;
                r1[base + i] = 0f;
                vv = (vv + (a0 * g0 + a1 * g1)) + bias;
                if (t <= until[g]) {
                    vv = 0f;
                } else if (vv > th) {
                    out[spiked++] = i;
                    vv = 0f;
                    until[g] = t + refr;
                }
                if (Math.abs(vv) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                    vv = 0f;
                    a0 = 0f;
                    a1 = 0f;
                }
                v[g] = vv;
                e0[g] = a0;
                e1[g] = a1;
            }
        }
        spikeCount[p] = spiked;
    }

    private void updateActive(int p, int t, int slot) {
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

        final LifConstants c = net.constants(p);
        final int off = net.offset(p);
        final int n = net.size(p);
        final int base = slot * n;
        final float dm = c.decayMem();
        final float ds0 = c.decaySyn0();
        final float g0 = c.gain0();
        final float ds1 = c.decaySyn1();
        final float g1 = c.gain1();
        final float th = c.thresholdValue();
        final int refr = c.refractoryTicks();
        final float flush = LifConstants.FLUSH;
        final float[] r0 = ring[p][0];
        final float[] r1 = ring[p].length > 1 ? ring[p][1] : null;
        final int[] out = spikes[p];
        int spiked = 0;
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int i = list[k];
            int g = off + i;
            float vv = v[g] * dm;
            float a0 = e0[g] * ds0 + r0[base + i];
            r0[base + i] = 0f;
            float a1 = 0f;
            float drive;
            if (r1 != null) {
                a1 = e1[g] * ds1 + r1[base + i];
                r1[base + i] = 0f;
                drive = a0 * g0 + a1 * g1;
            } else {
                drive = a0 * g0;
            }
            vv = vv + drive;
            if (t <= refractoryUntil[g]) {
                vv = 0f;
            } else if (vv > th) {
                out[spiked++] = i;
                vv = 0f;
                refractoryUntil[g] = t + refr;
            }
            if (Math.abs(vv) < flush && Math.abs(a0) < flush && Math.abs(a1) < flush) {
                vv = 0f;
                a0 = 0f;
                a1 = 0f;
            }
            v[g] = vv;
            e0[g] = a0;
            e1[g] = a1;
            if (vv == 0f && a0 == 0f && a1 == 0f) {
                marked[i] = false;
            } else {
                list[kept++] = i;
            }
        }
        activeCount[p] = kept;
        if (spiked > 1) {
            Arrays.sort(out, 0, spiked);
        }
        spikeCount[p] = spiked;
    }

    private void collect(int t, SpikeRecord record) {
        for (int p = 0; p < populations; p++) {
            int off = net.offset(p);
            int[] buf = spikes[p];
            for (int k = 0, m = spikeCount[p]; k < m; k++) {
                counts[off + buf[k]]++;
                if (record != null) {
                    record.add(t, off + buf[k]);
                }
            }
        }
    }

    private void deliver(int t) {
        for (int j = 0, m = net.projectionCount(); j < m; j++) {
            int src = net.source(j);
            int count = spikeCount[src];
            if (count == 0) {
                continue;
            }
            int tgt = net.target(j);
            int size = net.size(tgt);
            float[] acc = ring[tgt][net.synapse(j)];
            TouchSet[] inputs = slotInput[tgt];
            Connectivity conn = net.connectivity(j);
            int[] buf = spikes[src];
            for (int k = 0; k < count; k++) {
                int s = buf[k];
                int cursor = conn.firstGroup(s);
                while (cursor >= 0) {
                    int slot = (t + conn.groupDelay(s, cursor)) & mask;
                    cursor = conn.deliverGroup(s, cursor, acc, slot * size, inputs == null ? null : inputs[slot]);
                }
            }
        }
    }
}
