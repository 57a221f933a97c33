package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.RandomConnectivity;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The naive clock-driven reference (tests only): every neuron, every tick, inputs gathered from the full spike
 * history straight from the {@link NetworkSpec} (not from the engines' compiled connectivity), the update written
 * exactly as hm2bp-spec 1.2 reads, with a refractory counter and the threshold compared in double.
 *
 * <p>Float arithmetic follows the canonical expression order of {@code LifConstants}; input to a neuron is summed
 * in the order (emission tick, projection, source neuron ascending, synapse list order), the order the engines
 * promise. Also records the membrane value each neuron had just before its threshold comparison at every tick.
 */
final class ClockDrivenOracle {
    private final NetworkSpec spec;
    private final CompiledNetwork compiled;
    private final int[] offsets;
    private final int n;
    private final int maxDelay;
    /** Per projection: explicit synapse lists (pre, post, weight, delay) for sparse and random kinds. */
    private final List<float[]> weightsOf = new ArrayList<>();
    private final List<int[][]> listsOf = new ArrayList<>();
    /** Per sparse projection and source neuron: synapse indices with that source, in list order. */
    private final List<int[][]> bySourceOf = new ArrayList<>();

    float[][] membraneBeforeCompare;
    boolean[][] clamped;

    ClockDrivenOracle(NetworkSpec spec) {
        this.spec = spec;
        this.compiled = CompiledNetwork.compile(spec);
        int pops = spec.populations().size();
        offsets = new int[pops + 1];
        for (int p = 0; p < pops; p++) {
            offsets[p + 1] = offsets[p] + spec.population(p).size();
        }
        n = offsets[pops];
        int md = 1;
        for (ProjectionSpec pr : spec.projections()) {
            md = Math.max(md, pr.maxDelayTicks());
            if (pr instanceof ProjectionSpec.Random r) {
                List<int[]> syn = new ArrayList<>();
                List<Float> w = new ArrayList<>();
                RandomConnectivity.generate(r, spec.population(r.source()).size(),
                        spec.population(r.target()).size(), (pre, post, wt, d) -> {
                            syn.add(new int[] {pre, post, d});
                            w.add(wt);
                        });
                int[][] lists = new int[3][syn.size()];
                float[] ws = new float[syn.size()];
                for (int k = 0; k < syn.size(); k++) {
                    lists[0][k] = syn.get(k)[0];
                    lists[1][k] = syn.get(k)[1];
                    lists[2][k] = syn.get(k)[2];
                    ws[k] = w.get(k);
                }
                listsOf.add(lists);
                weightsOf.add(ws);
            } else if (pr instanceof ProjectionSpec.Sparse s) {
                int[] delays = new int[s.pre().length];
                for (int k = 0; k < delays.length; k++) {
                    delays[k] = s.delays() == null ? s.delayTicks() : s.delays()[k];
                }
                listsOf.add(new int[][] {s.pre(), s.post(), delays});
                weightsOf.add(s.weights());
            } else {
                listsOf.add(null);
                weightsOf.add(null);
            }
        }
        maxDelay = md;
        for (int j = 0; j < listsOf.size(); j++) {
            int[][] lists = listsOf.get(j);
            if (lists == null) {
                bySourceOf.add(null);
                continue;
            }
            int nIn = spec.population(spec.projection(j).source()).size();
            List<List<Integer>> idx = new ArrayList<>();
            for (int i = 0; i < nIn; i++) {
                idx.add(new ArrayList<>());
            }
            for (int k = 0; k < lists[0].length; k++) {
                idx.get(lists[0][k]).add(k);
            }
            int[][] by = new int[nIn][];
            for (int i = 0; i < nIn; i++) {
                by[i] = idx.get(i).stream().mapToInt(Integer::intValue).toArray();
            }
            bySourceOf.add(by);
        }
    }

    SpikeRecord run(InputSpikes input, int ticks) {
        if (spec.isInteger()) {
            return runInteger(input, ticks);
        }
        int pops = spec.populations().size();
        float[] v = new float[n];
        float[] e0 = new float[n];
        float[] e1 = new float[n];
        int[] refractory = new int[n];
        boolean[][] spiked = new boolean[ticks][n];
        membraneBeforeCompare = new float[ticks][n];
        clamped = new boolean[ticks][n];
        for (int p = 0; p < pops; p++) {
            float[] init = compiled.initialPotentials(p);
            System.arraycopy(init, 0, v, offsets[p], init.length);
        }
        int inOff = offsets[spec.input()];
        for (int k = 0; k < input.size(); k++) {
            if (input.tick(k) < ticks) {
                spiked[input.tick(k)][inOff + input.channel(k)] = true;
            }
        }
        SpikeRecord record = new SpikeRecord();
        for (int t = 0; t < ticks; t++) {
            float[][] r = {new float[n], new float[n]};
            Adder[] adders = {(g, w) -> r[0][g] += w, (g, w) -> r[1][g] += w};
            for (int s = Math.max(0, t - maxDelay); s < t; s++) {
                for (int j = 0; j < spec.projections().size(); j++) {
                    gather(j, spiked[s], t - s, adders[spec.projection(j).synapse()]);
                }
            }
            for (int p = 0; p < pops; p++) {
                PopulationSpec ps = spec.population(p);
                if (ps.isInput()) {
                    continue;
                }
                LifParameters lp = ps.lif();
                float dm = (float) (1.0 - 1.0 / lp.tauMemTicks());
                float ds0 = (float) (1.0 - 1.0 / lp.tauSyn0Ticks());
                float ds1 = lp.synapseTypes() == 2 ? (float) (1.0 - 1.0 / lp.tauSyn1Ticks()) : 0f;
                float g0 = (float) (1.0 / lp.tauSyn0Ticks());
                float g1 = lp.synapseTypes() == 2 ? (float) (1.0 / lp.tauSyn1Ticks()) : 0f;
                float bias = (float) lp.bias();
                double threshold = lp.strictThreshold() ? lp.threshold() : lp.threshold() - 1e-6;
                for (int g = offsets[p]; g < offsets[p + 1]; g++) {
                    v[g] = v[g] * dm;
                    e0[g] = e0[g] * ds0;
                    e1[g] = e1[g] * ds1;
                    if (t == 0) {
                        continue;
                    }
                    e0[g] = e0[g] + r[0][g];
                    e1[g] = e1[g] + r[1][g];
                    v[g] = (v[g] + (e0[g] * g0 + e1[g] * g1)) + bias;
                    membraneBeforeCompare[t][g] = v[g];
                    if (refractory[g] > 0) {
                        clamped[t][g] = true;
                        v[g] = 0f;
                        refractory[g]--;
                    } else if (v[g] > threshold) {
                        spiked[t][g] = true;
                        v[g] = 0f;
                        refractory[g] = lp.refractoryTicks();
                    }
                    float f = 1e-12f;
                    if (bias == 0f && Math.abs(v[g]) < f && Math.abs(e0[g]) < f && Math.abs(e1[g]) < f) {
                        v[g] = 0f;
                        e0[g] = 0f;
                        e1[g] = 0f;
                    }
                }
            }
            for (int g = 0; g < n; g++) {
                if (spiked[t][g]) {
                    record.add(t, g);
                }
            }
        }
        return record;
    }

    /** Accumulator saturations of the last integer run. */
    long saturations;
    /** Integer mode: the integer membrane state each neuron had just before its threshold comparison. */
    long[][] stateBeforeCompare;

    /**
     * Integer mode, written from the schema 1.2 comment of FixedPointProto (not from the engine's code): weights
     * summed exactly, {@code mul} as Java's truncating division, {@code e - ... + R << f} evaluated with overflow
     * checks and saturated by sign when it leaves 64 bits, thresholds per output channel.
     */
    private SpikeRecord runInteger(InputSpikes input, int ticks) {
        int pops = spec.populations().size();
        long[] v = new long[n];
        long[][] e = {new long[n], new long[n]};
        int[] refractory = new int[n];
        boolean[][] spiked = new boolean[ticks][n];
        stateBeforeCompare = new long[ticks][n];
        saturations = 0;
        int inOff = offsets[spec.input()];
        for (int k = 0; k < input.size(); k++) {
            if (input.tick(k) < ticks) {
                spiked[input.tick(k)][inOff + input.channel(k)] = true;
            }
        }
        SpikeRecord record = new SpikeRecord();
        for (int t = 0; t < ticks; t++) {
            long[][] r = {new long[n], new long[n]};
            Adder[] adders = {(g, w) -> r[0][g] += (long) w, (g, w) -> r[1][g] += (long) w};
            for (int s = Math.max(0, t - maxDelay); s < t; s++) {
                for (int j = 0; j < spec.projections().size(); j++) {
                    gather(j, spiked[s], t - s, adders[spec.projection(j).synapse()]);
                }
            }
            for (int p = 0; p < pops; p++) {
                PopulationSpec ps = spec.population(p);
                if (ps.isInput()) {
                    continue;
                }
                io.snn4j.neuron.FixedLifParameters f = ps.fixedPoint();
                long one = 1L << f.decayShift();
                long max = (1L << (f.accumulatorBits() - 1)) - 1;
                int types = ps.lif().synapseTypes();
                int perChannel = ps.size() / f.thresholdState().length;
                for (int g = offsets[p]; g < offsets[p + 1]; g++) {
                    int c = (g - offsets[p]) / perChannel;
                    v[g] = mulDiv(v[g], one - f.decayMem(), one);
                    if (t == 0) {
                        for (int k = 0; k < types; k++) {
                            e[k][g] = mulDiv(e[k][g], one - f.decaySyn()[k], one);
                        }
                        continue;
                    }
                    long drive = 0;
                    for (int k = 0; k < types; k++) {
                        long kept = mulDiv(e[k][g], one - f.decaySyn()[k], one);
                        long sum;
                        try {
                            sum = Math.addExact(kept, Math.multiplyExact(r[k][g], 1L << f.fracBits()));
                        } catch (ArithmeticException overflow) {
                            sum = r[k][g] > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
                        }
                        e[k][g] = saturate(sum, max);
                        drive += mulDiv(e[k][g], f.decaySyn()[k], one);
                    }
                    long bias = f.biasState().length == 0 ? 0 : f.biasState()[c];
                    v[g] = saturate(v[g] + drive + bias, max);
                    stateBeforeCompare[t][g] = v[g];
                    if (refractory[g] > 0) {
                        v[g] = 0;
                        refractory[g]--;
                    } else if (v[g] >= f.thresholdState()[c]) {
                        spiked[t][g] = true;
                        v[g] = 0;
                        refractory[g] = ps.lif().refractoryTicks();
                    }
                }
            }
            for (int g = 0; g < n; g++) {
                if (spiked[t][g]) {
                    record.add(t, g);
                }
            }
        }
        return record;
    }

    /** x * d / one with Java's truncation toward zero (x * d fits: |x| < 2^31, d <= 2^30). */
    private static long mulDiv(long x, long d, long one) {
        return x * d / one;
    }

    private long saturate(long x, long max) {
        if (x > max || x < -max) {
            saturations++;
            return x > max ? max : -max;
        }
        return x;
    }

    /** Receives the weights one tick delivers: float mode sums them in float, integer mode exactly in long. */
    private interface Adder {
        void add(int neuron, float weight);
    }

    /** Adds to {@code r} what projection j delivers at this tick from the spikes {@code delay} ticks ago. */
    private void gather(int j, boolean[] spikedThen, int delay, Adder r) {
        ProjectionSpec pr = spec.projection(j);
        int so = offsets[pr.source()];
        int to = offsets[pr.target()];
        PopulationSpec src = spec.population(pr.source());
        PopulationSpec tgt = spec.population(pr.target());
        int nIn = src.size();
        int nOut = tgt.size();
        if (pr instanceof ProjectionSpec.Sparse || pr instanceof ProjectionSpec.Random) {
            int[][] lists = listsOf.get(j);
            float[] w = weightsOf.get(j);
            int[][] bySource = bySourceOf.get(j);
            for (int i = 0; i < nIn; i++) {
                if (!spikedThen[so + i]) {
                    continue;
                }
                for (int k : bySource[i]) {
                    if (lists[2][k] == delay) {
                        r.add(to + lists[1][k], w[k]);
                    }
                }
            }
            return;
        }
        if (delay != pr.delayTicks()) {
            return;
        }
        if (pr instanceof ProjectionSpec.Dense d) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    if (spikedThen[so + i]) {
                        r.add(to + o, d.weights()[o * nIn + i]);
                    }
                }
            }
        } else if (pr instanceof ProjectionSpec.OneToOne o) {
            for (int i = 0; i < nIn; i++) {
                if (spikedThen[so + i]) {
                    r.add(to + i, o.weight(i));
                }
            }
        } else if (pr instanceof ProjectionSpec.LateralInhibition l) {
            for (int o = 0; o < nOut; o++) {
                for (int i = 0; i < nIn; i++) {
                    if (i != o && spikedThen[so + i]) {
                        r.add(to + o, -l.strength());
                    }
                }
            }
        } else if (pr instanceof ProjectionSpec.Conv2d c) {
            Shape si = src.shape();
            Shape sout = tgt.shape();
            for (int oc = 0; oc < sout.channels(); oc++) {
                for (int oy = 0; oy < sout.height(); oy++) {
                    for (int ox = 0; ox < sout.width(); ox++) {
                        int target = to + (oc * sout.height() + oy) * sout.width() + ox;
                        for (int ic = 0; ic < si.channels(); ic++) {
                            for (int ky = 0; ky < c.kernel(); ky++) {
                                for (int kx = 0; kx < c.kernel(); kx++) {
                                    int y = oy * c.stride() + ky - c.padding();
                                    int x = ox * c.stride() + kx - c.padding();
                                    if (y < 0 || y >= si.height() || x < 0 || x >= si.width()) {
                                        continue;
                                    }
                                    if (spikedThen[so + (ic * si.height() + y) * si.width() + x]) {
                                        r.add(target, c.weight(oc, ic, ky, kx));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } else if (pr instanceof ProjectionSpec.Pool pool) {
            Shape si = src.shape();
            Shape sout = tgt.shape();
            for (int ch = 0; ch < sout.channels(); ch++) {
                for (int oy = 0; oy < sout.height(); oy++) {
                    for (int ox = 0; ox < sout.width(); ox++) {
                        int target = to + (ch * sout.height() + oy) * sout.width() + ox;
                        for (int ky = 0; ky < pool.kernel(); ky++) {
                            for (int kx = 0; kx < pool.kernel(); kx++) {
                                int y = oy * pool.stride() + ky;
                                int x = ox * pool.stride() + kx;
                                if (spikedThen[so + (ch * si.height() + y) * si.width() + x]) {
                                    r.add(target, pool.weight());
                                }
                            }
                        }
                    }
                }
            }
        } else {
            throw new AssertionError(pr);
        }
    }
}
