package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.export.ExportTarget;
import io.snn4j.export.Exporter;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.FixedLifParameters;
import io.snn4j.neuron.LifParameters;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Integer mode of the event engine: one neuron against integer ticks computed by hand from the schema 1.2 arithmetic
 * (the crossing ticks must come from the scheduled checks, as nothing else reaches the neuron then), and spike for
 * spike, saturation for saturation, membrane for membrane against the stepped engine's integer mode (itself checked
 * against the clock-driven oracle in {@link IntegerModeTest}) on random fixed-point networks and on the fixed:8 export
 * of the built-in digit model.
 */
class IntegerEventLoopTest {
    /**
     * One neuron behind one input: tau_m 64, tau_s 8 at S = 12 (keep 4032 and 3584 of 4096, decay_syn 512), 4 fraction
     * bits, weight 10, 24-bit accumulators.
     */
    private static NetworkSpec oneNeuron(long threshold, int refractory, long bias, double tauMem, int ticks) {
        int decayMem = (int) FixedLifParameters.decayOf(tauMem, 12);
        FixedLifParameters f = new FixedLifParameters(24, 4, 12, decayMem, new int[] {512}, new long[] {threshold},
                bias == 0 ? new long[0] : new long[] {bias});
        PopulationSpec in = PopulationSpec.input("in", Shape.flat(1));
        PopulationSpec n = new PopulationSpec("n", Shape.flat(1),
                new LifParameters(tauMem, 8, 0, 1, false, refractory, 0), 0, 0, f);
        return new NetworkSpec("one", 1000, ticks, 1, List.of(in, n),
                List.of(new ProjectionSpec.Dense("in->n", 0, 1, 0, 1, new float[] {10})), 0, 1);
    }

    private static SimulationResult event(NetworkSpec spec, InputSpikes in, int ticks, int... probes) {
        return new EventEngine(CompiledNetwork.compile(spec)).run(in, ticks, true, probes);
    }

    /** Spike ticks of the LIF neuron (global index 1; the record also holds the input's spikes). */
    private static int[] ticksOf(SpikeRecord s) {
        int[] t = new int[s.size()];
        int m = 0;
        for (int i = 0; i < t.length; i++) {
            if (s.neuron(i) == 1) {
                t[m++] = s.tick(i);
            }
        }
        return Arrays.copyOf(t, m);
    }

    @Test
    void membraneTraceOfOneInputSpikeMatchesTheHandComputedIntegerTicks() {
        // input at tick 1 arrives at tick 2: e = 10 << 4 = 160, drive 160*512>>12 = 20, v = 20
        // tick 3: v = 20*4032>>12 = 19, e = 160*3584>>12 = 140, drive = 140*512>>12 = 17 (17.5 truncated), v = 36
        // tick 4: v = 36*4032>>12 = 35, e = 122 (122.5), drive 15 (15.25), v = 50
        // tick 5: v = 50*4032>>12 = 49, e = 106 (106.75), drive 13 (13.25), v = 62
        SimulationResult r = event(oneNeuron(1000, 0, 0, 64, 6), InputSpikes.of(1, new int[] {1}, new int[] {0}), 6,
                1);
        assertArrayEquals(new float[] {0, 0, 20, 36, 50, 62}, r.membraneTrace(0));
        assertEquals("event (integer mode)", new EventEngine(CompiledNetwork.compile(oneNeuron(9, 0, 0, 64, 6)))
                .name());
    }

