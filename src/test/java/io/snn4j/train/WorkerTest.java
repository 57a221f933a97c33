package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import org.junit.jupiter.api.Test;

/** One sample's forward and backward pass: injection, lateral factor, deltas. */
class WorkerTest {
    private static final int T = 400;

    @Test
    void aSilentLabelNeuronGetsThirtySixInjectedSpikesAfterTheErrorIsComputed() {
        NetworkSpec spec = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 2, 1.0);
        // silence the output layer: all hidden->output weights 0
        ProjectionSpec.Dense d = (ProjectionSpec.Dense) spec.projection(1);
        spec = new NetworkSpec(spec.name(), spec.usPerTick(), spec.ticks(), spec.seed(), spec.populations(),
                replaced(spec.projections(), 1, new ProjectionSpec.Dense(d.name(), d.source(), d.target(),
                        d.synapse(), d.delayTicks(), new float[d.weights().length])), spec.input(), spec.output());
        TrainingConfig cfg = TrainingConfig.reference(1);
        Hm2BpTrainer.Topology top = new Hm2BpTrainer.Topology(spec, cfg);
        CompiledNetwork net = CompiledNetwork.compile(spec);
        Worker w = new Worker(top, net);
        Dataset data = TrainingFixtures.patterns(4, 40, 4, T, 1);
        float[][] weights = {Hm2BpTrainer.transpose(((ProjectionSpec.Dense) spec.projection(0)).weights(), 24, 40),
                new float[24 * 4]};
        float[][] grads = {new float[40 * 24], new float[24 * 4]};
        int label = data.label(2);
        w.sample(data.load(2), label, 1.0, weights, grads, false);
        assertTrue(w.silentOutput);
        assertEquals(0, w.decision);
        assertEquals(35.0 * 35, w.cost, 1e-9); // only the label neuron is outside the dead zone: (0 - 35)^2
        assertEquals(-35.0 / 5, w.delta(1)[label], 1e-12);
        SpikeTrains out = w.outputTrains();
        assertEquals(36, out.count[label]); // floor(400 / 35) = 11: ticks 11, 22, ..., 396
        int[] times = new int[36];
        System.arraycopy(out.times, out.start[label], times, 0, 36);
        int[] expected = new int[36];
        for (int m = 0; m < 36; m++) {
            expected[m] = 11 * (m + 1);
        }
        assertArrayEquals(expected, times);
        // lateral factors of silent non-label outputs are 1; the label neuron sees no active partner either
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, w.lateral()[i], 0.0);
        }
        // the injected train gives the label neuron's incoming weights a non-zero (negative-error) gradient
        boolean any = false;
        for (int j = 0; j < 24; j++) {
            any |= grads[1][j * 4 + label] != 0;
            for (int i = 0; i < 4; i++) {
                if (i != label) {
                    assertEquals(0f, grads[1][j * 4 + i], 0f);
                }
            }
        }
        assertTrue(any);
    }

    @Test
    void lateralFactorIsOneOverOneMinusTheLoopGain() {
        NetworkSpec spec = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 2, 1.0);
        TrainingConfig cfg = TrainingConfig.reference(1);
        Hm2BpTrainer.Topology top = new Hm2BpTrainer.Topology(spec, cfg);
        Worker w = new Worker(top, CompiledNetwork.compile(spec));
        Dataset data = TrainingFixtures.patterns(4, 40, 4, T, 1);
        float[][] weights = {Hm2BpTrainer.transpose(((ProjectionSpec.Dense) spec.projection(0)).weights(), 24, 40),
                Hm2BpTrainer.transpose(((ProjectionSpec.Dense) spec.projection(1)).weights(), 4, 24)};
        float[][] grads = {new float[40 * 24], new float[24 * 4]};
        int label = data.label(1);
        w.sample(data.load(1), label, 1.0, weights, grads, false);
        SpikeTrains all = w.trains();
        int off = 40 + 24;
        Spsp spsp = new Spsp(64, 8, 2, T);
        for (int j = 0; j < 4; j++) {
            int oj = all.count[off + j];
            double dj = oj > 0 || j == label ? 1.0 / 5 : 0;
            double sum = 0;
            for (int l = 0; l < 4; l++) {
                if (l == j) {
                    continue;
                }
                int ol = all.count[off + l];
                double dl = ol > 0 || l == label ? 1.0 / 5 : 0;
                double erJl = oj == 0 || ol == 0 ? 1 : spsp.pairwise(all.times, all.start[off + l], ol, all.times,
                        all.start[off + j], oj) / oj;
                double erLj = oj == 0 || ol == 0 ? 1 : spsp.pairwise(all.times, all.start[off + j], oj, all.times,
                        all.start[off + l], ol) / ol;
                sum += erJl * dl * erLj * dj;
            }
            assertEquals(1 / (1 - sum), w.lateral()[j], 1e-12, "output " + j);
        }
    }

    private static java.util.List<ProjectionSpec> replaced(java.util.List<ProjectionSpec> all, int j,
            ProjectionSpec p) {
        java.util.List<ProjectionSpec> copy = new java.util.ArrayList<>(all);
        copy.set(j, p);
        return copy;
    }
}
