package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.network.RandomConnectivity;
import io.snn4j.neuron.FixedLifParameters;
import io.snn4j.neuron.LifParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random small networks for engine-equivalence tests. Each has an input image (C x H x W), a conv layer, a pooling
 * layer, a dense layer and an output layer with lateral inhibition, plus random extra projections of every kind
 * (sparse lists with per-synapse delays, random sparse with delay ranges, one-to-one, recurrent), random
 * parameters (one or two synapse types, refractory periods, strict or slack thresholds, bias drive, initial
 * potentials) and delays of 1 to 6 ticks.
 */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    public static NetworkSpec network(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PopulationSpec> pops = new ArrayList<>();
        List<ProjectionSpec> projs = new ArrayList<>();
        int c = 1 + rng.nextInt(2);
        int h = 5 + rng.nextInt(5);
        int w = 5 + rng.nextInt(5);
        pops.add(PopulationSpec.input("in", new Shape(c, h, w)));

        int k = 2 + rng.nextInt(2);
        int stride = 1 + rng.nextInt(2);
        int pad = rng.nextInt(2);
        int oc = 1 + rng.nextInt(3);
        int ch = (h + 2 * pad - k) / stride + 1;
        int cw = (w + 2 * pad - k) / stride + 1;
        pops.add(lif(rng, "conv", new Shape(oc, ch, cw), true));
        projs.add(new ProjectionSpec.Conv2d("in->conv", 0, 1, 0, delay(rng), c, oc, k, stride, pad,
                weights(rng, oc * c * k * k, 1.5f, 0.3f)));

        int pk = 2;
        int ph = (ch - pk) / 2 + 1;
        int pw = (cw - pk) / 2 + 1;
        pops.add(lif(rng, "pool", new Shape(oc, ph, pw), false));
        projs.add(new ProjectionSpec.Pool("conv->pool", 1, 2, 0, delay(rng), pk, 2, 0.5f + rng.nextFloat()));

        int hidden = 4 + rng.nextInt(20);
        pops.add(lif(rng, "hidden", Shape.flat(hidden), false));
        int poolSize = oc * ph * pw;
        projs.add(new ProjectionSpec.Dense("pool->hidden", 2, 3, 0, delay(rng),
                weights(rng, hidden * poolSize, 2f, 0.2f)));

        int out = 2 + rng.nextInt(6);
        pops.add(lif(rng, "out", Shape.flat(out), false));
        projs.add(new ProjectionSpec.Dense("hidden->out", 3, 4, 0, delay(rng), weights(rng, out * hidden, 2f, 0.2f)));
        projs.add(new ProjectionSpec.LateralInhibition("out-lateral", 4, 4, 0, delay(rng), 0.2f + rng.nextFloat()));

        int extras = rng.nextInt(4);
        for (int x = 0; x < extras; x++) {
            int src = rng.nextInt(pops.size());
            int tgt = 1 + rng.nextInt(pops.size() - 1);
            int nIn = pops.get(src).size();
            int nOut = pops.get(tgt).size();
            int syn = pops.get(tgt).lif().synapseTypes() == 2 ? rng.nextInt(2) : 0;
            String name = "extra" + x;
            switch (rng.nextInt(3)) {
                case 0 -> {
                    int m = 1 + rng.nextInt(3 * Math.max(nIn, nOut));
                    int[] pre = new int[m];
                    int[] post = new int[m];
                    float[] ws = new float[m];
                    int[] ds = new int[m];
                    int minD = 1 + rng.nextInt(3);
                    for (int i = 0; i < m; i++) {
                        pre[i] = rng.nextInt(nIn);
                        post[i] = rng.nextInt(nOut);
                        ws[i] = (float) (rng.nextDouble() * 2 - 0.8);
                        ds[i] = minD + rng.nextInt(4);
                    }
                    ds[0] = minD;
                    projs.add(new ProjectionSpec.Sparse(name, src, tgt, syn, minD, pre, post, ws, ds));
                }
                case 1 -> {
                    int d = delay(rng);
                    projs.add(new ProjectionSpec.Random(name, src, tgt, syn, d, 0.05 + 0.3 * rng.nextDouble(),
                            rng.nextLong(), (float) (rng.nextDouble() - 0.3), (float) (0.5 * rng.nextDouble()),
                            d + rng.nextInt(4), rng.nextBoolean()));
                }
                default -> {
                    if (nIn == nOut) {
                        projs.add(new ProjectionSpec.OneToOne(name, src, tgt, syn, delay(rng),
                                rng.nextBoolean() ? new float[] {(float) rng.nextDouble()}
                                        : weights(rng, nIn, 1.5f, 0.3f)));
                    } else {
                        int d = delay(rng);
                        projs.add(new ProjectionSpec.Random(name, tgt, tgt, syn, d, 0.3, rng.nextLong(),
                                (float) (rng.nextDouble() - 0.5), 0f, d, false));
                    }
                }
            }
        }
        return new NetworkSpec("random-" + seed, 1000, 200, seed, List.copyOf(pops), List.copyOf(projs), 0, 4);
    }

    /**
     * The network of {@link #network} in integer mode: weights scaled by {@code k = (2^(bits-1) - 1) / 2} and rounded
     * (8 or 16 bits), random projections written out as explicit sparse lists with their delays, and every LIF
     * population given random integer parameters: decay shift 8-16, 0-6 fractional bits, accumulators of 12 to 32
     * bits (small ones saturate), one threshold per tensor, per channel or per neuron (the float threshold in state
     * units, jittered by up to 20 %), the bias in state units, no initial potentials.
     */
    static NetworkSpec integerNetwork(long seed) {
        NetworkSpec f = network(seed);
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 3);
        int bits = rng.nextBoolean() ? 8 : 16;
        float k = ((1 << (bits - 1)) - 1) / 2f;
        int[] accumulators = {12, 16, 20, 24, 32};
        List<PopulationSpec> pops = new ArrayList<>();
        for (PopulationSpec p : f.populations()) {
            if (p.isInput()) {
                pops.add(p);
                continue;
            }
            LifParameters l = p.lif();
            int shift = 8 + rng.nextInt(9);
            int frac = rng.nextInt(7);
            int acc = accumulators[rng.nextInt(accumulators.length)];
            long max = (1L << (acc - 1)) - 1;
            int channels = switch (rng.nextInt(3)) {
                case 0 -> 1;
                case 1 -> p.shape().channels();
                default -> p.size();
            };
            long[] th = new long[channels];
            long[] bias = l.bias() != 0 ? new long[channels] : new long[0];
            for (int c = 0; c < channels; c++) {
                double jitter = 0.8 + 0.4 * rng.nextDouble();
                th[c] = Math.max(1, Math.min(max, Math.round(l.threshold() * jitter * k * (1 << frac))));
                if (bias.length > 0) {
                    bias[c] = Math.min(max, Math.round(l.bias() * k * (1 << frac)));
                }
            }
            int[] decaySyn = new int[l.synapseTypes()];
            for (int t = 0; t < decaySyn.length; t++) {
                decaySyn[t] = (int) FixedLifParameters.decayOf(l.tauSynTicks(t), shift);
            }
            FixedLifParameters fp = new FixedLifParameters(acc, frac, shift,
                    (int) FixedLifParameters.decayOf(l.tauMemTicks(), shift), decaySyn, th, bias);
            pops.add(new PopulationSpec(p.name(), p.shape(), l, 0, 0, fp));
        }
        List<ProjectionSpec> projs = new ArrayList<>();
        for (ProjectionSpec pr : f.projections()) {
            if (pr instanceof ProjectionSpec.Dense d) {
                projs.add(new ProjectionSpec.Dense(d.name(), d.source(), d.target(), d.synapse(), d.delayTicks(),
                        integers(d.weights(), k)));
            } else if (pr instanceof ProjectionSpec.Sparse s) {
                projs.add(new ProjectionSpec.Sparse(s.name(), s.source(), s.target(), s.synapse(), s.delayTicks(),
                        s.pre(), s.post(), integers(s.weights(), k), s.delays()));
            } else if (pr instanceof ProjectionSpec.OneToOne o) {
                projs.add(new ProjectionSpec.OneToOne(o.name(), o.source(), o.target(), o.synapse(), o.delayTicks(),
                        integers(o.weights(), k)));
            } else if (pr instanceof ProjectionSpec.Conv2d c) {
                projs.add(new ProjectionSpec.Conv2d(c.name(), c.source(), c.target(), c.synapse(), c.delayTicks(),
                        c.inChannels(), c.outChannels(), c.kernel(), c.stride(), c.padding(),
                        integers(c.weights(), k)));
            } else if (pr instanceof ProjectionSpec.Pool q) {
                projs.add(new ProjectionSpec.Pool(q.name(), q.source(), q.target(), q.synapse(), q.delayTicks(),
                        q.kernel(), q.stride(), Math.max(1, Math.round(q.weight() * k))));
            } else if (pr instanceof ProjectionSpec.LateralInhibition li) {
                projs.add(new ProjectionSpec.LateralInhibition(li.name(), li.source(), li.target(), li.synapse(),
                        li.delayTicks(), Math.round(li.strength() * k)));
            } else if (pr instanceof ProjectionSpec.Random r) {
                List<int[]> syn = new ArrayList<>();
                List<Float> w = new ArrayList<>();
                RandomConnectivity.generate(r, f.population(r.source()).size(), f.population(r.target()).size(),
                        (pre, post, wt, d) -> {
                            syn.add(new int[] {pre, post, d});
                            w.add(wt);
                        });
                int m = syn.size();
                int[] pre = new int[m];
                int[] post = new int[m];
                int[] ds = new int[m];
                float[] ws = new float[m];
                int minD = m == 0 ? r.delayTicks() : Integer.MAX_VALUE;
                for (int i = 0; i < m; i++) {
                    pre[i] = syn.get(i)[0];
                    post[i] = syn.get(i)[1];
                    ds[i] = syn.get(i)[2];
                    ws[i] = Math.round(w.get(i) * k);
                    minD = Math.min(minD, ds[i]);
                }
                projs.add(new ProjectionSpec.Sparse(r.name(), r.source(), r.target(), r.synapse(), minD, pre, post,
                        ws, ds));
            }
        }
        return new NetworkSpec("integer-" + seed, f.usPerTick(), f.ticks(), seed, List.copyOf(pops),
                List.copyOf(projs), f.input(), f.output());
    }

    private static float[] integers(float[] w, float k) {
        float[] q = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = Math.round(w[i] * k);
        }
        return q;
    }

    private static PopulationSpec lif(SplittableRandom rng, String name, Shape shape, boolean conv) {
        double tauMem = 2 + rng.nextDouble() * 70;
        double tauSyn0 = 1 + rng.nextDouble() * 15;
        double tauSyn1 = rng.nextInt(3) == 0 ? 1 + rng.nextDouble() * 15 : 0;
        double threshold = 0.3 + rng.nextDouble() * 3;
        int refractory = rng.nextInt(5);
        double bias = rng.nextInt(4) == 0 ? rng.nextDouble() * 0.05 * threshold : 0;
        PopulationSpec p = PopulationSpec.lif(name, shape,
                new LifParameters(tauMem, tauSyn0, tauSyn1, threshold, conv, refractory, bias));
        if (rng.nextInt(5) == 0) {
            p = p.withInitialPotentials(0, threshold * rng.nextDouble());
        }
        return p;
    }

    private static int delay(SplittableRandom rng) {
        return rng.nextInt(3) == 0 ? 1 + rng.nextInt(6) : 1;
    }

    private static float[] weights(SplittableRandom rng, int n, float scale, float negativeShare) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((rng.nextDouble() - negativeShare) * scale);
        }
        return w;
    }

    /** Bernoulli input spikes with a per-network rate. */
    public static InputSpikes input(NetworkSpec net, long seed, int ticks) {
        SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
        int channels = net.inputPopulation().size();
        double rate = 0.02 + rng.nextDouble() * 0.2;
        return io.snn4j.golden.GoldenSpikes.bernoulli(rng, channels, ticks, rate);
    }
}
