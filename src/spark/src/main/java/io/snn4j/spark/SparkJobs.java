package io.snn4j.spark;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Evaluation;
import io.snn4j.train.GradientWorker;
import io.snn4j.train.SampleGradient;
import io.snn4j.train.Sweep;
import io.snn4j.train.TrainingConfig;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/** The executor side of the Spark jobs: the task functions and the per-JVM state they reuse. */
final class SparkJobs {
    /** Idle gradient workers of each training run in this JVM (one is borrowed per running task). */
    private static final ConcurrentMap<String, ConcurrentLinkedDeque<Held>> WORKERS = new ConcurrentHashMap<>();
    /** Failures injected in this JVM (tests). */
    static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    private SparkJobs() {
    }

    /** A worker and the step whose weights it holds. */
    private static final class Held {
        final GradientWorker worker;
        long step = -1;

        Held(GradientWorker worker) {
            this.worker = worker;
        }
    }

    /** A contiguous range of a batch's slots: their sample indices and boosting weights. */
    record Slots(int[] indices, double[] boost) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** One task of a training step: the gradients of its slots, in slot order ({@link GradientCodec} bytes). */
    static final class GradientTask implements Function<Slots, byte[]> {
        private static final long serialVersionUID = 1L;
        private final String run;
        private final long step;
        private final Broadcast<byte[]> model;
        private final Broadcast<float[][]> weights;
        private final TrainingConfig config;
        private final ShardedCache.Manifest data;
        private final long failOnceAtStep;

        GradientTask(String run, long step, Broadcast<byte[]> model, Broadcast<float[][]> weights,
                     TrainingConfig config, ShardedCache.Manifest data, long failOnceAtStep) {
            this.run = run;
            this.step = step;
            this.model = model;
            this.weights = weights;
            this.config = config;
            this.data = data;
            this.failOnceAtStep = failOnceAtStep;
        }

        @Override
        public byte[] call(Slots slots) {
            TaskContext task = TaskContext.get();
            if (step == failOnceAtStep && task != null && task.partitionId() == 0 && task.attemptNumber() == 0) {
                INJECTED_FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure (fail-once-at-step " + step + ")");
            }
            ConcurrentLinkedDeque<Held> idle = WORKERS.computeIfAbsent(run, r -> new ConcurrentLinkedDeque<>());
            Held held = idle.poll();
            if (held == null) {
                held = new Held(new GradientWorker(network(model.value()), config));
            }
            try {
                if (held.step != step) {
                    held.worker.setWeights(weights.value());
                    held.step = step;
                }
                Dataset d = ShardedCache.dataset(data);
                SampleGradient[] out = new SampleGradient[slots.indices().length];
                for (int s = 0; s < out.length; s++) {
                    int idx = slots.indices()[s];
                    out[s] = held.worker.gradient(d.load(idx), d.label(idx), slots.boost()[s]);
                }
                return GradientCodec.encode(out);
            } finally {
                idle.push(held);
            }
        }
    }

    /** Classifies every sample of the sharded test set, a range per task; outcomes in sample order. */
    static Evaluation evaluate(JavaSparkContext jsc, int partitions, byte[] modelBytes, ShardedCache.Manifest data,
                               int[] labels) {
        int n = data.size();
        int p = Math.max(1, Math.min(partitions, n));
        List<int[]> ranges = new ArrayList<>(p);
        for (int c = 0; c < p; c++) {
            ranges.add(new int[] {(int) ((long) n * c / p), (int) ((long) n * (c + 1) / p)});
        }
        Broadcast<byte[]> model = jsc.broadcast(modelBytes);
        try {
            List<Evaluation.Outcome[]> parts = jsc.parallelize(ranges, p).map(new EvalTask(model, data)).collect();
            Evaluation.Outcome[] all = new Evaluation.Outcome[n];
            int i = 0;
            for (Evaluation.Outcome[] part : parts) {
                for (Evaluation.Outcome o : part) {
                    all[i++] = o;
                }
            }
            NetworkSpec net = network(modelBytes);
            return Evaluation.of(labels, all, net.population(net.output()).size());
        } finally {
            model.destroy();
        }
    }

    /** One task of an evaluation: samples [range[0], range[1]). */
    static final class EvalTask implements Function<int[], Evaluation.Outcome[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final ShardedCache.Manifest data;

        EvalTask(Broadcast<byte[]> model, ShardedCache.Manifest data) {
            this.model = model;
            this.data = data;
        }

        @Override
        public Evaluation.Outcome[] call(int[] range) {
            GradientWorker w = new GradientWorker(network(model.value()), TrainingConfig.reference(1));
            Dataset d = ShardedCache.dataset(data);
            Evaluation.Outcome[] out = new Evaluation.Outcome[range[1] - range[0]];
            for (int i = range[0]; i < range[1]; i++) {
                out[i - range[0]] = w.classify(d.load(i));
            }
            return out;
        }
    }

    /**
     * What one sweep task returns. Immutable.
     *
     * @param model the trained network as model-file bytes
     */
    record SweepOutcome(Sweep.Setting setting, double trainAccuracy, Evaluation test, double seconds, byte[] model)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Every setting as one task (one core each); outcomes in the order of {@code settings}. */
    static List<SweepOutcome> sweep(JavaSparkContext jsc, byte[] modelBytes, TrainingConfig base,
                                    List<Sweep.Setting> settings, ShardedCache.Manifest train,
                                    ShardedCache.Manifest test) {
        Broadcast<byte[]> model = jsc.broadcast(modelBytes);
        try {
            return jsc.parallelize(settings, Math.max(1, settings.size()))
                    .map(new SweepTask(model, base.withThreads(1), train, test)).collect();
        } finally {
            model.destroy();
        }
    }

    /** One sweep task: trains one setting on one thread and tests it. */
    static final class SweepTask implements Function<Sweep.Setting, SweepOutcome> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final TrainingConfig base;
        private final ShardedCache.Manifest train;
        private final ShardedCache.Manifest test;

        SweepTask(Broadcast<byte[]> model, TrainingConfig base, ShardedCache.Manifest train,
                  ShardedCache.Manifest test) {
            this.model = model;
            this.base = base;
            this.train = train;
            this.test = test;
        }

        @Override
        public SweepOutcome call(Sweep.Setting setting) {
            Sweep.Result r = Sweep.run(network(model.value()), base, setting, ShardedCache.dataset(train),
                    ShardedCache.dataset(test));
            return new SweepOutcome(setting, r.trainAccuracy(), r.test(), r.seconds(),
                    ModelWriter.toProto(r.trained(), Map.of()).toByteArray());
        }
    }

    static NetworkSpec network(byte[] bytes) {
        try {
            return ModelFiles.toNetwork(ModelProto.parseFrom(bytes), "the broadcast model");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
