package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.InvalidNetworkException;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.FixedLifParameters;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Integer mode of the engines: single neurons against integer ticks computed by hand from the schema 1.2 arithmetic,
 * and the stepped engine against the clock-driven oracle's naive integer mode on random fixed-point networks.
 */
class IntegerModeTest {
    /** tau_m 64, tau_s 8, S = 12: decay_mem = 64, decay_syn = 512, both exact (keep 4032 and 3584 of 4096). */
    private static NetworkSpec oneNeuron(int inputs, float weight, int accumulatorBits, long threshold, int refractory,
                                         long bias) {
        FixedLifParameters f = new FixedLifParameters(accumulatorBits, 4, 12, 64, new int[] {512},
                new long[] {threshold}, bias == 0 ? new long[0] : new long[] {bias});
        PopulationSpec in = PopulationSpec.input("in", Shape.flat(inputs));
        PopulationSpec n = new PopulationSpec("n", Shape.flat(1), new LifParameters(64, 8, 0, 1, false, refractory, 0),
                0, 0, f);
        float[] w = new float[inputs];
        java.util.Arrays.fill(w, weight);
        return new NetworkSpec("one", 1000, 40, 1, List.of(in, n),
                List.of(new ProjectionSpec.Dense("in->n", 0, 1, 0, 1, w)), 0, 1);
    }

    private static float[] trace(NetworkSpec spec, InputSpikes in, int ticks, long[] saturations) {
        SimulationResult r = new SteppedEngine(CompiledNetwork.compile(spec)).run(in, ticks, true,
                new int[] {spec.population(0).size()});
        saturations[0] = r.saturations();
        return r.membraneTrace(0);
    }

    @Test
    void integerTicksMatchTheHandComputedValues() {
        // input at tick 1 arrives at tick 2: e = 10 << 4 = 160, drive 160*512>>12 = 20, v = 20
        // tick 3: v = 20*4032>>12 = 19, e = 160*3584>>12 = 140, drive = 140*512>>12 = 17 (17.5 truncated), v = 36
        // tick 4: v = 36*4032>>12 = 35, e = 122 (122.5), drive 15 (15.25), v = 50
        // tick 5: v = 50*4032>>12 = 49, e = 106 (106.75), drive 13 (13.25), v = 62
        long[] sat = new long[1];
        float[] v = trace(oneNeuron(1, 10, 24, 1000, 0, 0), InputSpikes.of(1, new int[] {1}, new int[] {0}), 6, sat);
        assertArrayEquals(new float[] {0, 0, 20, 36, 50, 62}, v);
        assertEquals(0, sat[0]);
        // a negative weight gives the mirror image (truncation toward zero is symmetric)
        v = trace(oneNeuron(1, -10, 24, 1000, 0, 0), InputSpikes.of(1, new int[] {1}, new int[] {0}), 6, sat);
        assertArrayEquals(new float[] {0, 0, -20, -36, -50, -62}, v);
    }

    @Test
    void spikesAtThresholdThenHoldsTheRefractoryClamp() {
        // threshold 50 is reached at tick 4 (v >= threshold), refractory 2: ticks 5 and 6 held at 0;
        // tick 5: e = 106; tick 6: e = 106*3584>>12 = 92 (92.75); tick 7: e = 80 (80.5), drive 10, v = 0 + 10
        long[] sat = new long[1];
        NetworkSpec spec = oneNeuron(1, 10, 24, 50, 2, 0);
        InputSpikes in = InputSpikes.of(1, new int[] {1}, new int[] {0});
        assertArrayEquals(new float[] {0, 0, 20, 36, 0, 0, 0, 10}, trace(spec, in, 8, sat));
        SpikeRecord s = new SteppedEngine(CompiledNetwork.compile(spec)).run(in, 8, true).spikes();
        assertEquals(2, s.size());
        assertEquals(4, s.tick(1));
    }

    @Test
    void aStateWithoutInputDecaysToExactlyZero() {
        long[] sat = new long[1];
        float[] v = trace(oneNeuron(1, 10, 24, 1000, 0, 0), InputSpikes.of(1, new int[] {1}, new int[] {0}), 400,
                sat);
        // the kept part is truncated toward zero, so v and e lose at least one unit a tick and end at exactly 0
        int zeroFrom = -1;
        for (int t = 2; t < v.length; t++) {
            if (v[t] == 0 && zeroFrom < 0) {
                zeroFrom = t;
            }
            if (zeroFrom >= 0) {
                assertEquals(0f, v[t], "tick " + t);
            }
        }
        assertTrue(zeroFrom > 5 && zeroFrom < 400, "v reached 0 at tick " + zeroFrom);
    }

