package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Cluster;
import io.snn4j.train.EpochStats;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.TrainerState;
import io.snn4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local steps with periodic averaging against restatements: with one partition it is plain minibatch training
 * (boosting off) on the epoch's permutation; with two partitions and one round, the element-wise mean of two trainers
 * that each trained on their half of the permutation from the same start.
 */
class SparkAveragingTest {
    @TempDir
    Path tmp;

    private TrainerState averaged(String master, int partitions, int localSteps, Dataset data) throws IOException {
        NetworkSpec net = SparkFaultToleranceTest.network();
        Map<String, String> settings = Map.of("cache", tmp.resolve("shards-" + partitions).toUri().toString(),
                "partitions", String.valueOf(partitions));
        try (Cluster c = Cluster.connect("spark", master, settings);
             Hm2BpTrainer t = new Hm2BpTrainer(net, SparkFaultToleranceTest.config())) {
            EpochStats s = c.trainEpochAveraged(t, net, data, "random:" + data.size(), localSteps,
                    ProgressListener.NONE);
            assertEquals(data.size(), s.samples());
            assertEquals(1, t.epoch());
            return t.state();
        }
    }

    /** Trains {@code share} of {@code data} in order, boosting off, from the network's initial weights. */
    private static TrainerState plain(Dataset data, int[] share) throws IOException {
        TrainingConfig local = SparkAveraging.local(SparkFaultToleranceTest.config());
        try (Hm2BpTrainer t = new Hm2BpTrainer(SparkFaultToleranceTest.network(), local)) {
            t.trainEpoch(Datasets.subset(data, share), ProgressListener.NONE);
            return t.state();
        }
    }

    @Test
    void onePartitionIsPlainMinibatchTraining() throws IOException {
        Dataset data = SparkFaultToleranceTest.randomImages(32, 1, 200);
        int[] order = Datasets.shuffledOrder(32, 1, 0);
        TrainerState want = plain(data, order);
        TrainerState got = averaged("local[1]", 1, 2, data);
        for (int k = 0; k < want.weights().length; k++) {
            assertArrayEquals(want.weights()[k], got.weights()[k], "weights of layer " + k);
            assertArrayEquals(want.adamM()[k], got.adamM()[k]);
            assertArrayEquals(want.adamV()[k], got.adamV()[k]);
        }
        assertArrayEquals(want.adamSteps(), got.adamSteps());
    }

    @Test
    void twoPartitionsAverageTwoIndependentHalves() throws IOException {
        Dataset data = SparkFaultToleranceTest.randomImages(32, 1, 200);
        int[] order = Datasets.shuffledOrder(32, 1, 0);
        // batch 8, 2 local steps: one round, 16 samples per task
        TrainerState a = plain(data, Arrays.copyOfRange(order, 0, 16));
        TrainerState b = plain(data, Arrays.copyOfRange(order, 16, 32));
        TrainerState got = averaged("local[2]", 2, 2, data);
        for (int k = 0; k < a.weights().length; k++) {
            float[] mean = new float[a.weights()[k].length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (0.5 * a.weights()[k][i] + 0.5 * b.weights()[k][i]);
            }
            assertArrayEquals(mean, got.weights()[k], "weights of layer " + k);
        }
        assertArrayEquals(a.adamSteps(), got.adamSteps(), "2 Adam steps per layer");
    }
}
