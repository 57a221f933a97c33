package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The discrete LIF dynamics of hm2bp-spec 1.2 against hand-computed and closed-form values, in both engines. */
class LifDynamicsTest {

    static Stream<Function<CompiledNetwork, Engine>> engines() {
        return Stream.of(SteppedEngine::new, EventEngine::new);
    }

    /** input (1) -> dense weight w -> one LIF neuron. */
    private static NetworkSpec single(LifParameters lif, float weight, int ticks) {
        return new NetworkSpec("single", 1000, ticks, 1,
                List.of(PopulationSpec.input("in", Shape.flat(1)), PopulationSpec.lif("n", Shape.flat(1), lif)),
                List.of(new ProjectionSpec.Dense("w", 0, 1, 0, 1, new float[] {weight})), 0, 1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unitSpikeAtTickOneGivesTheSpecCheckValues(Function<CompiledNetwork, Engine> engine) {
        CompiledNetwork net = CompiledNetwork.compile(single(LifParameters.hm2bp(20), 1f, 30));
        InputSpikes in = InputSpikes.of(1, new int[] {1}, new int[] {0});
        float[] v = engine.apply(net).run(in, 30, false, new int[] {1}).membraneTrace(0);
        // hm2bp-spec 1.2 check values: input applied one tick late, tau_m 64, tau_s 8
        assertEquals(0.0, v[1], 0.0);
        assertEquals(0.125, v[2], 1e-7);                 // e(2) = 1, v = 1/8
        assertEquals(0.232422, v[3], 1e-6);              // 0.125 * 63/64 + 0.875/8
        assertEquals(0.6482, v[10], 1e-4);
        assertEquals(0.755, v[21], 5e-4);
        // closed form: v(t) = sum_{m=2..t} (63/64)^(t-m) (7/8)^(m-2) / 8
        for (int t = 2; t < 30; t++) {
            double expected = 0;
            for (int m = 2; m <= t; m++) {
                expected += Math.pow(63.0 / 64, t - m) * Math.pow(7.0 / 8, m - 2) / 8;
            }
            assertEquals(expected, v[t], 2e-6, "tick " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void tracingANeuronDoesNotMakeTickZeroLive(Function<CompiledNetwork, Engine> engine) {
        // bias 0.5, tau_m 10, tau_s 5, input at tick 0 (arriving at tick 1, weight 1): tick 0 is dead, so
        // v(0) = 0; v(1) = 0 + 1/5 + 0.5 = 0.7; v(2) = 0.7 * 0.9 + 0.8/5 + 0.5 = 1.29; v(3) = 1.161 + 0.128 + 0.5
        LifParameters lif = new LifParameters(10, 5, 0, 100, false, 0, 0.5);
        CompiledNetwork net = CompiledNetwork.compile(single(lif, 1f, 4));
        float[] v = engine.apply(net).run(InputSpikes.of(1, new int[] {0}, new int[] {0}), 4, false, new int[] {1})
                .membraneTrace(0);
        assertArrayEquals(new float[] {0f, 0.7f, 1.29f, 1.789f}, v, 1e-5f);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void refractoryPeriodGivesAMinimumInterSpikeIntervalOfThreeTicks(Function<CompiledNetwork, Engine> engine) {
        // a strong input every tick: the neuron fires as often as refractoriness allows
        int ticks = 40;
        int[] t = new int[ticks];
        int[] c = new int[ticks];
        for (int i = 0; i < ticks; i++) {
            t[i] = i;
        }
        CompiledNetwork net = CompiledNetwork.compile(single(LifParameters.hm2bp(1), 100f, ticks));
        SpikeRecord s = engine.apply(net).run(InputSpikes.of(1, t, c), ticks, true).spikes();
        int previous = -1;
        int count = 0;
        for (int i = 0; i < s.size(); i++) {
            if (s.neuron(i) != 1) {
                continue;
            }
            if (previous >= 0) {
                assertEquals(3, s.tick(i) - previous, "spike at " + s.tick(i));
            }
            previous = s.tick(i);
            count++;
        }
        // input at 0 arrives at 1: v(1) = 100/8 > 1, then every 3 ticks: 1, 4, ..., 37
        assertEquals(13, count);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void biasDrivenNeuronFiresAtTheAnalyticCrossingTick(Function<CompiledNetwork, Engine> engine) {
        double bias = 0.055;
        double tauMem = 200;
        double threshold = 10;
        int ticks = 3000;
        LifParameters lif = new LifParameters(tauMem, 50, 0, threshold, true, 50, bias);
        CompiledNetwork net = CompiledNetwork.compile(single(lif, 0f, ticks));
        SpikeRecord s = engine.apply(net).run(InputSpikes.empty(1), ticks, true).spikes();
        // v(t) = c (1 - b^t) / (1 - b) for t >= 1 (tick 0 dead): first t with v > threshold
        double b = 1 - 1 / tauMem;
        int first = (int) Math.ceil(Math.log(1 - threshold * (1 - b) / bias) / Math.log(b));
        assertTrue(bias * (1 - Math.pow(b, first)) / (1 - b) > threshold);
        assertTrue(bias * (1 - Math.pow(b, first - 1)) / (1 - b) <= threshold);
        assertTrue(s.size() > 2);
        assertEquals(first, s.tick(0));
        // after a spike: 50 clamped ticks, then the same climb from 0
        assertEquals(first + 50, s.tick(1) - s.tick(0));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void noInputMeansNoSpikes(Function<CompiledNetwork, Engine> engine) {
        for (long seed = 1; seed <= 20; seed++) {
            NetworkSpec spec = RandomNetworks.network(seed);
            boolean driven = spec.populations().stream().anyMatch(p -> p.lif() != null
                    && (p.lif().bias() != 0 || p.vInitHigh() != 0));
            if (driven) {
                continue;
            }
            SimulationResult r = engine.apply(CompiledNetwork.compile(spec))
                    .run(InputSpikes.empty(spec.inputPopulation().size()), 200, false);
            assertEquals(0, r.totalSpikes(), "network " + seed);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void moreExcitatoryCurrentNeverGivesFewerSpikes(Function<CompiledNetwork, Engine> engine) {
        int ticks = 400;
        int[] t = new int[ticks / 4];
        int[] c = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = 4 * i;
        }
        InputSpikes in = InputSpikes.of(1, t, c);
        long previous = -1;
        for (float w = 0.5f; w <= 8f; w += 0.25f) {
            CompiledNetwork net = CompiledNetwork.compile(single(LifParameters.hm2bp(5), w, ticks));
            long spikes = engine.apply(net).run(in, ticks, false).populationSpikes(1);
            assertTrue(spikes >= previous, "weight " + w + ": " + spikes + " < " + previous);
            previous = spikes;
        }
        assertTrue(previous > 0);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sameNetworkAndInputGiveIdenticalRuns(Function<CompiledNetwork, Engine> engine) {
        NetworkSpec spec = RandomNetworks.network(77);
        InputSpikes in = RandomNetworks.input(spec, 77, 200);
        Engine e = engine.apply(CompiledNetwork.compile(spec));
        SpikeRecord first = e.run(in, 200, true).spikes();
        SpikeRecord again = e.run(in, 200, true).spikes();
        SpikeRecord fresh = engine.apply(CompiledNetwork.compile(RandomNetworks.network(77))).run(in, 200, true)
                .spikes();
        assertEquals(-1, first.firstDifference(again));
        assertEquals(-1, first.firstDifference(fresh));
        assertTrue(first.size() > 0);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void predictedClassIsTheOutputWithMostSpikesTiesToLowestIndex(Function<CompiledNetwork, Engine> engine) {
        // input neuron i drives output i with weight w_i; outputs 1 and 2 get equal drive, output 0 none
        LifParameters lif = LifParameters.hm2bp(1);
        NetworkSpec spec = new NetworkSpec("vote", 1000, 100, 1,
                List.of(PopulationSpec.input("in", Shape.flat(3)), PopulationSpec.lif("out", Shape.flat(3), lif)),
                List.of(new ProjectionSpec.OneToOne("w", 0, 1, 0, 1, new float[] {0f, 20f, 20f})), 0, 1);
        int[] ticks = {5, 5, 20, 20};
        int[] chans = {1, 2, 1, 2};
        SimulationResult r = engine.apply(CompiledNetwork.compile(spec))
                .run(InputSpikes.of(3, ticks, chans), 100, false);
        assertArrayEquals(r.neuronCounts(1), new int[] {0, r.neuronCounts(1)[1], r.neuronCounts(1)[1]});
        assertTrue(r.neuronCounts(1)[1] > 0);
        assertEquals(1, r.predictedClass());
        SimulationResult silent = engine.apply(CompiledNetwork.compile(spec)).run(InputSpikes.empty(3), 100, false);
        assertEquals(SimulationResult.NO_OUTPUT_SPIKES, silent.predictedClass());
    }
}