    @Test
    void biasInStateUnitsDrivesEveryTick() {
        // bias 7 from tick 1: v1 = 7, v2 = 7*4032>>12 + 7 = 6 + 7 = 13, v3 = 13*4032>>12 + 7 = 12 + 7 = 19
        long[] sat = new long[1];
        float[] v = trace(oneNeuron(1, 10, 24, 1000, 0, 7), InputSpikes.of(1, new int[0], new int[0]), 4, sat);
        assertArrayEquals(new float[] {0, 7, 13, 19}, v);
    }

    @Test
    void saturationClampsTheAccumulatorAndIsCounted() {
        // 8-bit accumulator (max 127): two inputs of weight 10 give 20 << 4 = 320 -> e = 127 (one saturation),
        // drive 127*512>>12 = 15; tick 3: v = 15*4032>>12 = 14, e = 127*3584>>12 = 111, drive 13, v = 27
        long[] sat = new long[1];
        float[] v = trace(oneNeuron(2, 10, 8, 100, 0, 0), InputSpikes.of(2, new int[] {1, 1}, new int[] {0, 1}), 4,
                sat);
        assertArrayEquals(new float[] {0, 0, 15, 27}, v);
        assertEquals(1, sat[0]);
        ClockDrivenOracle oracle = new ClockDrivenOracle(oneNeuron(2, 10, 8, 100, 0, 0));
        oracle.run(InputSpikes.of(2, new int[] {1, 1}, new int[] {0, 1}), 4);
        assertEquals(1, oracle.saturations);
    }

    @Test
    void steppedEngineEqualsTheIntegerOracleOnRandomFixedPointNetworks() {
        int ticks = 200;
        long spikes = 0;
        int saturating = 0;
        for (int seed = 1; seed <= 120; seed++) {
            NetworkSpec spec = RandomNetworks.integerNetwork(seed);
            InputSpikes input = RandomNetworks.input(spec, seed, ticks);
            ClockDrivenOracle oracle = new ClockDrivenOracle(spec);
            SpikeRecord expected = oracle.run(input, ticks);
            SimulationResult r = new SteppedEngine(CompiledNetwork.compile(spec)).run(input, ticks, true);
            int d = r.spikes().firstDifference(expected);
            assertEquals(-1, d, "network " + seed + ": stepped integer mode differs from the oracle at spike " + d
                    + " of " + expected.size());
            assertEquals(oracle.saturations, r.saturations(), "network " + seed + ": saturation counts");
            spikes += expected.size();
            saturating += r.saturations() > 0 ? 1 : 0;
        }
        assertTrue(spikes > 20_000, "the random networks should be active, had " + spikes + " spikes");
        assertTrue(saturating >= 5 && saturating <= 110, "saturation exercised in " + saturating + " networks");
    }

    @Test
    void validationRefusesInconsistentIntegerParameters() {
        // decay_mem not round(2^12 / 64) = 64, a fractional weight, initial potentials, and a float population beside
        FixedLifParameters bad = new FixedLifParameters(24, 4, 12, 63, new int[] {512}, new long[] {10}, null);
        PopulationSpec in = PopulationSpec.input("in", Shape.flat(2));
        PopulationSpec a = new PopulationSpec("a", Shape.flat(2), LifParameters.hm2bp(1), 0, 0.5, bad);
        PopulationSpec b = PopulationSpec.lif("b", Shape.flat(2), LifParameters.hm2bp(1));
        InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> new NetworkSpec("bad", 1000,
                10, 1, List.of(in, a, b), List.of(new ProjectionSpec.Dense("in->a", 0, 1, 0, 1,
                        new float[] {1, 2.5f, 3, 4})), 0, 2));
        String m = e.getMessage();
        assertTrue(m.contains("decay_mem must be round(2^12 / tau_mem 64.0) = 64, was 63"), m);
        assertTrue(m.contains("weight 1 must be an integer"), m);
        assertTrue(m.contains("initial potentials"), m);
        assertTrue(m.contains("1 of 2 have none"), m);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> new FixedLifParameters(40, 31,
                0, 1 << 20, new int[] {0}, new long[] {0}, new long[] {1, 2}));
        assertTrue(r.getMessage().contains("accumulator_bits in [2, 32], was 40"), r.getMessage());
        assertTrue(r.getMessage().contains("decay_shift must be in [1, 30]"), r.getMessage());
        assertTrue(r.getMessage().contains("frac_bits must be in [0, 30], was 31"), r.getMessage());
        assertTrue(r.getMessage().contains("decay_syn[0] must be in [1"), r.getMessage());
        assertTrue(r.getMessage().contains("threshold_state[0] must be in [1"), r.getMessage());
        assertTrue(r.getMessage().contains("bias_state must be empty or have one entry per scale"), r.getMessage());
    }
}
