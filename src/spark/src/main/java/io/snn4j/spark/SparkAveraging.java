package io.snn4j.spark;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.train.EpochStats;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.TrainerState;
import io.snn4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * Local steps with periodic averaging (the parameter averaging of Deeplearning4j's Spark training; "local SGD"): per
 * round every task starts from the broadcast state (weights and Adam moments), takes {@code localSteps} minibatch
 * steps of its own on its share of the epoch's permutation, and returns its state; the driver averages the states
 * (weighted by samples, in partition order) into the next round's. One Spark job per round instead of per step, at
 * the price of an algorithm that is not minibatch HM2-BP: results depend on the partition count and differ from
 * single-machine training; boosting is off (per-sample weights would need a global view every step). Each round's
 * tasks depend only on the broadcast state, so a retried task gives the same result.
 */
final class SparkAveraging {
    private SparkAveraging() {
    }

    /** A trainer state as plain serializable arrays, plus what the task saw. */
    record Snapshot(int epoch, long seed, float[][] weights, float[][] adamM, float[][] adamV, long[] adamSteps,
                    int samples, double costSum, int correct, int silent, double[] spikesPerNeuronSum)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Snapshot of(TrainerState s) {
            return new Snapshot(s.epoch(), s.seed(), s.weights(), s.adamM(), s.adamV(), s.adamSteps(), 0, 0, 0, 0,
                    new double[0]);
        }

        TrainerState state(double[] boost) {
            return new TrainerState(epoch, seed, weights, adamM, adamV, adamSteps, boost);
        }
    }

    /** The per-task configuration: one thread, no shuffle (the driver deals the permutation), no boosting. */
    static TrainingConfig local(TrainingConfig c) {
        return new TrainingConfig(c.epochs(), c.mode(), c.batchSize(), 1, c.seed(), c.learningRate(), c.desired(),
                c.undesired(), c.margin(), c.lambda(), c.beta(), c.weightLimit(), false, c.effectRatio(),
                c.initRange(), false);
    }

    /**
     * One epoch of {@code trainer} (minibatch mode) by rounds of {@code localSteps} steps per task; the trainer ends
     * with the averaged state and its epoch count advanced.
     */
    static EpochStats trainEpoch(JavaSparkContext jsc, int partitions, byte[] modelBytes, TrainingConfig config,
                                 ShardedCache.Manifest data, Hm2BpTrainer trainer, Dataset train, int localSteps,
                                 ProgressListener listener) {
        long begin = System.nanoTime();
        TrainerState start = trainer.state();
        int epoch = start.epoch();
        int n = train.size();
        int[] order = config.shuffle() ? Datasets.shuffledOrder(n, config.seed(), epoch) : identity(n);
        int perTask = localSteps * config.batchSize();
        Broadcast<byte[]> model = jsc.broadcast(modelBytes);
        Snapshot current = Snapshot.of(start);
        int samples = 0;
        double costSum = 0;
        int correct = 0;
        int silent = 0;
        double[] spikes = null;
        try {
            for (int base = 0; base < n; base += partitions * perTask) {
                List<int[]> shares = new ArrayList<>(partitions);
                for (int p = 0; p < partitions; p++) {
                    int a = Math.min(n, base + p * perTask);
                    int b = Math.min(n, a + perTask);
                    if (a < b) {
                        shares.add(java.util.Arrays.copyOfRange(order, a, b));
                    }
                }
                Broadcast<Snapshot> state = jsc.broadcast(current);
                List<Snapshot> ends;
                try {
                    ends = jsc.parallelize(shares, shares.size())
                            .map(new RoundTask(model, state, local(config), data)).collect();
                } finally {
                    state.destroy();
                }
                current = average(current, ends);
                for (Snapshot e : ends) {
                    samples += e.samples();
                    costSum += e.costSum();
                    correct += e.correct();
                    silent += e.silent();
                    if (spikes == null) {
                        spikes = new double[e.spikesPerNeuronSum().length];
                    }
                    for (int p = 0; p < spikes.length; p++) {
                        spikes[p] += e.spikesPerNeuronSum()[p];
                    }
                }
                listener.progress(epoch, samples, n, costSum / samples, (double) correct / samples);
            }
        } finally {
            model.destroy();
        }
        double lr = trainer.learningRate(epoch);
        trainer.restore(new Snapshot(epoch + 1, current.seed(), current.weights(), current.adamM(), current.adamV(),
                current.adamSteps(), 0, 0, 0, 0, new double[0]).state(start.boostWeights()));
        double[] rates = spikes == null ? new double[0] : spikes;
        for (int p = 0; p < rates.length; p++) {
            rates[p] /= Math.max(1, samples);
        }
        return new EpochStats(epoch, samples, samples == 0 ? 0 : costSum / samples,
                samples == 0 ? 0 : (double) correct / samples, silent, (System.nanoTime() - begin) / 1e9, lr, rates);
    }

    /** Sample-weighted mean of the tasks' weights and moments, added in partition order; Adam steps: the largest. */
    static Snapshot average(Snapshot previous, List<Snapshot> ends) {
        int layers = previous.weights().length;
        float[][] w = new float[layers][];
        float[][] m = new float[layers][];
        float[][] v = new float[layers][];
        long[] steps = new long[layers];
        int total = 0;
        for (Snapshot e : ends) {
            total += e.samples();
        }
        for (int k = 0; k < layers; k++) {
            int len = previous.weights()[k].length;
            double[] sw = new double[len];
            double[] sm = new double[len];
            double[] sv = new double[len];
            for (Snapshot e : ends) {
                double f = (double) e.samples() / total;
                for (int i = 0; i < len; i++) {
                    sw[i] += f * e.weights()[k][i];
                    sm[i] += f * e.adamM()[k][i];
                    sv[i] += f * e.adamV()[k][i];
                }
                steps[k] = Math.max(steps[k], e.adamSteps()[k]);
            }
            w[k] = new float[len];
            m[k] = new float[len];
            v[k] = new float[len];
            for (int i = 0; i < len; i++) {
                w[k][i] = (float) sw[i];
                m[k][i] = (float) sm[i];
                v[k][i] = (float) sv[i];
            }
        }
        return new Snapshot(previous.epoch(), previous.seed(), w, m, v, steps, 0, 0, 0, 0, new double[0]);
    }

    /** One task of a round: restore the broadcast state, train on the share, return the state. */
    static final class RoundTask implements Function<int[], Snapshot> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> model;
        private final Broadcast<Snapshot> state;
        private final TrainingConfig config;
        private final ShardedCache.Manifest data;

        RoundTask(Broadcast<byte[]> model, Broadcast<Snapshot> state, TrainingConfig config,
                  ShardedCache.Manifest data) {
            this.model = model;
            this.state = state;
            this.config = config;
            this.data = data;
        }

        @Override
        public Snapshot call(int[] share) {
            Dataset view = Datasets.subset(ShardedCache.dataset(data), share);
            try (Hm2BpTrainer t = new Hm2BpTrainer(SparkJobs.network(model.value()), config)) {
                t.restore(state.value().state(new double[0]));
                EpochStats s = t.trainEpoch(view, ProgressListener.NONE);
                TrainerState end = t.state();
                double[] rates = s.meanSpikesPerNeuron();
                for (int p = 0; p < rates.length; p++) {
                    rates[p] *= s.samples();
                }
                return new Snapshot(end.epoch(), end.seed(), end.weights(), end.adamM(), end.adamV(),
                        end.adamSteps(), s.samples(), s.meanCost() * s.samples(),
                        (int) Math.round(s.accuracy() * s.samples()), s.noOutputSpikes(), rates);
            }
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
