package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.network.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Minibatch training whose per-sample gradients come from elsewhere ({@link BatchGradients}): computed by
 * {@link GradientWorker}s that only see the weights they are sent and shipped through Java serialization, as a
 * cluster does, the trained state is bit-identical to the trainer's own worker threads.
 */
class BatchGradientsTest {
    private static final int T = 200;

    /** Gradients from {@code workers} separate GradientWorkers, slots dealt round-robin, each result serialized. */
    private static BatchGradients elsewhere(NetworkSpec net, TrainingConfig c, Dataset data, int workers) {
        GradientWorker[] w = new GradientWorker[workers];
        for (int i = 0; i < workers; i++) {
            w[i] = new GradientWorker(net, c);
        }
        return (step, indices, boost, weights) -> {
            float[][] sent = roundTrip(weights);
            SampleGradient[] out = new SampleGradient[indices.length];
            for (int i = 0; i < workers; i++) {
                w[i].setWeights(sent);
            }
            for (int s = 0; s < indices.length; s++) {
                GradientWorker g = w[s % workers];
                out[s] = roundTrip(g.gradient(data.load(indices[s]), data.label(indices[s]), boost[s]));
            }
            return out;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrainerState train(NetworkSpec net, TrainingConfig c, Dataset data, int remoteWorkers) {
        try (Hm2BpTrainer t = new Hm2BpTrainer(net, c)) {
            if (remoteWorkers > 0) {
                t.computeBatchesWith(elsewhere(net, c, data, remoteWorkers));
            }
            for (int e = 0; e < 2; e++) {
                t.trainEpoch(data, ProgressListener.NONE);
            }
            return t.state();
        }
    }

    private static void assertSameState(TrainerState a, TrainerState b) {
        for (int k = 0; k < a.weights().length; k++) {
            assertArrayEquals(a.weights()[k], b.weights()[k], "weights of layer " + k);
            assertArrayEquals(a.adamM()[k], b.adamM()[k], "Adam m of layer " + k);
            assertArrayEquals(a.adamV()[k], b.adamV()[k], "Adam v of layer " + k);
        }
        assertArrayEquals(a.boostWeights(), b.boostWeights());
        assertEquals(a.epoch(), b.epoch());
    }

    @Test
    void denseNetworkTrainsBitIdenticallyWithGradientsFromElsewhere() {
        NetworkSpec net = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
        Dataset data = TrainingFixtures.patterns(4, 40, 30, T, 4);
        TrainingConfig c = TrainingConfig.reference(2).withLearningRate(0.005).withMode(Mode.MINIBATCH, 4)
                .withThreads(2);
        TrainerState local = train(net, c, data, 0);
        assertSameState(local, train(net, c, data, 1));
        assertSameState(local, train(net, c, data, 3));
    }

    @Test
    void batchOfOneAndConvolutionalLayersToo() {
        NetworkSpec mlp = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
        Dataset data = TrainingFixtures.patterns(4, 40, 12, T, 5);
        TrainingConfig one = TrainingConfig.reference(2).withLearningRate(0.005).withMode(Mode.MINIBATCH, 1);
        assertSameState(train(mlp, one, data, 0), train(mlp, one, data, 2));
        NetworkSpec cnn = TrainingFixtures.smallCnn(4, T, 3);
        Dataset images = TrainingFixtures.patterns(4, 64, 12, T, 13);
        TrainingConfig c = TrainingConfig.reference(2).withLearningRate(0.005).withMode(Mode.MINIBATCH, 3);
        assertSameState(train(cnn, c, images, 0), train(cnn, c, images, 2));
    }

    @Test
    void malformedGradientsAreRejectedNamingTheLayer() {
        NetworkSpec net = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
        Dataset data = TrainingFixtures.patterns(4, 40, 8, T, 4);
        TrainingConfig c = TrainingConfig.reference(1).withMode(Mode.MINIBATCH, 4);
        try (Hm2BpTrainer t = new Hm2BpTrainer(net, c)) {
            t.computeBatchesWith((step, indices, boost, weights) -> {
                SampleGradient[] out = new SampleGradient[indices.length];
                for (int s = 0; s < out.length; s++) {
                    // layer 0 claims row 3 but carries no values
                    out[s] = new SampleGradient(0, 0, true, new long[3], new int[][] {{3}, {}},
                            new float[][] {{}, {}});
                }
                return out;
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.trainEpoch(data, ProgressListener.NONE));
            assertTrue(e.getMessage().contains("layer 0: 1 rows need 24 values, got 0"), e.getMessage());
        }
        try (Hm2BpTrainer t = new Hm2BpTrainer(net, c)) {
            t.computeBatchesWith((step, indices, boost, weights) -> new SampleGradient[1]);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> t.trainEpoch(data, ProgressListener.NONE));
            assertTrue(e.getMessage().contains("expected 4 sample gradients, got 1"), e.getMessage());
        }
    }

    @Test
    void faithfulModeRefusesGradientsFromElsewhere() {
        try (Hm2BpTrainer t = new Hm2BpTrainer(TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0),
                TrainingConfig.reference(1))) {
            assertThrows(IllegalStateException.class, () -> t.computeBatchesWith((s, i, b, w) -> null));
        }
    }

    @Test
    void classifyingSampleBySampleGivesTheTrainersEvaluation() {
        NetworkSpec net = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
        Dataset test = TrainingFixtures.patterns(4, 40, 20, T, 8);
        GradientWorker w = new GradientWorker(net, TrainingConfig.reference(1));
        Evaluation.Outcome[] outcomes = new Evaluation.Outcome[test.size()];
        int[] labels = new int[test.size()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = w.classify(test.load(i));
            labels[i] = test.label(i);
        }
        Evaluation mine = Evaluation.of(labels, outcomes, w.classes());
        try (Hm2BpTrainer t = new Hm2BpTrainer(net, TrainingConfig.reference(1))) {
            Evaluation theirs = t.evaluate(test);
            assertEquals(theirs.correct(), mine.correct());
            assertEquals(theirs.noOutputSpikes(), mine.noOutputSpikes());
            assertEquals(theirs.meanOutputSpikes(), mine.meanOutputSpikes(), 0);
            assertArrayEquals(theirs.confusion(), mine.confusion());
        }
    }

    @Test
    void evaluationOfOutcomesCountsByHand() {
        // labels 0, 1, 1, 2; decisions 0, 1, 0 (silent), 2: 3 correct, 1 silent, (4 + 6 + 0 + 2) / 4 = 3 spikes
        Evaluation ev = Evaluation.of(new int[] {0, 1, 1, 2}, new Evaluation.Outcome[] {
                new Evaluation.Outcome(0, false, 4), new Evaluation.Outcome(1, false, 6),
                new Evaluation.Outcome(0, true, 0), new Evaluation.Outcome(2, false, 2)}, 3);
        assertEquals(3, ev.correct());
        assertEquals(0.75, ev.accuracy(), 0);
        assertEquals(1, ev.noOutputSpikes());
        assertEquals(3.0, ev.meanOutputSpikes(), 0);
        assertArrayEquals(new int[][] {{1, 0, 0}, {1, 1, 0}, {0, 0, 1}}, ev.confusion());
        assertEquals(new Evaluation.Outcome(1, false, 7), Evaluation.Outcome.of(new int[] {1, 3, 3}, 3),
                "most spikes, ties to the lowest index");
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(new int[2], new Evaluation.Outcome[1], 3));
    }

    @Test
    void sweepGridOrderAndBest() {
        var grid = Sweep.grid(java.util.List.of(0.0, 10.0), java.util.List.of(0.001, 0.004), java.util.List.of(8));
        assertEquals(java.util.List.of(new Sweep.Setting(0, 0.001, 8), new Sweep.Setting(0, 0.004, 8),
                new Sweep.Setting(10, 0.001, 8), new Sweep.Setting(10, 0.004, 8)), grid);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sweep.Setting(-1, 0.001, 8));
        assertTrue(e.getMessage().contains("were -1.0, 0.001 and 8"), e.getMessage());
        Evaluation lo = new Evaluation(4, 1, 0, 0, new int[][] {{1}});
        Evaluation hi = new Evaluation(4, 3, 0, 0, new int[][] {{3}});
        assertEquals(1, Sweep.best(java.util.List.of(new Sweep.Result(grid.get(0), 0, lo, 0, null),
                new Sweep.Result(grid.get(1), 0, hi, 0, null), new Sweep.Result(grid.get(2), 0, hi, 0, null))));
        assertEquals(-1, Sweep.best(java.util.List.of()));
    }
}
