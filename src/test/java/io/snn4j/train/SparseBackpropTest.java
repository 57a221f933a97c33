package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.network.NetworkSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** meProp / MSBP: the top-k rule, the memory identity, the sparse dense pass and the trainer with them. */
class SparseBackpropTest {
    private static final int T = 200;
    private static final int HIDDEN = 24;

    private static NetworkSpec net() {
        return TrainingFixtures.mlp(40, HIDDEN, 4, 10, 5, T, 11, 1.0);
    }

    private static TrainingConfig config() {
        return TrainingConfig.reference(2).withLearningRate(0.005);
    }

    private static float[][] run(TrainingConfig c, Backprop b, Dataset train) {
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), c, b, OptimizerSpec.ADAM)) {
            t.trainEpoch(train, ProgressListener.NONE);
            t.trainEpoch(train, ProgressListener.NONE);
            return new float[][] {t.weights(0), t.weights(1)};
        }
    }

    @Test
    void kEqualToTheLayerSizeEqualsFullBackpropagationBitForBit() {
        Dataset train = TrainingFixtures.patterns(4, 40, 16, T, 3);
        for (TrainingConfig c : new TrainingConfig[] {config(), config().withMode(Mode.MINIBATCH, 4).withThreads(2)}) {
            float[][] full = run(c, Backprop.FULL, train);
            // output=sparse with K >= every layer: the output layer's pass (which hands deltas down) goes sparse too
            for (String spec : new String[] {"meprop:" + HIDDEN, "msbp:" + HIDDEN + ",output=sparse",
                    "meprop:1.0,output=sparse"}) {
                float[][] sparse = run(c, Backprop.parse(spec), train);
                for (int k = 0; k < full.length; k++) {
                    assertArrayEquals(full[k], sparse[k], spec + " " + c.mode() + " layer " + k);
                }
            }
        }
    }

    @Test
    void smallerKChangesTheTrainingAndStaysDeterministicAcrossThreadCounts() {
        Dataset train = TrainingFixtures.patterns(4, 40, 16, T, 4);
        TrainingConfig c = config().withMode(Mode.MINIBATCH, 4);
        float[][] full = run(c.withThreads(1), Backprop.FULL, train);
        float[][] one = run(c.withThreads(1), Backprop.parse("msbp:3"), train);
        float[][] three = run(c.withThreads(3), Backprop.parse("msbp:3"), train);
        float[][] meprop = run(c.withThreads(1), Backprop.parse("meprop:3"), train);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], three[k]);
        }
        assertFalse(Arrays.equals(full[0], one[0]), "k = 3 of 24 must change the hidden layer's gradient");
        assertFalse(Arrays.equals(one[0], meprop[0]), "the memory must change what is propagated");
    }

    @Test
    void memoryIdentityHoldsExactly() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 50;
        SparseErrors sparse = new SparseErrors(n);
        double[] memory = new double[n];
        int[] cols = new int[n];
        double alpha = 0.8;
        for (int step = 0; step < 20; step++) {
            double[] delta = new double[n];
            for (int i = 0; i < n; i++) {
                delta[i] = rng.nextInt(5) == 0 ? 0 : rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 3));
            }
            double[] accumulated = new double[n];
            for (int i = 0; i < n; i++) {
                accumulated[i] = delta[i] + memory[i];
            }
            int nc = sparse.apply(delta, n, 7, memory, alpha, cols);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                // what was propagated plus what is remembered (before the decay) is the accumulated error, exactly
                assertEquals(Double.doubleToRawLongBits(accumulated[i]),
                        Double.doubleToRawLongBits(delta[i] + sparse.residual[i]), "step " + step + " entry " + i);
                assertTrue(delta[i] == 0 || sparse.residual[i] == 0, "each entry is propagated or remembered");
                assertEquals(alpha * sparse.residual[i], memory[i], 0.0);
                kept += delta[i] != 0 ? 1 : 0;
            }
            assertEquals(kept, nc);
            assertTrue(nc <= 7);
            // no remembered entry is larger than a propagated one
            double smallestKept = Double.POSITIVE_INFINITY;
            double largestLeft = 0;
            for (int i = 0; i < n; i++) {
                if (delta[i] != 0) {
                    smallestKept = Math.min(smallestKept, Math.abs(delta[i]));
                }
                largestLeft = Math.max(largestLeft, Math.abs(sparse.residual[i]));
            }
            assertTrue(largestLeft <= smallestKept, "step " + step);
            for (int c = 1; c < nc; c++) {
                assertTrue(cols[c - 1] < cols[c], "columns ascending");
            }
        }
    }

    @Test
    void sharedTopKRanksByTheBatchsSummedMagnitudes() {
        SparseErrors sparse = new SparseErrors(4);
        // hand-computed: sums of |u| are 4, 3, 0.2, 0.5, so S = {0, 1}; slot 2 has a 0 inside S
        double[][] deltas = {{3, -1, 0, 0.5}, {-1, 2, 0.2, 0}, {1, 0, 0, 0}};
        double[][] memories = {new double[4], new double[4], new double[4]};
        int[][] cols = new int[3][4];
        int[] nc = new int[3];
        assertEquals(2, sparse.applyShared(deltas, 3, 4, 2, memories, 0.5, cols, nc));
        assertArrayEquals(new double[] {3, -1, 0, 0}, deltas[0]);
        assertArrayEquals(new double[] {-1, 2, 0, 0}, deltas[1]);
        assertArrayEquals(new double[] {1, 0, 0, 0}, deltas[2]);
        assertArrayEquals(new double[] {0, 0, 0, 0.25}, memories[0]);
        assertArrayEquals(new double[] {0, 0, 0.1, 0}, memories[1]);
        assertArrayEquals(new double[] {0, 0, 0, 0}, memories[2]);
        assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(cols[0], nc[0]));
        assertArrayEquals(new int[] {0, 1}, Arrays.copyOf(cols[1], nc[1]));
        assertArrayEquals(new int[] {0}, Arrays.copyOf(cols[2], nc[2]), "a zero inside S is not a column");
        // the next step adds the memories first: u = {0, 0, 0, 0.25 + 1}, {0, 0, 0.1 + 0.3, 0}, {0, 0, 0, 0}
        double[][] next = {{0, 0, 0, 1}, {0, 0, 0.3, 0}, {0, 0, 0, 0}};
        assertEquals(1, sparse.applyShared(next, 3, 4, 1, memories, 0.5, cols, nc));
        assertArrayEquals(new double[] {0, 0, 0, 1.25}, next[0]);
        assertArrayEquals(new double[] {0, 0, 0, 0}, next[1]);
        assertArrayEquals(new double[] {0, 0, 0.2, 0}, memories[1]);
        assertEquals(0, nc[1]);
        assertEquals(0, nc[2]);
    }

    @Test
    void sharedTopKKeepsOneSetForTheBatchAndTheMemoryIdentity() {
        SplittableRandom rng = new SplittableRandom(6);
        int n = 40;
        int batch = 5;
        int k = 6;
        SparseErrors sparse = new SparseErrors(n);
        double[][] memories = new double[batch][n];
        int[][] cols = new int[batch][n];
        int[] nc = new int[batch];
        for (int step = 0; step < 15; step++) {
            double[][] deltas = new double[batch][n];
            double[][] accumulated = new double[batch][n];
            double[] score = new double[n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    deltas[b][i] = rng.nextInt(4) == 0 ? 0 : rng.nextGaussian() * Math.pow(10, rng.nextInt(-2, 3));
                    accumulated[b][i] = deltas[b][i] + memories[b][i];
                    score[i] += Math.abs(accumulated[b][i]);
                }
            }
            assertEquals(k, sparse.applyShared(deltas, batch, n, k, memories, 1.0, cols, nc));
            // with alpha 1 the memory is the residual: propagated + remembered == accumulated, bit for bit
            boolean[] inS = new boolean[n];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(accumulated[b][i]),
                            Double.doubleToRawLongBits(deltas[b][i] + memories[b][i]), "step " + step);
                    assertTrue(deltas[b][i] == 0 || memories[b][i] == 0);
                    if (deltas[b][i] != 0) {
                        inS[i] = true;
                    }
                }
                for (int c = 0; c < nc[b]; c++) {
                    assertTrue(deltas[b][cols[b][c]] != 0);
                    assertTrue(c == 0 || cols[b][c - 1] < cols[b][c], "columns ascending");
                }
            }
            // every slot's error lives on one set of at most k neurons, the k largest batch sums
            int union = 0;
            double smallestIn = Double.POSITIVE_INFINITY;
            double largestOut = 0;
            for (int i = 0; i < n; i++) {
                union += inS[i] ? 1 : 0;
                boolean remembered = false;
                for (int b = 0; b < batch; b++) {
                    remembered |= memories[b][i] != 0;
                }
                if (inS[i]) {
                    smallestIn = Math.min(smallestIn, score[i]);
                } else if (remembered) {
                    largestOut = Math.max(largestOut, score[i]);
                }
            }
            assertTrue(union <= k, "step " + step + ": " + union + " columns");
            assertTrue(largestOut <= smallestIn, "step " + step);
        }
    }

    @Test
    void oneMinibatchStepTouchesOnlyTheSharedColumns() {
        // one batch of 8 samples, one Adam step from zero moments: a weight whose batch gradient is 0 does not move,
        // so the hidden layer changes in at most K columns (per-sample top-k sets would give up to 8 K)
        Dataset train = TrainingFixtures.patterns(4, 40, 8, T, 13);
        TrainingConfig c = TrainingConfig.reference(1).withLearningRate(0.005).withRegulariser(0, 0)
                .withMode(Mode.MINIBATCH, 8).withThreads(2);
        for (String spec : new String[] {"meprop:3", "msbp:3"}) {
            try (Hm2BpTrainer t = new Hm2BpTrainer(net(), c, Backprop.parse(spec), OptimizerSpec.ADAM)) {
                float[] before = t.weights(0);
                t.trainEpoch(train, ProgressListener.NONE);
                float[] after = t.weights(0);
                int changed = 0;
                for (int i = 0; i < HIDDEN; i++) {
                    boolean moved = false;
                    for (int j = 0; j < 40; j++) {
                        moved |= before[j * HIDDEN + i] != after[j * HIDDEN + i];
                    }
                    changed += moved ? 1 : 0;
                }
                assertTrue(changed >= 1 && changed <= 3, spec + ": " + changed + " hidden columns changed");
            }
        }
    }

    @Test
    void topKTiesGoToTheLowerIndex() {
        double[] u = {1, -1, 1, 0.5, -1, 1};
        int[] out = new int[u.length];
        assertEquals(List2.of(0, 1), selected(u, 2, out));
        assertEquals(List2.of(0, 1, 2), selected(u, 3, out));
        assertEquals(List2.of(0, 1, 2, 4, 5), selected(u, 5, out));
        double[] reversed = {-2, 3, -3, 3, 1};
        assertEquals(List2.of(1, 2), selected(reversed, 2, out));
        assertEquals(List2.of(0, 1, 2, 3), selected(reversed, 4, out));
        // a brute-force order over many random ties agrees with the heap
        SplittableRandom rng = new SplittableRandom(9);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(30);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = (rng.nextBoolean() ? -1 : 1) * rng.nextInt(4);
            }
            int k = 1 + rng.nextInt(n);
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> Math.abs(v[a]) != Math.abs(v[b]) ? Double.compare(Math.abs(v[b]),
                    Math.abs(v[a])) : Integer.compare(a, b));
            int[] want = new int[k];
            for (int i = 0; i < k; i++) {
                want[i] = idx[i];
            }
            Arrays.sort(want);
            assertEquals(List2.of(want), selected(v, k, new int[n]), "trial " + trial);
        }
    }

    /** The selected indices, sorted. */
    private static String selected(double[] u, int k, int[] out) {
        int m = SparseErrors.select(u, u.length, k, out);
        int[] s = Arrays.copyOf(out, m);
        Arrays.sort(s);
        return Arrays.toString(s);
    }

    /** Integer lists as the text {@link #selected} compares. */
    private static final class List2 {
        static String of(int... a) {
            return Arrays.toString(a);
        }
    }

    @Test
    void sparsePassEqualsTheFullPassOnTheMaskedDeltas() {
        SplittableRandom rng = new SplittableRandom(12);
        Spsp spsp = new Spsp(64, 8, 2, T);
        int nIn = 9;
        int nOut = 11;
        SpikeTrains pre = new SpikeTrains(nIn);
        SpikeTrains post = new SpikeTrains(nOut);
        int[][] a = new int[nIn][];
        int[][] b = new int[nOut][];
        for (int j = 0; j < nIn; j++) {
            a[j] = j % 4 == 3 ? new int[0] : SpspTest.randomTrain(rng, T, 0.08, 1);
        }
        for (int i = 0; i < nOut; i++) {
            b[i] = i % 3 == 2 ? new int[0] : SpspTest.randomTrain(rng, T, 0.05, 3);
        }
        pre.set(a);
        post.set(b);
        float[] w = new float[nIn * nOut];
        for (int x = 0; x < w.length; x++) {
            w[x] = (float) (2 * rng.nextDouble() - 1);
        }
        double[] delta = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            delta[i] = rng.nextGaussian();
        }
        double[] lateral = new double[nOut];
        Arrays.fill(lateral, 1.3);
        int[] cols = {0, 2, 5, 6, 10};
        double[] masked = new double[nOut];
        for (int c : cols) {
            masked[c] = delta[c];
        }
        DenseBackward full = new DenseBackward(nIn, nOut, spsp);
        float[] gFull = new float[nIn * nOut];
        double[] dFull = new double[nIn];
        full.backward(pre, 0, post, 0, w, masked, lateral, 5, gFull, false, dFull, 10, true);
        DenseBackward sparse = new DenseBackward(nIn, nOut, spsp);
        float[] gSparse = new float[nIn * nOut];
        Arrays.fill(gSparse, 7f); // everything must be overwritten
        double[] dSparse = new double[nIn];
        sparse.backwardSparse(pre, 0, post, 0, w, masked, lateral, 5, gSparse, false, dSparse, 10, true, cols,
                cols.length);
        for (int x = 0; x < gFull.length; x++) {
            assertEquals(gFull[x], gSparse[x], 0f, "gradient entry " + x); // 0 == -0 in the masked columns
        }
        assertArrayEquals(dFull, dSparse, "deltas handed down");
        float[] fFull = full.factor();
        float[] fSparse = sparse.factor();
        for (int c : cols) {
            assertEquals(fFull[c], fSparse[c], 0f);
        }
    }

    @Test
    void backpropSpecificationsParseAndPrintBack() {
        assertEquals(Backprop.FULL, Backprop.parse("full"));
        Backprop m = Backprop.parse("msbp:0.05");
        assertEquals(Backprop.Kind.MSBP, m.kind());
        assertEquals(0.8, m.alpha());
        assertEquals(40, m.keep(800));
        assertEquals(1, m.keep(10));
        assertEquals(m, Backprop.parse(m.toString()));
        Backprop p = Backprop.parse("meprop:5%,output=sparse");
        assertEquals(0.05, p.fraction(), 1e-15);
        assertTrue(p.outputSparse());
        assertEquals(p, Backprop.parse(p.toString()));
        Backprop c = Backprop.parse("msbp:40,alpha=0.5");
        assertEquals(40, c.keep(800));
        assertEquals(10, c.keep(10));
        assertEquals(c, Backprop.parse(c.toString()));
        for (String bad : new String[] {"sparse", "meprop", "meprop:0", "meprop:-3", "msbp:1.5", "msbp:x",
                "meprop:4,alpha=0.5", "msbp:4,alpha=2", "msbp:4,beta=1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backprop.parse(bad), bad);
            assertTrue(e.getMessage().contains("backprop"), e.getMessage());
        }
    }

    @Test
    void resumingWithTheMemoryContinuesIdentically() {
        Dataset train = TrainingFixtures.patterns(4, 40, 12, T, 8);
        Backprop b = Backprop.parse("msbp:4");
        TrainerState mid;
        AuxState aux;
        float[] expected;
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config(), b, OptimizerSpec.ADAM)) {
            t.trainEpoch(train, ProgressListener.NONE);
            mid = t.state();
            aux = t.auxState();
            t.trainEpoch(train, ProgressListener.NONE);
            expected = t.weights(0);
        }
        assertFalse(aux.isEmpty());
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config(), b, OptimizerSpec.ADAM)) {
            t.restore(mid);
            t.restoreAux(aux);
            t.trainEpoch(train, ProgressListener.NONE);
            assertArrayEquals(expected, t.weights(0));
        }
        try (Hm2BpTrainer t = new Hm2BpTrainer(net(), config(), b, OptimizerSpec.ADAM)) {
            t.restore(mid); // without the memory the run differs: it is part of the state
            t.trainEpoch(train, ProgressListener.NONE);
            assertFalse(Arrays.equals(expected, t.weights(0)));
        }
    }
}
