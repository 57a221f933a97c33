package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import io.vavr.collection.Vector;
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
        return new NetworkSpec("random-" + seed, 1000, 200, seed, Vector.ofAll(pops), Vector.ofAll(projs), 0, 4);
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
        List<int[]> spikes = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            for (int ch = 0; ch < channels; ch++) {
                if (rng.nextDouble() < rate) {
                    spikes.add(new int[] {t, ch});
                }
            }
        }
        int[] ts = new int[spikes.size()];
        int[] cs = new int[spikes.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = spikes.get(i)[0];
            cs[i] = spikes.get(i)[1];
        }
        return InputSpikes.of(channels, ts, cs);
    }
}
