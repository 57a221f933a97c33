package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.backend.KernelProvider;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Moving the stepped engine's tick counter: rebasing changes no spike; a network at rest can restart later. */
class SteppedEngineTimeTest {
    @Test
    void rebasingTheTickCounterChangesNoSpike() {
        long spikes = 0;
        for (int seed = 1; seed <= 40; seed++) {
            NetworkSpec spec = RandomNetworks.network(seed);
            CompiledNetwork net = CompiledNetwork.compile(spec);
            int ticks = 400;
            InputSpikes in = RandomNetworks.input(spec, seed, ticks);
            SteppedEngine a = new SteppedEngine(net, KernelProvider.scalar());
            SteppedEngine b = new SteppedEngine(net, KernelProvider.scalar());
            a.begin();
            b.begin();
            int[] bufA = new int[net.neuronCount()];
            int[] bufB = new int[net.neuronCount()];
            int next = 0;
            for (int t = 0; t < ticks; t++) {
                if (t == 150) {
                    int by = ((t - 1) / b.ringTicks()) * b.ringTicks();
                    b.rebase(by);
                    assertEquals(t - by, b.now());
                }
                while (next < in.size() && in.tick(next) == t) {
                    a.input(in.channel(next));
                    b.input(in.channel(next++));
                }
                a.stepTick();
                b.stepTick();
                for (int p = 0; p < net.populationCount(); p++) {
                    int m = a.copyLastTickSpikes(p, bufA);
                    assertEquals(m, b.copyLastTickSpikes(p, bufB), "network " + seed + " tick " + t);
                    assertArrayEquals(Arrays.copyOf(bufA, m), Arrays.copyOf(bufB, m), "network " + seed);
                    spikes += m;
                }
            }
        }
        assertTrue(spikes > 10_000, "the networks should spike, had " + spikes);
    }

    @Test
    void aNetworkAtRestRestartsLaterAsIfItHadBeenSimulatedThrough() {
        io.snn4j.neuron.LifParameters lif = new io.snn4j.neuron.LifParameters(8, 2, 0, 1.5, false, 3, 0);
        NetworkSpec spec = new NetworkSpec("rest", 1000, 100, 1, java.util.List.of(
                io.snn4j.network.PopulationSpec.input("in", io.snn4j.network.Shape.flat(2)),
                io.snn4j.network.PopulationSpec.lif("out", io.snn4j.network.Shape.flat(1), lif)),
                java.util.List.of(new io.snn4j.network.ProjectionSpec.Dense("w", 0, 1, 0, 3, new float[] {2f, 1f})),
                0, 1);
        SteppedEngine e = new SteppedEngine(CompiledNetwork.compile(spec), KernelProvider.scalar());
        e.begin();
        e.stepTick();
        assertTrue(e.isAtRest());
        StringBuilder first = new StringBuilder();
        StringBuilder later = new StringBuilder();
        for (StringBuilder log : new StringBuilder[] {first, later}) {
            int start = e.now();
            e.input(0);
            e.input(1);
            for (int k = 0; k < 400; k++) {
                if (k == 1) {
                    assertTrue(!e.isAtRest(), "input in the delay ring: not at rest");
                }
                e.stepTick();
                if (e.lastTickSpikes(1) > 0) {
                    log.append(e.now() - 1 - start).append(' ');
                }
            }
            assertTrue(e.isAtRest(), "after 400 ticks (the flush at 1e-12) the network is at rest");
            e.restartAt(1_000_003);
        }
        assertTrue(first.length() > 0, "the input should make the neuron spike");
        assertEquals(first.toString(), later.toString());
        try {
            e.input(0);
            e.restartAt(5);
            throw new AssertionError("restartAt must refuse pending input");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("not at rest"));
        }
    }
}