    @Test
    void aScheduledCheckFindsTheFirstCrossingTickWithoutFurtherInput() {
        // continuing the ticks above: 6: v 72 e 92; 7: 80, 80; ... 14: v 104, e 30;
        // 15: v = 104*4032>>12 = 102 (102.4), e = 30*3584>>12 = 26 (26.25), drive 26*512>>12 = 3 (3.25), v = 105;
        // 16: v = 105*4032>>12 = 103 (103.4), e = 22 (22.75), drive 2 (2.75), v = 105; then it falls (the peak is 105)
        InputSpikes one = InputSpikes.of(1, new int[] {1}, new int[] {0});
        assertArrayEquals(new int[] {15}, ticksOf(event(oneNeuron(105, 0, 0, 64, 60), one, 60).spikes()));
        // threshold 50 without refractory period: spike at tick 4 (v = 50), reset; 5: e = 106, v = 0 + 13 (13.25);
        // 6: v = 12 + 11 = 23; 7: 22 + 10 = 32; 8: 31 + 8 = 39; 9: 38 + 7 = 45; 10: v = 44 (44.3), e = 53 (53.4),
        // drive 6 (6.6), v = 50: the second crossing, again found by the check scheduled after the first
        assertArrayEquals(new int[] {4, 10}, ticksOf(event(oneNeuron(50, 0, 0, 64, 60), one, 60).spikes()));
        assertEquals(0, ticksOf(event(oneNeuron(106, 0, 0, 64, 60), one, 60).spikes()).length);
        // threshold 50, refractory 2: spike at tick 4, held at 0 on ticks 5 and 6; tick 7: e = 80 (80.5), drive 10,
        // v = 10; 8: v = 9 + 70*512>>12 = 9 + 8 = 17; the membrane then rises to 46 (ticks 18-22) and falls
        assertArrayEquals(new int[] {4}, ticksOf(event(oneNeuron(50, 2, 0, 64, 60), one, 60).spikes()));
        assertArrayEquals(new int[] {4, 18}, ticksOf(event(oneNeuron(46, 2, 0, 64, 60), one, 60).spikes()));
    }

    @Test
    void aLaterInputCatchesTheNeuronUpTickByTickFirst() {
        // inputs at ticks 1 and 25 (arriving 2 and 26): at the end of tick 25, 23 ticks without input after the first,
        // v = 95 and e = 5; tick 26: v = 95*4032>>12 = 93 (93.5), e = 5*3584>>12 + 160 = 4 + 160 = 164,
        // drive 164*512>>12 = 20 (20.5), v = 113; it then peaks at 185 on ticks 37-39
        InputSpikes two = InputSpikes.of(1, new int[] {1, 25}, new int[] {0, 0});
        assertArrayEquals(new int[] {26}, ticksOf(event(oneNeuron(113, 0, 0, 64, 80), two, 80).spikes()));
        assertArrayEquals(new int[] {37}, ticksOf(event(oneNeuron(185, 0, 0, 64, 80), two, 80).spikes()));
        assertEquals(0, ticksOf(event(oneNeuron(186, 0, 0, 64, 80), two, 80).spikes()).length);
    }

    @Test
    void aBiasCrossingBeyondTheEventWindowIsFoundByRepeatedChecks() {
        // tau_m 10^7 ticks at S = 12: decay_mem = round(4096 / 10^7) = 0, so v grows by the bias 1 a tick without
        // loss: v = t at tick t, spikes at ticks 100000 and 200000 (v >= 100000), more than the event queue's window
        // (at most 65536 ticks) after the previous update
        NetworkSpec spec = oneNeuron(100_000, 0, 1, 1e7, 250_000);
        SimulationResult r = event(spec, InputSpikes.empty(1), 250_000);
        assertArrayEquals(new int[] {100_000, 200_000}, ticksOf(r.spikes()));
        SimulationResult s = new SteppedEngine(CompiledNetwork.compile(spec)).run(InputSpikes.empty(1), 250_000,
                true);
        assertEquals(-1, s.spikes().firstDifference(r.spikes()));
    }

