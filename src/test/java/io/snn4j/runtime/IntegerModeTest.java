package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.snn4j.model.proto.DenseProto;
import io.snn4j.model.proto.FixedPointProto;
import io.snn4j.model.proto.InputProto;
import io.snn4j.model.proto.LifProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.model.proto.NetworkProto;
import io.snn4j.model.proto.PopulationProto;
import io.snn4j.model.proto.ProjectionProto;
import io.snn4j.model.proto.QuantizedWeightsProto;
import io.snn4j.model.proto.RandomProto;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Integer mode (FixedPointProto 1.2) on a one-neuron network, against ticks computed by hand from the arithmetic in
 * model.proto: frac_bits 4, decay_shift 4 (S = 4, 2^S = 16), decay_mem 4 (tau_mem 4, kept part 12), decay_syn 8
 * (tau_syn 2, kept part 8), mul(x, d) = signum(x) * ((|x| * d) >> 4), v = mul(v, 12), e = sat(mul(e, 8) + (R << 4)),
 * v = sat(v + mul(e, 8) + bias). An input spike pushed at 0 us falls in tick 1 and, with delay 1, arrives
 * in tick 2.
 */
class IntegerModeTest {
    static ModelProto model(int q, int accumulatorBits, long threshold, long bias) {
        FixedPointProto.Builder fp = FixedPointProto.newBuilder().setWeightBits(8).setAccumulatorBits(accumulatorBits)
                .addScales(0.1f).addThresholds(threshold / 16).setFracBits(4).setDecayShift(4).setDecayMem(4)
                .addDecaySyn(8).addThresholdState(threshold);
        if (bias != 0) {
            fp.addBiasState(bias);
        }
        return ModelProto.newBuilder().setFormatVersion(1).setUsPerTick(1000).setTicks(20).setNetwork(
                NetworkProto.newBuilder()
                        .addPopulations(PopulationProto.newBuilder().setName("in").setSize(1)
                                .setInput(InputProto.getDefaultInstance()))
                        .addPopulations(PopulationProto.newBuilder().setName("out").setSize(1)
                                .setLif(LifProto.newBuilder().setTauMem(4).addTauSyn(2).setThreshold(threshold / 160.0)
                                        .setRefractoryTicks(2).setFixedPoint(fp)))
                        .addProjections(ProjectionProto.newBuilder().setName("w").setSource("in").setTarget("out")
                                .setDense(DenseProto.newBuilder().addWeights(q * 0.1f))
                                .setQuantized(QuantizedWeightsProto.newBuilder().setBits(8).addScales(0.1f)
                                        .setInt8Values(ByteString.copyFrom(new byte[] {(byte) q}))))
                        .setInput("in").setOutput("out")).build();
    }

    /** Membrane (state units) after each of ticks 1..ticks, with one input spike in tick 1. */
    static int[] trace(ModelProto m, int ticks, List<Integer> spikeTicks, long[] saturations) throws Exception {
        SnnModel model = SnnModel.fromBytes(m.toByteArray());
        assertTrue(model.isIntegerMode());
        Session s = model.newSession();
        s.push(0, 0);
        int[] v = new int[ticks];
        int[] buf = new int[1];
        for (int t = 1; t <= ticks; t++) {
            // (t - 1) ms lies at the end of tick t (tick = ceil(us / 1000) + 1), which is complete then
            s.advanceTo((t - 1) * 1000L);
            assertEquals(t + 1, s.ticksSimulated());
            v[t - 1] = (int) s.potential(1, 0);
            if (s.copyLastTickSpikes(1, buf) > 0) {
                spikeTicks.add((int) s.ticksSimulated() - 1);
            }
        }
        if (saturations != null) {
            saturations[0] = s.saturations();
        }
        return v;
    }

    @Test
    void oneSpikeDecaysByMultiplyAndShift() throws Exception {
        List<Integer> spikes = new ArrayList<>();
        // tick 2: e = 5 << 4 = 80, v = mul(80, 8) = 40; tick 3: v = mul(40, 12) = 30, e = mul(80, 8) = 40,
        // v = 30 + mul(40, 8) = 50; tick 4: v = mul(50, 12) = 600 >> 4 = 37, e = 20, v = 37 + 10 = 47;
        // tick 5: v = mul(47, 12) = 564 >> 4 = 35, e = 10, v = 35 + 5 = 40
        assertArrayEquals(new int[] {0, 40, 50, 47, 40}, trace(model(5, 16, 100, 0), 5, spikes, null));
        assertEquals(List.of(), spikes);
    }

    @Test
    void negativeStatesTruncateTowardZero() throws Exception {
        // the mirror image of the positive trace: truncation toward zero is symmetric (an arithmetic shift, which
        // floors, would give mul(-50, 12) = -38 and -48 in tick 4)
        assertArrayEquals(new int[] {0, -40, -50, -47, -40}, trace(model(-5, 16, 100, 0), 5, new ArrayList<>(), null));
    }

