package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingObserverTest {
    private static final int TICKS = 400;

    /** Records everything; observes the updates whose index is a multiple of {@code every} (and each epoch's last). */
    private static final class Log implements TrainingObserver {
        final int every;
        final int interval;
        final List<int[]> asked = new ArrayList<>();
        final List<UpdateStats> updates = new ArrayList<>();
        final List<ActivityStats> activity = new ArrayList<>();

        Log(int every, int interval) {
            this.every = every;
            this.interval = interval;
        }

        @Override
        public boolean observes(int epoch, int update, int count) {
            asked.add(new int[] {epoch, update, count});
            return update % every == 0 || update == count - 1;
        }

        @Override
        public void updated(UpdateStats stats) {
            updates.add(stats);
        }

        @Override
        public int activityInterval() {
            return interval;
        }

        @Override
        public void activity(ActivityStats stats) {
            activity.add(stats);
        }
    }

    private static NetworkSpec spec() {
        return TrainingFixtures.mlp(40, 24, 4, 10, 5, TICKS, 11, 1.0);
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    private static float[] specWeights(NetworkSpec s, int projection) {
        return ((ProjectionSpec.Dense) s.projection(projection)).weights();
    }

    /**
     * One sample, one Adam step from a fresh state without the regulariser: Adam's first step is lr * g / (|g| + eps)
     * per weight, so every entry of the reported step is 0 or +-lr; the step is the difference of the weights around
     * the epoch; the gradient norm equals the norm of an independent restatement's data gradient.
     */
    @Test
    void reportsTheFirstAdamStepAndTheGradientOfAnIndependentRestatement() {
        NetworkSpec spec = spec();
        Dataset data = TrainingFixtures.patterns(4, 40, 4, TICKS, 21);
        TrainingConfig c = TrainingConfig.reference(1).withRegulariser(0, 0.04);
        Log log = new Log(1, 0);
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec, c)) {
            NetworkSpec before = t.networkSpec();
            t.observe(log);
            t.trainEpoch(Datasets.range(data, 0, 1), ProgressListener.NONE);
            NetworkSpec after = t.networkSpec();
            assertEquals(1, log.updates.size());
            UpdateStats u = log.updates.get(0);
            assertEquals(0, u.update());
            assertEquals(1, u.updates());
            assertEquals(1, u.samplesDone());
            assertTrue(u.hasStep());
            ReferenceStep ref = new ReferenceStep(TICKS, 10, 5, 1f, c, c.learningRate());
            float[][][] w = new float[2][][];
            int[][] shape = {{24, 40}, {4, 24}};
            for (int k = 0; k < 2; k++) {
                float[] sw = specWeights(before, k);
                w[k] = new float[shape[k][0]][shape[k][1]];
                for (int i = 0; i < shape[k][0]; i++) {
                    System.arraycopy(sw, i * shape[k][1], w[k][i], 0, shape[k][1]);
                }
            }
            double[][][] g = ref.gradients(data.load(0), data.label(0), w);
            for (int k = 0; k < 2; k++) {
                float[] b = specWeights(before, k);
                float[] a = specWeights(after, k);
                float[] step = u.step()[k];
                double sq = 0;
                int moved = 0;
                for (int x = 0; x < a.length; x++) {
                    assertEquals(a[x] - b[x], step[x], 0f, "layer " + k + " weight " + x);
                    float s = Math.abs(step[x]);
                    assertTrue(s == 0 || Math.abs(s - 0.001f) < 2e-7f, "layer " + k + " step " + step[x]);
                    moved += s == 0 ? 0 : 1;
                    sq += (double) step[x] * step[x];
                }
                assertTrue(moved > 0, "layer " + k + " did not move");
                assertEquals(Math.sqrt(sq), u.updateNorms()[k], 1e-9);
                assertEquals(0.001 * Math.sqrt(moved), u.updateNorms()[k], 1e-6);
                assertEquals(norm(a), u.weightNorms()[k], 1e-6 * norm(a));
                double gs = 0;
                for (double[] row : g[k]) {
                    for (double x : row) {
                        gs += x * x;
                    }
                }
                assertEquals(Math.sqrt(gs), u.gradientNorms()[k], 1e-4 * Math.sqrt(gs), "layer " + k);
            }
        }
    }

    /** Watching does not change training: the same weights bit for bit, in both modes. */
    @Test
    void observingLeavesTheTrainedWeightsUnchanged() {
        Dataset data = TrainingFixtures.patterns(4, 40, 12, TICKS, 22);
        for (TrainingConfig c : List.of(TrainingConfig.reference(1),
                TrainingConfig.reference(1).withMode(Mode.MINIBATCH, 4).withThreads(2))) {
            float[][] plain = new float[2][];
            float[][] watched = new float[2][];
            try (Hm2BpTrainer t = new Hm2BpTrainer(spec(), c)) {
                t.trainEpoch(data, ProgressListener.NONE);
                plain[0] = t.weights(0);
                plain[1] = t.weights(1);
            }
            try (Hm2BpTrainer t = new Hm2BpTrainer(spec(), c)) {
                t.observe(new Log(2, 3));
                t.trainEpoch(data, ProgressListener.NONE);
                watched[0] = t.weights(0);
                watched[1] = t.weights(1);
            }
            assertArrayEquals(plain[0], watched[0], c.mode().toString());
            assertArrayEquals(plain[1], watched[1], c.mode().toString());
        }
    }

    /**
     * Minibatch mode, 10 samples in batches of 4: updates 0, 1, 2 of 3 are offered once each, the step comes with the
     * last only; activity intervals of 3 samples close at 4, 8 and 10 samples (after whole batches), and their spike
     * counts add up to the epoch's mean spikes per neuron.
     */
    @Test
    void offersEveryUpdateOnceAndClosesActivityIntervalsAtBatchEnds() {
        Dataset data = TrainingFixtures.patterns(4, 40, 10, TICKS, 23);
        TrainingConfig c = TrainingConfig.reference(1).withMode(Mode.MINIBATCH, 4).withThreads(2);
        Log log = new Log(2, 3);
        EpochStats stats;
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec(), c)) {
            t.observe(log);
            stats = t.trainEpoch(data, ProgressListener.NONE);
        }
        assertEquals(3, log.asked.size());
        for (int u = 0; u < 3; u++) {
            assertArrayEquals(new int[] {0, u, 3}, log.asked.get(u));
        }
        assertEquals(2, log.updates.size(), "updates 0 and 2");
        assertNull(log.updates.get(0).step());
        assertNotNull(log.updates.get(1).step());
        assertEquals(10, log.updates.get(1).samplesDone());
        assertEquals(List.of(4, 8, 10), log.activity.stream().map(ActivityStats::samplesDone).toList());
        assertEquals(List.of(4, 4, 2), log.activity.stream().map(ActivityStats::samples).toList());
        int[] sizes = {40, 24, 4};
        double[] rates = stats.meanSpikesPerNeuron();
        int offset = 0;
        for (int p = 0; p < 3; p++) {
            long sum = 0;
            for (ActivityStats a : log.activity) {
                long[] s = a.neuronSpikes();
                for (int n = offset; n < offset + sizes[p]; n++) {
                    sum += s[n];
                }
            }
            assertEquals(rates[p], (double) sum / 10 / sizes[p], 1e-12, "population " + p);
            offset += sizes[p];
        }
    }
}