    @Test
    void eventEngineEqualsTheSteppedIntegerModeOnRandomFixedPointNetworks() {
        // input over the first 150 ticks, then 250 ticks of decay: the catch-ups after silence are long
        int ticks = 400;
        long spikes = 0;
        long compared = 0;
        int saturating = 0;
        for (int seed = 1; seed <= 240; seed++) {
            NetworkSpec spec = RandomNetworks.integerNetwork(seed);
            InputSpikes input = RandomNetworks.input(spec, seed, 150);
            CompiledNetwork net = CompiledNetwork.compile(spec);
            SimulationResult expected = new SteppedEngine(net).run(input, ticks, true);
            SimulationResult actual = new EventEngine(net).run(input, ticks, true);
            int d = actual.spikes().firstDifference(expected.spikes());
            assertEquals(-1, d, "network " + seed + ": event integer mode differs from the stepped one at spike " + d
                    + " of " + expected.spikes().size());
            assertEquals(expected.saturations(), actual.saturations(), "network " + seed + ": saturation counts");
            spikes += expected.spikes().size();
            saturating += expected.saturations() > 0 ? 1 : 0;
            if (seed % 8 == 0) {
                // traced neurons are updated every tick: same spikes, and the same integer membranes tick by tick
                int[] probes = new int[4];
                SplittableRandom rng = new SplittableRandom(seed);
                int first = net.offset(1);
                for (int k = 0; k < probes.length; k++) {
                    probes[k] = first + rng.nextInt(net.neuronCount() - first);
                }
                SimulationResult st = new SteppedEngine(net).run(input, ticks, true, probes);
                SimulationResult ev = new EventEngine(net).run(input, ticks, true, probes);
                assertEquals(-1, ev.spikes().firstDifference(expected.spikes()), "network " + seed + " with probes");
                for (int k = 0; k < probes.length; k++) {
                    assertArrayEquals(st.membraneTrace(k), ev.membraneTrace(k), "network " + seed + " probe "
                            + probes[k]);
                    compared += ticks;
                }
            }
        }
        assertTrue(spikes > 40_000, "the random networks should be active, had " + spikes + " spikes");
        assertTrue(saturating >= 5, "saturation exercised in " + saturating + " networks");
        assertTrue(compared > 0);
    }

    /**
     * A network at fine ticks (time constants of thousands of ticks, where the catch-up takes long linear runs in one
     * step): 40 inputs, 24 hidden neurons with an excitatory and an inhibitory synapse type, 4 outputs with lateral
     * inhibition; random decay shift, fraction bits, accumulator (16 bits saturates), bias (positive, negative or
     * none) and refractory period per seed.
     */
    static NetworkSpec fineTickNetwork(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int shift = 18 + rng.nextInt(7);
        int frac = 2 + rng.nextInt(7);
        int acc = new int[] {16, 24, 32}[rng.nextInt(3)];
        long max = (1L << (acc - 1)) - 1;
        double tauMem = 2000 + rng.nextDouble() * 38000;
        double tauExc = 300 + rng.nextDouble() * 4700;
        double tauInh = 300 + rng.nextDouble() * 4700;
        int refractory = rng.nextInt(3) == 0 ? 0 : rng.nextInt(2000);
        long threshold = Math.min(max, (long) (60 * (1 << frac) * (1 + rng.nextDouble())));
        long bias = switch (rng.nextInt(3)) {
            case 0 -> 0;
            case 1 -> 1 + rng.nextInt(4);
            default -> -1 - rng.nextInt(4);
        };
        FixedLifParameters hidden = new FixedLifParameters(acc, frac, shift,
                (int) FixedLifParameters.decayOf(tauMem, shift), new int[] {(int) FixedLifParameters.decayOf(tauExc,
                shift), (int) FixedLifParameters.decayOf(tauInh, shift)}, new long[] {threshold},
                bias == 0 ? new long[0] : new long[] {bias});
        FixedLifParameters out = new FixedLifParameters(acc, frac, shift,
                (int) FixedLifParameters.decayOf(tauMem, shift), new int[] {(int) FixedLifParameters.decayOf(tauExc,
                shift)}, new long[] {threshold / 2}, new long[0]);
        float[] exc = new float[24 * 40];
        float[] inh = new float[24 * 40];
        float[] ho = new float[4 * 24];
        for (int i = 0; i < exc.length; i++) {
            exc[i] = rng.nextInt(60);
            inh[i] = -rng.nextInt(40);
        }
        for (int i = 0; i < ho.length; i++) {
            ho[i] = rng.nextInt(50) - 10;
        }
        return new NetworkSpec("fine-" + seed, 1, 40_000, seed, List.of(PopulationSpec.input("in", Shape.flat(40)),
                new PopulationSpec("hidden", Shape.flat(24), new LifParameters(tauMem, tauExc, tauInh, 1, false,
                        refractory, 0), 0, 0, hidden),
                new PopulationSpec("out", Shape.flat(4), new LifParameters(tauMem, tauExc, 0, 1, false, refractory,
                        0), 0, 0, out)),
                List.of(new ProjectionSpec.Dense("exc", 0, 1, 0, 1 + rng.nextInt(50), exc),
                        new ProjectionSpec.Dense("inh", 0, 1, 1, 1 + rng.nextInt(50), inh),
                        new ProjectionSpec.Dense("out", 1, 2, 0, 1, ho),
                        new ProjectionSpec.LateralInhibition("lateral", 2, 2, 0, 1, 30)), 0, 2);
    }