    @Test
    void spikesResetAndHoldTheMembraneForTheRefractoryPeriod() throws Exception {
        List<Integer> spikes = new ArrayList<>();
        // tick 2: e = 127 << 4 = 2032, v = mul(2032, 8) = 1016 >= 100: spike, v = 0; ticks 3, 4 refractory
        // (e = mul(2032, 8) = 1016, then 508);
        // tick 5: e = 254, v = 0 - 0 + 127 >= 100: spike again
        int[] v = trace(model(127, 16, 100, 0), 6, spikes, null);
        assertEquals(List.of(2, 5), spikes);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, v);
    }

    @Test
    void currentsSaturateAtTheAccumulatorBoundAndAreCounted() throws Exception {
        long[] sat = new long[1];
        List<Integer> spikes = new ArrayList<>();
        // 8-bit accumulator, bound 127: tick 2: e = sat(2032) = 127, v = mul(127, 8) = 63 (< 100, no spike);
        // tick 3: v = mul(63, 12) = 756 >> 4 = 47, e = mul(127, 8) = 63, v = 47 + mul(63, 8) = 47 + 31 = 78
        int[] v = trace(model(127, 8, 100, 0), 3, spikes, sat);
        assertArrayEquals(new int[] {0, 63, 78}, v);
        assertEquals(1, sat[0]);
    }

    @Test
    void biasDrivesFromTickOne() throws Exception {
        List<Integer> spikes = new ArrayList<>();
        // weight 0; bias 30, v = mul(v, 12) + 30: 30, 22 + 30 = 52, 39 + 30 = 69, 51 + 30 = 81, 60 + 30 = 90,
        // 67 + 30 = 97, 72 + 30 = 102 >= 100: spike in tick 7
        int[] v = trace(model(0, 16, 100, 30), 7, spikes, null);
        assertArrayEquals(new int[] {30, 52, 69, 81, 90, 97, 0}, v);
        assertEquals(List.of(7), spikes);
    }

    @Test
    void integerSessionsAllocateNothingPerEvent() throws Exception {
        SnnModel model = SnnModel.fromBytes(model(3, 16, 100, 5).toByteArray());
        Session s = model.newSession();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = 0;
        for (int round = 0; round < 2; round++) {
            s.reset();
            if (round == 1) {
                before = mx.getCurrentThreadAllocatedBytes();
            }
            for (int i = 0; i < 50_000; i++) {
                s.push(i * 300L, 0);
                s.currentClass();
            }
        }
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(bytes < 1024, "50000 pushes allocated " + bytes + " bytes");
        assertTrue(s.outputSpikes(0) > 100, "the neuron should spike, had " + s.outputSpikes(0));
    }

    @Test
    void integerFieldsWithoutADecayShiftAreRefusedAsEveryCommandRefusesThem() throws Exception {
        ModelProto m = model(5, 16, 100, 0);
        ModelProto.Builder b = m.toBuilder();
        b.getNetworkBuilder().getPopulationsBuilder(1).getLifBuilder().getFixedPointBuilder().setDecayShift(0);
        String msg = assertThrows(io.snn4j.model.InvalidModelException.class,
                () -> SnnModel.fromBytes(b.build().toByteArray())).getMessage();
        assertTrue(msg.contains("population 'out': fixed_point has integer-mode fields"), msg);
        assertThrows(io.snn4j.model.InvalidModelException.class,
                () -> io.snn4j.model.ModelFiles.toNetwork(b.build(), "same file"));
    }

    @Test
    void integerModeRefusesWhatItCannotRun() {
        ModelProto.Builder b = model(5, 16, 100, 0).toBuilder();
        b.getNetworkBuilder().getProjectionsBuilder(0).clearQuantized();
        String m = assertThrows(io.snn4j.model.InvalidModelException.class,
                () -> SnnModel.fromBytes(b.build().toByteArray()))
                .getMessage();
        assertTrue(m.contains("projection 'w': no quantized weights for integer mode"), m);

        ModelProto.Builder r = model(5, 16, 100, 0).toBuilder();
        r.getNetworkBuilder().getProjectionsBuilder(0).setRandom(RandomProto.newBuilder().setP(0.5).setWeight(1));
        m = assertThrows(io.snn4j.model.InvalidModelException.class,
                () -> SnnModel.fromBytes(r.build().toByteArray())).getMessage();
        assertTrue(m.contains("projection 'w': quantized weights are not defined for random projections"), m);

        ModelProto.Builder t = model(5, 16, 100, 0).toBuilder();
        t.getNetworkBuilder().getPopulationsBuilder(1).getLifBuilder().getFixedPointBuilder().setThresholdState(0, 0);
        m = assertThrows(io.snn4j.model.InvalidModelException.class,
                () -> SnnModel.fromBytes(t.build().toByteArray())).getMessage();
        assertTrue(m.contains("population 'out': fixed_point.threshold_state[0] must be in [1, 32767] (the "
                + "accumulator), was 0"), m);
    }
}
