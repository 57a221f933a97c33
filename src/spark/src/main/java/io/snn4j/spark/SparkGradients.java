package io.snn4j.spark;

import io.snn4j.train.BatchGradients;
import io.snn4j.train.SampleGradient;
import io.snn4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel minibatch gradients on Spark: per batch one job; the driver broadcasts the weights, the
 * batch's slots are split into contiguous ranges, one task per range, each computing its samples' gradients (sparse
 * rows, as a minibatch worker thread) with a {@link io.snn4j.train.GradientWorker} kept per executor thread; the
 * results come back in slot order, so the trainer adds them in sample order whatever the partitioning. Driven from the
 * trainer's thread.
 */
final class SparkGradients implements BatchGradients {
    private final JavaSparkContext jsc;
    private final int partitions;
    private final Broadcast<byte[]> model;
    private final TrainingConfig config;
    private final ShardedCache.Manifest data;
    private final String run = UUID.randomUUID().toString();
    private final long failOnceAtStep;

    SparkGradients(JavaSparkContext jsc, int partitions, byte[] modelBytes, TrainingConfig config,
                   ShardedCache.Manifest data, long failOnceAtStep) {
        this.jsc = jsc;
        this.partitions = partitions;
        this.model = jsc.broadcast(modelBytes);
        this.config = config;
        this.data = data;
        this.failOnceAtStep = failOnceAtStep;
    }

    @Override
    public SampleGradient[] compute(long step, int[] indices, double[] boost, float[][] weights) {
        int count = indices.length;
        int p = Math.max(1, Math.min(partitions, count));
        float[][] copy = new float[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            copy[k] = weights[k].clone();
        }
        Broadcast<float[][]> w = jsc.broadcast(copy);
        try {
            List<SparkJobs.Slots> chunks = new ArrayList<>(p);
            for (int c = 0; c < p; c++) {
                int a = (int) ((long) count * c / p);
                int b = (int) ((long) count * (c + 1) / p);
                chunks.add(new SparkJobs.Slots(java.util.Arrays.copyOfRange(indices, a, b),
                        java.util.Arrays.copyOfRange(boost, a, b)));
            }
            List<byte[]> parts = jsc.parallelize(chunks, p)
                    .map(new SparkJobs.GradientTask(run, step, model, w, config, data, failOnceAtStep)).collect();
            SampleGradient[] all = new SampleGradient[count];
            int slot = 0;
            for (byte[] part : parts) {
                for (SampleGradient g : GradientCodec.decode(part)) {
                    all[slot++] = g;
                }
            }
            return all;
        } finally {
            w.destroy();
        }
    }
}
