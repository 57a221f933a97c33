package io.snn4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.emulate.BuiltinDigits;
import io.snn4j.data.emulate.DvsEmulator;
import io.snn4j.data.emulate.DvsEmulatorConfig;
import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelWriter;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sessions fed event by event: the spikes of the stepped engine on the binned recording (scalar and vector kernels),
 * reset, independent sessions sharing one model, no allocation per event, refused input.
 */
class SessionTest {
    static final int TICKS = 560;

    /** 2312 - 100 - 10 with random weights, the N-MNIST constants, 600 us ticks. */
    static NetworkSpec network(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w1 = new float[100 * 2312];
        float[] w2 = new float[10 * 100];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) (2 * rng.nextDouble() - 0.9);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) (2 * rng.nextDouble() - 0.7);
        }
        LifParameters lif = LifParameters.hm2bp(5);
        return new NetworkSpec("runtime-test", 600, TICKS, seed,
                List.of(PopulationSpec.input("in", Shape.flat(2312)), PopulationSpec.lif("h", Shape.flat(100), lif),
                        PopulationSpec.lif("out", Shape.flat(10), lif)),
                List.of(new ProjectionSpec.Dense("a", 0, 1, 0, 1, w1), new ProjectionSpec.Dense("b", 1, 2, 0, 1, w2),
                        new ProjectionSpec.LateralInhibition("l", 2, 2, 0, 1, 1f)), 0, 2);
    }

    /** The runtime model of a network, through the bytes of its binary form. */
    static SnnModel model(NetworkSpec spec) {
        try {
            return SnnModel.fromBytes(ModelWriter.toProto(spec, java.util.Map.of()).toByteArray());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static EventStream recording(long seed) {
        return new DvsEmulator(DvsEmulatorConfig.nmnistLike()).emulate(new BuiltinDigits(seed).image(3),
                BuiltinDigits.SIZE, BuiltinDigits.SIZE, new SplittableRandom(seed));
    }

    /** Pushes a recording and advances to the end of tick TICKS - 1 (tick of (TICKS - 2) * 600 us is TICKS - 1). */
    private static int[] push(Session s, EventStream ev, SnnModel m) {
        for (int i = 0; i < ev.size(); i++) {
            s.push(ev.timestampUs(i), m.channel(ev.x(i), ev.y(i), ev.polarity(i), 34, 34));
        }
        s.advanceTo((TICKS - 2) * 600L);
        return s.copyOutputSpikes(new int[m.classes()]);
    }

    @Test
    void pushingEventsGivesTheSpikesOfTheEngineOnTheBinnedRecording() {
        NetworkSpec spec = network(3);
        EventStream ev = recording(3);
        InputSpikes binned = new EventBinning(ChannelLayout.nmnist(), 600, 1, TICKS).bin(ev);
        SimulationResult offline = new SteppedEngine(CompiledNetwork.compile(spec)).run(binned, TICKS, false);
        SnnModel model = model(spec);
        for (io.snn4j.backend.Kernels kernels : RuntimeEquivalenceTest.kernels()) {
            Session s = model.newSession(kernels);
            int[] counts = push(s, ev, model);
            assertArrayEquals(offline.neuronCounts(2), counts, kernels.name());
            assertEquals(offline.predictedClass(), s.currentClass());
            assertEquals(TICKS, s.ticksSimulated());
            assertTrue(offline.populationSpikes(2) > 0, "the test network should answer");
            // a reset session answers the same again
            s.reset();
            assertArrayEquals(counts, push(s, ev, model));
        }
    }

    @Test
    void sessionsShareTheModelAndDoNotInterfere() {
        SnnModel model = model(network(4));
        Session a = model.newSession();
        Session b = model.newSession();
        EventStream e1 = recording(1);
        EventStream e2 = recording(2);
        int[] alone = push(model.newSession(), e1, model);
        for (int i = 0; i < Math.max(e1.size(), e2.size()); i++) {
            if (i < e1.size()) {
                a.push(e1.timestampUs(i), model.channel(e1.x(i), e1.y(i), e1.polarity(i), 34, 34));
            }
            if (i < e2.size()) {
                b.push(e2.timestampUs(i), model.channel(e2.x(i), e2.y(i), e2.polarity(i), 34, 34));
            }
        }
        a.advanceTo((TICKS - 2) * 600L);
        assertArrayEquals(alone, a.copyOutputSpikes(new int[10]));
    }

    @Test
    void pushingAllocatesNothingAfterWarmUp() {
        SnnModel model = model(network(5));
        for (io.snn4j.backend.Kernels kernels : RuntimeEquivalenceTest.kernels()) {
            assertAllocatesNothing(model, model.newSession(kernels));
        }
    }

    private static void assertAllocatesNothing(SnnModel model, Session s) {
        EventStream ev = recording(5);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // warm-up until the JIT has compiled the loops (interpreted code allocates what compiled code keeps in
        // registers; on a loaded machine compilation takes longer): at least 25 passes, then until a pass allocates
        // nothing, at most 400
        for (int r = 0; r < 400; r++) {
            s.reset();
            long b = mx.getThreadAllocatedBytes(tid);
            push(s, ev, model);
            if (r >= 25 && mx.getThreadAllocatedBytes(tid) - b == 0) {
                break;
            }
        }
        s.reset();
        int[] dst = new int[10];
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < ev.size(); i++) {
            s.push(ev.timestampUs(i), model.channel(ev.x(i), ev.y(i), ev.polarity(i), 34, 34));
            s.currentClass();
        }
        s.advanceTo((TICKS - 2) * 600L);
        s.copyOutputSpikes(dst);
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(bytes < 1024, s.kernels().name() + ": " + ev.size() + " pushes allocated " + bytes + " bytes");
        assertTrue(s.ticksSimulated() == TICKS && ev.size() > 1000, "the measured run should be long");
    }

    @Test
    void aSessionHoldsStatePerNeuronNotACopyOfTheWeights() {
        SnnModel model = model(network(7));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        model.newSession(io.snn4j.backend.KernelProvider.scalar());
        long before = mx.getThreadAllocatedBytes(tid);
        Session s = model.newSession(io.snn4j.backend.KernelProvider.scalar());
        long bytes = mx.getThreadAllocatedBytes(tid) - before;
        // 2312 + 110 neurons: spike buffers and counts (8 bytes each), pending input (5 bytes a channel), state and
        // two delay slots for the 110 LIF neurons: about 40 KB, against 925 KB of weights held by the model
        assertEquals(4L * (100 * 2312 + 10 * 100), model.weightBytes());
        assertTrue(bytes < 64 * 1024, "a session allocated " + bytes + " bytes");
        assertEquals(0, s.ticksSimulated());
    }

    @Test
    void badInputIsRefused() {
        SnnModel model = model(network(6));
        Session s = model.newSession();
        s.push(1000, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.push(2000, 2312));
        assertTrue(e.getMessage().contains("input channel must be in [0, 2312), was 2312"));
    }
}
