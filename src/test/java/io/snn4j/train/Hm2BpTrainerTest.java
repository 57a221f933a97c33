package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hm2BpTrainerTest {
    private static final int T = 200;

    private static NetworkSpec net() {
        return TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
    }

    private static TrainingConfig config() {
        return TrainingConfig.reference(3).withLearningRate(0.005);
    }

    @Test
    void lossFallsOverAFewEpochsOnSyntheticPatterns() {
        Dataset train = TrainingFixtures.patterns(4, 40, 80, T, 7);
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config())) {
            EpochStats first = t.trainEpoch(train, ProgressListener.NONE);
            EpochStats last = first;
            for (int e = 1; e < 4; e++) {
                last = t.trainEpoch(train, ProgressListener.NONE);
            }
            assertTrue(last.meanCost() < 0.7 * first.meanCost(),
                    "cost " + first.meanCost() + " -> " + last.meanCost());
            Evaluation ev = t.evaluate(TrainingFixtures.patterns(4, 40, 40, T, 99));
            assertTrue(ev.accuracy() > 0.8, "test accuracy " + ev.accuracy());
        }
    }

    @Test
    void twoRunsWithOneSeedGiveIdenticalWeights() {
        Dataset train = TrainingFixtures.patterns(4, 40, 24, T, 3);
        float[][] a = run(config(), train);
        float[][] b = run(config(), train);
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k]);
        }
    }

    @Test
    void minibatchResultsDoNotDependOnTheThreadCount() {
        Dataset train = TrainingFixtures.patterns(4, 40, 30, T, 4);
        TrainingConfig c = config().withMode(Mode.MINIBATCH, 4);
        float[][] one = run(c.withThreads(1), train);
        float[][] two = run(c.withThreads(2), train);
        float[][] three = run(c.withThreads(3), train);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], two[k]);
            assertArrayEquals(one[k], three[k]);
        }
    }

    @Test
    void faithfulResultsDoNotDependOnTheThreadCount() {
        Dataset train = TrainingFixtures.patterns(4, 40, 12, T, 5);
        float[][] one = run(config().withThreads(1), train);
        float[][] two = run(config().withThreads(2), train);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], two[k]);
        }
    }

    private static float[][] run(TrainingConfig c, Dataset train) {
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), c)) {
            t.trainEpoch(train, ProgressListener.NONE);
            t.trainEpoch(train, ProgressListener.NONE);
            return new float[][] {t.weights(0), t.weights(1)};
        }
    }

    @Test
    void networkSpecCarriesTheTrainedWeightsTargetMajor() {
        Dataset train = TrainingFixtures.patterns(4, 40, 8, T, 6);
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config())) {
            t.trainEpoch(train, ProgressListener.NONE);
            NetworkSpec out = t.networkSpec();
            float[] w = ((ProjectionSpec.Dense) out.projection(1)).weights();
            float[] bySource = t.weights(1);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 24; j++) {
                    assertEquals(bySource[j * 4 + i], w[i * 24 + j], 0f);
                }
            }
            assertEquals(net().projections().size(), out.projections().size());
        }
    }

    @Test
    void restoringAStateContinuesIdentically() {
        Dataset train = TrainingFixtures.patterns(4, 40, 12, T, 8);
        TrainerState mid;
        float[] expected;
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config())) {
            t.trainEpoch(train, ProgressListener.NONE);
            mid = t.state();
            t.trainEpoch(train, ProgressListener.NONE);
            expected = t.weights(0);
        }
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config())) {
            t.restore(mid);
            assertEquals(1, t.epoch());
            t.trainEpoch(train, ProgressListener.NONE);
            assertArrayEquals(expected, t.weights(0));
        }
    }

    @Test
    void rejectsNetworksThatAreNotAFeedForwardDenseChain() {
        NetworkSpec n = net();
        NetworkSpec noOutput = new NetworkSpec("x", 1000, T, 1, n.populations(), n.projections().subList(0, 2), 0, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Hm2BpTrainer(noOutput, config()));
        assertTrue(e.getMessage().contains("output"), e.getMessage());
    }

    @Test
    void configValidationNamesEveryProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingConfig(0, Mode.FAITHFUL, 4, 0, 1, -1, 35, 5, 5, 10, 0.04, 8, true, true, 0, true));
        String m = e.getMessage();
        assertTrue(m.contains("epochs must be >= 1, was 0"), m);
        assertTrue(m.contains("batchSize must be 1 in faithful mode, was 4"), m);
        assertTrue(m.contains("threads must be in [1, 1024], was 0"), m);
        assertTrue(m.contains("learningRate must be > 0 and finite, was -1.0"), m);
    }

    @Test
    void rejectsLabelsBeyondTheOutputLayer() {
        Dataset five = TrainingFixtures.patterns(5, 40, 10, T, 1);
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.trainEpoch(five, ProgressListener.NONE));
            assertTrue(e.getMessage().contains("label must be < 4 (output neurons), was 4"), e.getMessage());
        }
    }

    @Test
    void minibatchOfOneEqualsFaithful() {
        Dataset train = TrainingFixtures.patterns(4, 40, 12, T, 5);
        float[][] faithful = run(config(), train);
        float[][] batchOne = run(config().withMode(Mode.MINIBATCH, 1).withThreads(2), train);
        for (int k = 0; k < faithful.length; k++) {
            assertArrayEquals(faithful[k], batchOne[k]);
        }
    }

    /**
     * Faithful mode with Adam writes only the gradient rows of inputs that fired and zeroes the rows an earlier sample
     * left; a minibatch of one writes every row. Both must give the same gradient after every sample (its norm, which a
     * stale row would change) and the same weights, on patterns whose silent inputs change from sample to sample; and
     * so must the optimisers that add the regulariser into the gradient (SGD, L-BFGS), for which faithful mode writes
     * every row.
     */
    @Test
    void minibatchOfOneEqualsFaithfulForEveryOptimizer() {
        Dataset train = TrainingFixtures.patterns(4, 40, 12, T, 5);
        for (String o : new String[] {"adam", "sgd", "lbfgs"}) {
            float[][][] w = new float[2][][];
            List<List<Double>> norms = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < 2; i++) {
                TrainingConfig c = i == 0 ? config() : config().withMode(Mode.MINIBATCH, 1).withThreads(2);
                List<Double> mine = norms.get(i);
                try (Hm2BpTrainer t = new Hm2BpTrainer(net(), c, Backprop.FULL, OptimizerSpec.parse(o))) {
                    t.observe(new TrainingObserver() {
                        @Override
                        public boolean observes(int epoch, int update, int updates) {
                            return true;
                        }

                        @Override
                        public void updated(UpdateStats stats) {
                            for (double n : stats.gradientNorms()) {
                                mine.add(n);
                            }
                        }
                    });
                    t.trainEpoch(train, ProgressListener.NONE);
                    t.trainEpoch(train, ProgressListener.NONE);
                    w[i] = new float[][] {t.weights(0), t.weights(1)};
                }
            }
            assertEquals(norms.get(1), norms.get(0), o + ": gradient norms per update");
            assertTrue(norms.get(0).size() >= 2 * 2 * 12, o + ": every update observed");
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(w[1][k], w[0][k], o + ", layer " + k);
            }
        }
    }

    @Test
    void learningRateFollowsTheReferenceSchedule() {
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), TrainingConfig.reference(1))) {
            assertEquals(0.001, t.learningRate(0), 0);
            assertEquals(0.001, t.learningRate(1), 0);
            assertEquals(0.001 / Math.sqrt(4), t.learningRate(4), 1e-15);
        }
    }

    @Test
    void trainsASmallConvolutionalNetworkDeterministically() {
        Dataset train = TrainingFixtures.patterns(4, 64, 40, T, 13);
        float[][] a = new float[3][];
        float[][] b = new float[3][];
        double firstCost = 0;
        double lastCost = 0;
        for (int threads = 1; threads <= 2; threads++) {
            try (Hm2BpTrainer t = new Hm2BpTrainer(TrainingFixtures.smallCnn(4, T, 3), config().withThreads(threads))) {
                float[] before = t.weights(0);
                firstCost = t.trainEpoch(train, ProgressListener.NONE).meanCost();
                for (int e = 1; e < 4; e++) {
                    lastCost = t.trainEpoch(train, ProgressListener.NONE).meanCost();
                }
                float[][] w = threads == 1 ? a : b;
                for (int k = 0; k < 3; k++) {
                    w[k] = t.weights(k);
                }
                assertTrue(!java.util.Arrays.equals(before, w[0]), "conv kernel unchanged");
                NetworkSpec out = t.networkSpec();
                assertArrayEquals(w[0], ((ProjectionSpec.Conv2d) out.projection(0)).weights());
            }
        }
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        assertTrue(lastCost < firstCost, "cost " + firstCost + " -> " + lastCost);
    }
    /**
     * End-to-end audit against an independent restatement of the reference ({@link ReferenceStep}: plain loops, the
     * reference's own forward operation order, pairwise S-PSPs): twelve faithful steps from the same state give the
     * same weights, through silent hidden neurons, lateral factors above 1 and a target injection.
     */
    @Test
    void faithfulStepsEqualAPlainLoopRestatementOfTheReference() {
        final int ticks = 400;
        NetworkSpec spec = TrainingFixtures.mlp(40, 24, 4, 10, 5, ticks, 11, 1.0);
        Dataset train = TrainingFixtures.patterns(4, 40, 12, ticks, 21);
        TrainingConfig c = TrainingConfig.reference(1);
        ReferenceStep ref = new ReferenceStep(ticks, 10, 5, 1f, c, c.learningRate());
        int[] nIn = {40, 24};
        int[] nOut = {24, 4};
        double[][][] m = {new double[24][40], new double[4][24]};
        double[][][] v = {new double[24][40], new double[4][24]};
        int injections = 0;
        int silentHidden = 0;
        double maxLateral = 0;
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec, c)) {
            for (int s = 0; s < train.size(); s++) {
                TrainerState st = t.state();
                float[][][] w = targetMajor(st, nIn, nOut);
                ref.step(train.load(s), train.label(s), w, m, v, s + 1);
                injections += ref.injected ? 1 : 0;
                silentHidden += ref.silentHidden;
                maxLateral = Math.max(maxLateral, ref.maxLateral);
                // one sample as a whole epoch 0 (learning rate 0.001, boosting weight 1), continuing the Adam state
                t.restore(new TrainerState(0, st.seed(), st.weights(), st.adamM(), st.adamV(), st.adamSteps(),
                        new double[0]));
                t.trainEpoch(Datasets.range(train, s, s + 1), ProgressListener.NONE);
                assertSameWeights(w, t, nIn, nOut, "step " + s);
            }
        }
        assertTrue(injections > 0, "no silent label neuron was met");
        assertTrue(silentHidden > 0, "no silent hidden neuron was met");
        assertTrue(maxLateral > 1.001, "lateral factors stayed at " + maxLateral);
    }

    /**
     * Minibatch mode against the same restatement ({@link ReferenceStep#batchStep}): each batch's mean data gradient
     * from one set of weights, then one Adam step, for batches of 4 on two threads.
     */
    @Test
    void minibatchStepsEqualTheMeanGradientRestatement() {
        final int ticks = 400;
        final int b = 4;
        NetworkSpec spec = TrainingFixtures.mlp(40, 24, 4, 10, 5, ticks, 11, 1.0);
        Dataset train = TrainingFixtures.patterns(4, 40, 16, ticks, 22);
        TrainingConfig c = TrainingConfig.reference(1).withMode(Mode.MINIBATCH, b).withThreads(2);
        ReferenceStep ref = new ReferenceStep(ticks, 10, 5, 1f, c, c.learningRate());
        int[] nIn = {40, 24};
        int[] nOut = {24, 4};
        double[][][] m = {new double[24][40], new double[4][24]};
        double[][][] v = {new double[24][40], new double[4][24]};
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec, c)) {
            for (int s = 0; s < train.size(); s += b) {
                TrainerState st = t.state();
                float[][][] w = targetMajor(st, nIn, nOut);
                io.snn4j.event.InputSpikes[] in = new io.snn4j.event.InputSpikes[b];
                int[] labels = new int[b];
                for (int q = 0; q < b; q++) {
                    in[q] = train.load(s + q);
                    labels[q] = train.label(s + q);
                }
                ref.batchStep(in, labels, w, m, v, s / b + 1);
                t.restore(new TrainerState(0, st.seed(), st.weights(), st.adamM(), st.adamV(), st.adamSteps(),
                        new double[0]));
                t.trainEpoch(Datasets.range(train, s, s + b), ProgressListener.NONE);
                assertSameWeights(w, t, nIn, nOut, "batch " + s / b);
            }
        }
    }

    /** The trainer's source-major weights of each layer as [post][pre] arrays (the restatement's layout). */
    private static float[][][] targetMajor(TrainerState st, int[] nIn, int[] nOut) {
        float[][][] w = new float[nIn.length][][];
        for (int k = 0; k < nIn.length; k++) {
            w[k] = new float[nOut[k]][nIn[k]];
            for (int j = 0; j < nIn[k]; j++) {
                for (int i = 0; i < nOut[k]; i++) {
                    w[k][i][j] = st.weights()[k][j * nOut[k] + i];
                }
            }
        }
        return w;
    }

    private static void assertSameWeights(float[][][] want, Hm2BpTrainer t, int[] nIn, int[] nOut, String where) {
        for (int k = 0; k < nIn.length; k++) {
            float[] got = t.weights(k);
            for (int j = 0; j < nIn[k]; j++) {
                for (int i = 0; i < nOut[k]; i++) {
                    assertEquals(want[k][i][j], got[j * nOut[k] + i], 2e-6,
                            where + ", layer " + k + ", post " + i + ", pre " + j);
                }
            }
        }
    }
}
