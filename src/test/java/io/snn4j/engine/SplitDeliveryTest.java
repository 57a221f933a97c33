package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.backend.Team;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SteppedEngine#splitAcross}: with the large deliveries split across a team of 2 or 3 threads, a network of the
 * CNN's kinds (a stride-1 conv layer, pooling, a large dense layer, a small output) gives the spikes and membranes of
 * the one-thread engine bit for bit, on dense random input that keeps the big layers updated whole (where the split
 * applies) and again on sparse input (where it does not, and the arrival sets are kept).
 */
class SplitDeliveryTest {
    private static final LifParameters LIF = new LifParameters(20, 4, 0, 1.0, false, 1, 0);

    private static NetworkSpec network(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PopulationSpec> pops = new ArrayList<>();
        List<ProjectionSpec> projs = new ArrayList<>();
        pops.add(PopulationSpec.input("in", new Shape(2, 20, 20)));
        pops.add(PopulationSpec.lif("conv", new Shape(6, 16, 16), LIF));
        projs.add(new ProjectionSpec.Conv2d("in->conv", 0, 1, 0, 1, 2, 6, 5, 1, 0, weights(rng, 6 * 2 * 25, 0.4f)));
        pops.add(PopulationSpec.lif("pool", new Shape(6, 8, 8), LIF));
        projs.add(new ProjectionSpec.Pool("conv->pool", 1, 2, 0, 1, 2, 2, 0.6f));
        pops.add(PopulationSpec.lif("hidden", Shape.flat(300), LIF));
        projs.add(new ProjectionSpec.Dense("pool->hidden", 2, 3, 0, 1, weights(rng, 300 * 384, 0.15f)));
        pops.add(PopulationSpec.lif("out", Shape.flat(10), LIF));
        projs.add(new ProjectionSpec.Dense("hidden->out", 3, 4, 0, 1, weights(rng, 10 * 300, 0.3f)));
        return new NetworkSpec("split", 1000, 120, seed, pops, projs, 0, 4);
    }

    private static float[] weights(SplittableRandom rng, int n, float scale) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (rng.nextGaussian() * scale + 0.2 * scale);
        }
        return w;
    }

    private static InputSpikes input(long seed, double rate, int ticks) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> events = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            for (int c = 0; c < 800; c++) {
                if (rng.nextDouble() < rate) {
                    events.add(new int[] {t, c});
                }
            }
        }
        int[] ticksOf = events.stream().mapToInt(e -> e[0]).toArray();
        int[] channels = events.stream().mapToInt(e -> e[1]).toArray();
        return InputSpikes.of(800, ticksOf, channels);
    }

    @Test
    void splitDeliveriesGiveTheSpikesAndMembranesOfOneThread() {
        for (long seed = 1; seed <= 3; seed++) {
            CompiledNetwork net = CompiledNetwork.compile(network(seed));
            int ticks = net.spec().ticks();
            int[] probes = {800, 800 + 1535, 800 + 1536 + 100, 800 + 1536 + 384 + 150, 800 + 1536 + 384 + 300 + 3};
            for (double rate : new double[] {0.2, 0.01}) {
                InputSpikes in = input(seed * 31, rate, ticks);
                SimulationResult one = new SteppedEngine(net).run(in, ticks, true, probes);
                assertTrue(one.populationSpikes(3) > 100, "the dense layer must be busy for the test to mean "
                        + "something: " + one.populationSpikes(3));
                for (int size : new int[] {2, 3}) {
                    try (Team team = new Team(size, "test-split")) {
                        SteppedEngine engine = new SteppedEngine(net).splitAcross(team);
                        long before = 0;
                        for (int run = 0; run < 2; run++) { // the engine runs again from rest
                            SimulationResult split = engine.run(in, ticks, true, probes);
                            if (rate > 0.1) {
                                assertTrue(engine.splitDeliveries > before + ticks, "dense input: the conv and "
                                        + "dense deliveries split, " + (engine.splitDeliveries - before));
                            }
                            before = engine.splitDeliveries;
                            assertEquals(-1, one.spikes().firstDifference(split.spikes()),
                                    "seed " + seed + ", rate " + rate + ", team " + size + ": spikes");
                            for (int q = 0; q < probes.length; q++) {
                                float[] a = one.membraneTrace(q);
                                float[] b = split.membraneTrace(q);
                                for (int t = 0; t < ticks; t++) {
                                    assertEquals(Float.floatToRawIntBits(a[t]), Float.floatToRawIntBits(b[t]),
                                            "membrane of probe " + q + " at tick " + t);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
