package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.ImageDataset;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Cluster;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.Mode;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.TrainerState;
import io.snn4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that fails is retried by Spark and the training result does not change: on {@code local[2,2]} (local mode
 * retries a task only when given a maximum of failures) the first attempt of one task of step 3 throws; the epoch
 * ends with the weights, Adam moments and boosting weights of a single-machine run. Without retries the same failure
 * fails the run.
 */
class SparkFaultToleranceTest {
    @TempDir
    Path tmp;

    /** {@code n} 28 x 28 images of random grey levels with random labels 0..9, rate-coded (any data will do). */
    static Dataset randomImages(int n, long seed, int ticks) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] images = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < images.length; i++) {
            images[i] = (byte) rng.nextInt(256);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        return ImageDataset.of(images, 784, labels, RateEncoder.reference(ticks), seed);
    }

    static NetworkSpec network() throws IOException {
        return ModelFiles.load(CliRuns.MODELS.resolve("builtin-mlp.textproto"));
    }

    static TrainingConfig config() {
        return TrainingConfig.reference(1).withMode(Mode.MINIBATCH, 8).withThreads(2).withLearningRate(0.004);
    }

    private TrainerState train(String master, long failAtStep, Dataset data) throws IOException {
        NetworkSpec net = network();
        Map<String, String> settings = Map.of("cache", tmp.resolve("shards").toUri().toString(),
                "fail-once-at-step", String.valueOf(failAtStep));
        try (Cluster c = Cluster.connect("spark", master, settings); Hm2BpTrainer t = new Hm2BpTrainer(net, config())) {
            t.computeBatchesWith(c.gradients(net, config(), data, "random:40"));
            t.trainEpoch(data, ProgressListener.NONE);
            return t.state();
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheResultIsUnchanged() throws IOException {
        Dataset data = randomImages(40, 1, 200);
        TrainerState expected;
        try (Hm2BpTrainer t = new Hm2BpTrainer(network(), config())) {
            t.trainEpoch(data, ProgressListener.NONE);
            expected = t.state();
        }
        int before = SparkJobs.INJECTED_FAILURES.get();
        TrainerState got = train("local[2,2]", 3, data);
        assertEquals(before + 1, SparkJobs.INJECTED_FAILURES.get(), "exactly one injected task failure");
        for (int k = 0; k < expected.weights().length; k++) {
            assertArrayEquals(expected.weights()[k], got.weights()[k], "weights of layer " + k);
            assertArrayEquals(expected.adamM()[k], got.adamM()[k], "Adam m of layer " + k);
            assertArrayEquals(expected.adamV()[k], got.adamV()[k], "Adam v of layer " + k);
        }
        assertArrayEquals(expected.adamSteps(), got.adamSteps());
        assertArrayEquals(expected.boostWeights(), got.boostWeights());
    }

    @Test
    void withoutRetriesTheSameFailureFailsTheRun() {
        Dataset data = randomImages(16, 1, 200);
        Exception e = assertThrows(Exception.class, () -> train("local[2]", 0, data));
        assertTrue(String.valueOf(e.getMessage()).contains("injected failure"), e::toString);
    }
}
