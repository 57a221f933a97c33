package io.snn4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trainer changes a compiled network's dense weights between runs: {@link CompiledNetwork#overwriteDenseWeights}
 * copies them (later changes to the caller's array do nothing), {@link CompiledNetwork#shareDenseWeights} keeps the
 * caller's array (later changes are what the next run simulates). Checked on one input neuron and one LIF neuron with a
 * hand-computed membrane: input weight w at tick 0 gives the current w at tick 1, the membrane w * gain then.
 */
class DenseWeightsTest {
    private static CompiledNetwork net() {
        return CompiledNetwork.compile(new NetworkSpec("one", 1000, 5, 1, List.of(
                PopulationSpec.input("in", Shape.flat(1)),
                PopulationSpec.lif("out", Shape.flat(2), new LifParameters(10, 2, 0, 100, false, 0, 0))),
                List.of(new ProjectionSpec.Dense("in->out", 0, 1, 0, 1, new float[] {1f, 2f})), 0, 1));
    }

    /** Membrane of neuron {@code i} of "out" after tick 1, one input spike at tick 0. */
    private static float membrane(CompiledNetwork net, int i) {
        InputSpikes spike = InputSpikes.of(1, new int[] {0}, new int[] {0});
        return new SteppedEngine(net).run(spike, 2, false, new int[] {1 + i}).membraneTrace(0)[1];
    }

    @Test
    void overwriteCopiesAndShareKeepsTheArray() {
        CompiledNetwork reference = net();
        float unit = membrane(reference, 0); // weight 1
        assertEquals(2 * unit, membrane(reference, 1), 1e-6f * unit);

        CompiledNetwork copied = net();
        float[] w = {3f, 4f};
        copied.overwriteDenseWeights(0, w);
        assertEquals(3 * unit, membrane(copied, 0), 1e-6f * unit);
        w[0] = 5f;
        assertEquals(3 * unit, membrane(copied, 0), 1e-6f * unit, "overwrite must copy");

        CompiledNetwork shared = net();
        float[] s = {3f, 4f};
        shared.shareDenseWeights(0, s);
        assertEquals(4 * unit, membrane(shared, 1), 1e-6f * unit);
        s[1] = 6f;
        assertEquals(6 * unit, membrane(shared, 1), 1e-6f * unit, "share must read the caller's array");
        shared.overwriteDenseWeights(0, new float[] {7f, 8f}); // copies into the shared array
        assertEquals(8f, s[1]);
        assertNotEquals(0f, unit);
    }

    @Test
    void sharingChecksTheLayout() {
        CompiledNetwork net = net();
        assertThrows(IllegalArgumentException.class, () -> net.shareDenseWeights(0, new float[3]));
    }
}