    @Test
    void eventEngineEqualsTheSteppedIntegerModeAtFineTicks() {
        int ticks = 40_000;
        long spikes = 0;
        int saturating = 0;
        for (int seed = 1; seed <= 12; seed++) {
            NetworkSpec spec = fineTickNetwork(seed);
            // sparse input: 400 spikes over the first 30,000 ticks, then 10,000 ticks of decay
            SplittableRandom rng = new SplittableRandom(seed * 7 + 1);
            int[] ts = new int[400];
            int[] cs = new int[ts.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = rng.nextInt(30_000);
                cs[i] = rng.nextInt(40);
            }
            Arrays.sort(ts);
            CompiledNetwork net = CompiledNetwork.compile(spec);
            InputSpikes input = InputSpikes.of(40, ts, cs);
            SimulationResult expected = new SteppedEngine(net).run(input, ticks, true);
            SimulationResult actual = new EventEngine(net).run(input, ticks, true);
            int d = actual.spikes().firstDifference(expected.spikes());
            assertEquals(-1, d, "network " + seed + ": first difference at spike " + d + " of "
                    + expected.spikes().size());
            assertEquals(expected.saturations(), actual.saturations(), "network " + seed);
            spikes += expected.populationSpikes(1) + expected.populationSpikes(2);
            saturating += expected.saturations() > 0 ? 1 : 0;
        }
        assertTrue(spikes > 500, "the networks should spike, had " + spikes);
        assertTrue(saturating >= 1, "saturation exercised in " + saturating + " networks");
    }

    @Test
    void eventEngineEqualsTheSteppedIntegerModeOnTheFixedPointDigitModel() throws IOException {
        Path file = Path.of("models", "builtin-mlp.textproto");
        ModelProto fixed = Exporter.fixedPoint(ModelFiles.read(file), file.toString(),
                new ExportTarget.Fixed(8, 24, false), null).model();
        NetworkSpec spec = ModelFiles.toIntegerNetwork(fixed, file + " fixed:8");
        CompiledNetwork net = CompiledNetwork.compile(spec);
        BuiltinDigits digits = new BuiltinDigits(5);
        RateEncoder encoder = RateEncoder.reference(spec.ticks());
        SteppedEngine stepped = new SteppedEngine(net);
        EventEngine event = new EventEngine(net);
        long hiddenSpikes = 0;
        for (int i = 0; i < 10; i++) {
            float[] img = digits.image(i);
            byte[] pixels = new byte[img.length];
            for (int p = 0; p < img.length; p++) {
                pixels[p] = (byte) Math.max(0, Math.min(255, Math.round(img[p])));
            }
            InputSpikes input = encoder.encode(pixels, 5, i);
            SimulationResult expected = stepped.run(input, spec.ticks(), true);
            SimulationResult actual = event.run(input, spec.ticks(), true);
            int d = actual.spikes().firstDifference(expected.spikes());
            assertEquals(-1, d, "digit " + i + ": first difference at spike " + d + " of "
                    + expected.spikes().size());
            assertEquals(expected.saturations(), actual.saturations(), "digit " + i);
            assertArrayEquals(expected.neuronCounts(2), actual.neuronCounts(2), "digit " + i);
            hiddenSpikes += expected.populationSpikes(1);
        }
        assertTrue(hiddenSpikes > 1000, "the hidden layer should spike, had " + hiddenSpikes);
    }

