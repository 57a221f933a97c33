package io.snn4j.export;

import io.snn4j.model.ModelFiles;
import io.snn4j.model.InvalidModelException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.neuron.FixedLifParameters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema 1.2 integer-mode fields: what the fixed-point export writes, how they are validated and read back. */
class FixedPointExportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/export/bars-1.2-fixed8.pb");

    @Test
    void goldenRevisionOneTwoFileRunsInIntegerModeAndPredictsHorizontal() throws IOException {
        ModelProto p = ModelFiles.read(GOLDEN);
        NetworkSpec net = ModelFiles.toIntegerNetwork(p, GOLDEN.toString());
        assertTrue(net.isInteger());
        FixedLifParameters edges = net.population(1).fixedPoint();
        // tau_mem 20 and tau_syn 4 (bars.textproto) at S = 16: round(65536 / 20) = 3277, 65536 / 4 = 16384
        assertEquals(16, edges.decayShift());
        assertEquals(3277, edges.decayMem());
        assertEquals(16384, edges.decaySyn()[0]);
        // threshold 1 at scale (float) (1/127) with 8 fractional bits: round(256 / scale) = 127 * 256
        assertEquals(127 * 256, edges.thresholdState()[0]);
        // integer weights are the file's int8 values: the conv kernel's first weight -0.5 -> -64
        float[] conv = ((ProjectionSpec.Conv2d) net.projection(0)).weights();
        assertEquals(p.getNetwork().getProjections(0).getQuantized().getInt8Values().byteAt(0), (byte) conv[0]);
        InputSpikes in = io.snn4j.event.SpikeCsv.read(Path.of("models/bars-horizontal.csv"), 25);
        SimulationResult r = new SteppedEngine(CompiledNetwork.compile(net)).run(in, net.ticks(), true);
        assertEquals(0, r.predictedClass());
        assertEquals(0, r.saturations());
        // the same file still simulates as the float network by default
        assertFalse(ModelFiles.toNetwork(p, GOLDEN.toString()).isInteger());
    }

    @Test
    void exportChoosesTheLargestFractionalBitsWhoseSustainedWorstCaseFits() throws IOException {
        Path src = Path.of("neuromorphic-export/models/nmnist-2312-800-10.textproto");
        ModelProto m = ModelFiles.read(src);
        NetworkSpec net = ModelFiles.toNetwork(m, src.toString());
        for (String target : new String[] {"fixed:8", "fixed:16", "fixed:8:tensor"}) {
            ExportTarget.Fixed f = (ExportTarget.Fixed) ExportTarget.parse(target);
            Quantizer.Quantized q = Quantizer.quantize(net, f.bits(), f.accumulatorBits(), !f.perTensor());
            long accMax = (1L << (f.accumulatorBits() - 1)) - 1;
            for (Quantizer.PopulationQ pq : q.pops()) {
                var lif = net.population(pq.population()).lif();
                long[] pn = positiveNegative(net, q, pq.population());
                int frac = pq.fracBits();
                assertTrue(frac >= 0 && frac <= Quantizer.MAX_FRAC_BITS, target + ": frac " + frac);
                boolean fits = Quantizer.sustainedFits(frac, pn[0], pn[1], lif.tauSyn0Ticks(), lif.tauMemTicks(),
                        lif.threshold(), lif.bias(), pq.scales(), accMax);
                assertTrue(fits || frac == 0, target + ": frac " + frac + " does not fit");
                if (frac < Quantizer.MAX_FRAC_BITS) {
                    assertFalse(Quantizer.sustainedFits(frac + 1, pn[0], pn[1], lif.tauSyn0Ticks(),
                            lif.tauMemTicks(), lif.threshold(), lif.bias(), pq.scales(), accMax), target
                            + ": frac " + (frac + 1) + " would fit too");
                }
                // the bound itself, by hand: the current of a neuron receiving every positive weight every tick
                double current = Math.max(pn[0], pn[1]) * Math.scalb(1.0, frac) * lif.tauSyn0Ticks();
                assertTrue(!fits || current <= accMax, target);
            }
        }
    }

    /** Largest sum of positive and of |negative| integer weights into one neuron of population p (dense only). */
    private static long[] positiveNegative(NetworkSpec net, Quantizer.Quantized q, int p) {
        long[] pos = new long[net.population(p).size()];
        long[] neg = new long[pos.length];
        for (Quantizer.ProjectionQ pr : q.projs()) {
            ProjectionSpec spec = net.projection(pr.projection());
            if (spec.target() != p) {
                continue;
            }
            int nIn = net.population(spec.source()).size();
            int[] v = pr.values();
            for (int i = 0; i < v.length; i++) {
                if (v[i] > 0) {
                    pos[i / nIn] += v[i];
                } else {
                    neg[i / nIn] -= v[i];
                }
            }
        }
        long mp = 0;
        long mn = 0;
        for (int i = 0; i < pos.length; i++) {
            mp = Math.max(mp, pos[i]);
            mn = Math.max(mn, neg[i]);
        }
        return new long[] {mp, mn};
    }

    @Test
    void integerModeFieldsThatBreakTheContractAreAllReported() throws IOException {
        var b = ModelFiles.read(GOLDEN).toBuilder();
        var n = b.getNetworkBuilder();
        var fp = n.getPopulationsBuilder(1).getLifBuilder().setVInitHigh(0.5f).getFixedPointBuilder().setDecayMem(3000);
        List<Long> th = List.copyOf(fp.getThresholdStateList().subList(0, 3));
        fp.clearThresholdState().addAllThresholdState(th);
        n.getPopulationsBuilder(2).getLifBuilder().getFixedPointBuilder().setDecayShift(31).setFracBits(40);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.toNetwork(b.build(),
                "i.pb"));
        assertEquals(List.of(
                "population 'edges': fixed_point.threshold_state must have one entry per scale (4), had 3",
                "population 'edges': integer mode (fixed_point.decay_shift 16) does not support initial potentials, "
                        + "v_init was [0.0, 0.5]",
                "population 'edges': fixed_point.decay_mem must be round(2^16 / tau_mem 20.0) = 3277, was 3000",
                "population 'orientation': fixed_point.decay_shift must be in [1, 30] (0: no integer mode), was 31",
                "population 'orientation': fixed_point.frac_bits must be in [0, 30], was 40"),
                e.problems());
    }

    @Test
    void integerFieldsWithoutDecayShiftAreRefused() throws IOException {
        var b = ModelFiles.read(GOLDEN).toBuilder();
        b.getNetworkBuilder().getPopulationsBuilder(1).getLifBuilder().getFixedPointBuilder().setDecayShift(0);
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.toNetwork(b.build(),
                "i.pb"));
        assertEquals(List.of("population 'edges': fixed_point has integer-mode fields (frac_bits, decay_mem, "
                + "decay_syn, threshold_state, bias_state) but no decay_shift; set decay_shift > 0 or drop them"),
                e.problems());
    }

    @Test
    void integerModeIsRefusedForModelsWithoutIntegerData() throws IOException {
        ModelProto flt = ModelFiles.read(Path.of("src/test/resources/golden/export/bars-1.1-fixed8.pb"));
        InvalidModelException e = assertThrows(InvalidModelException.class, () -> ModelFiles.toIntegerNetwork(flt,
                "old.pb"));
        assertTrue(e.problems().get(0).startsWith("population 'edges': no integer mode (fixed_point.decay_shift "
                + "absent"), e.getMessage());
        assertEquals(2, e.problems().size());
        // a 40-bit accumulator has no integer mode: the export says so and writes no integer fields
        ModelProto bars = ModelFiles.read(Path.of("models/bars.textproto"));
        Exporter.FixedExport wide = Exporter.fixedPoint(bars, "bars", new ExportTarget.Fixed(16, 40, false), null);
        assertTrue(wide.report().contains("no integer mode: it needs an accumulator of at most 32 bits (was 40)"),
                wide.report());
        assertEquals(0, wide.model().getNetwork().getPopulations(1).getLif().getFixedPoint().getDecayShift());
    }

    @Test
    void clippingShrinksTheScaleAndSaturatesTheLargestWeights() throws IOException {
        ModelProto bars = ModelFiles.read(Path.of("models/bars.textproto"));
        ExportTarget.Fixed f = ExportTarget.Fixed.of(8);
        Exporter.FixedExport full = Exporter.fixedPoint(bars, "bars", f, null);
        Exporter.FixedExport half = Exporter.fixedPoint(bars, "bars", f, new double[] {1, 0.5, 1});
        float s1 = full.model().getNetwork().getPopulations(1).getLif().getFixedPoint().getScales(0);
        float s2 = half.model().getNetwork().getPopulations(1).getLif().getFixedPoint().getScales(0);
        assertEquals(s1 / 2, s2, 1e-9);
        // kernel weights 1 and -0.5 at half the scale: 1 -> 254 clipped to 127, -0.5 -> -127
        byte[] q = half.model().getNetwork().getProjections(0).getQuantized().getInt8Values().toByteArray();
        assertEquals(-127, q[0]);
        assertEquals(127, q[3]);
        assertThrows(IllegalArgumentException.class, () -> Exporter.fixedPoint(bars, "bars", f,
                new double[] {1, 0, 1}));
    }
}