    @Test
    @Tag("slow")
    void eventEngineEqualsTheSteppedIntegerModeOnFixedPointExportsOfTheRepositoryModels() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String dir : new String[] {"models", "neuromorphic-export/models"}) {
            List<Path> files;
            try (Stream<Path> list = Files.list(Path.of(dir))) {
                files = list.filter(f -> f.toString().endsWith(".textproto")).sorted().toList();
            }
            for (Path file : files) {
                ModelProto src = ModelFiles.read(file);
                NetworkSpec flt = ModelFiles.toNetwork(src, file.toString());
                if (flt.projections().stream().anyMatch(pr -> pr instanceof ProjectionSpec.Random)) {
                    continue; // random projections have no quantized weights
                }
                InputSpikes input = RandomNetworks.input(flt, 11, 150);
                for (ExportTarget.Fixed f : new ExportTarget.Fixed[] {new ExportTarget.Fixed(8, 24, false),
                        new ExportTarget.Fixed(16, 32, true)}) {
                    NetworkSpec spec = ModelFiles.toIntegerNetwork(Exporter.fixedPoint(src, file.toString(), f, null)
                            .model(), file + " " + f);
                    CompiledNetwork net = CompiledNetwork.compile(spec);
                    SimulationResult expected = new SteppedEngine(net).run(input, 150, true);
                    SimulationResult actual = new EventEngine(net).run(input, 150, true);
                    int d = actual.spikes().firstDifference(expected.spikes());
                    assertEquals(-1, d, file + " " + f + ": first difference at spike " + d + " of "
                            + expected.spikes().size());
                    assertEquals(expected.saturations(), actual.saturations(), file + " " + f);
                    checked.add(file.getFileName() + " " + f.bits());
                }
            }
        }
        assertTrue(checked.size() >= 10, "exports checked: " + checked);
    }

    @Test
    void runsAllocateNothingPerEvent() throws IOException {
        Path file = Path.of("models", "builtin-mlp.textproto");
        ModelProto fixed = Exporter.fixedPoint(ModelFiles.read(file), file.toString(),
                new ExportTarget.Fixed(8, 24, false), null).model();
        CompiledNetwork net = CompiledNetwork.compile(ModelFiles.toIntegerNetwork(fixed, file.toString()));
        // Bernoulli input on every channel at 1 % a tick for 20,000 ticks
        SplittableRandom rng = new SplittableRandom(3);
        int[] ts = new int[400_000];
        int[] cs = new int[ts.length];
        int m = 0;
        for (int t = 0; t < 20_000 && m < ts.length; t++) {
            for (int c = 0; c < 784 && m < ts.length; c++) {
                if (rng.nextDouble() < 0.01) {
                    ts[m] = t;
                    cs[m++] = c;
                }
            }
        }
        InputSpikes input = InputSpikes.of(784, Arrays.copyOf(ts, m), Arrays.copyOf(cs, m));
        EventEngine engine = new EventEngine(net);
        for (int i = 0; i < 2; i++) {
            engine.run(input, 20_000, false);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        SimulationResult shortRun = engine.run(input, 2_000, false);
        long middle = mx.getThreadAllocatedBytes(tid);
        SimulationResult longRun = engine.run(input, 20_000, false);
        long after = mx.getThreadAllocatedBytes(tid);
        assertTrue(longRun.totalSpikes() > 5 * shortRun.totalSpikes() && longRun.totalSpikes() > 4_000,
                "the long run must do real work, had " + longRun.totalSpikes() + " spikes");
        long shortBytes = middle - before;
        long longBytes = after - middle;
        assertTrue(longBytes - shortBytes < 4096, "20,000 ticks allocated " + longBytes + " bytes, 2,000 ticks "
                + shortBytes + " bytes");
    }
}
