package io.snn4j.train;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.network.NetworkSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep of training settings: every combination of regulariser strength, learning rate and batch size trains from
 * the same network and seed as an independent run (in turn here, or as tasks of a {@link Cluster}).
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * One point of the grid (minibatch mode).
     *
     * @param lambda       regulariser strength, &gt;= 0
     * @param learningRate base learning rate, &gt; 0
     * @param batch        minibatch size, &gt;= 1
     * @param optimizer    an optimiser as {@code train --optimizer} takes it ({@link OptimizerSpec#parse})
     */
    public record Setting(double lambda, double learningRate, int batch, String optimizer) implements Serializable {
        private static final long serialVersionUID = 2L;

        public Setting {
            if (!(lambda >= 0) || !Double.isFinite(lambda) || !(learningRate > 0) || !Double.isFinite(learningRate)
                    || batch < 1) {
                throw new IllegalArgumentException("sweep setting: lambda must be >= 0, lr > 0 (both finite) and "
                        + "batch >= 1, were " + lambda + ", " + learningRate + " and " + batch);
            }
            optimizer = OptimizerSpec.parse(optimizer).toString();
        }

        /** A setting with Adam. */
        public Setting(double lambda, double learningRate, int batch) {
            this(lambda, learningRate, batch, "adam");
        }

        /** {@code base} with this setting's mode, batch, learning rate and regulariser strength. */
        public TrainingConfig apply(TrainingConfig base) {
            return base.withMode(Mode.MINIBATCH, batch).withLearningRate(learningRate)
                    .withRegulariser(lambda, base.beta());
        }
    }

    /**
     * What one setting reached.
     *
     * @param setting       the setting
     * @param trainAccuracy training accuracy of the last epoch
     * @param test          the test-set evaluation after the last epoch
     * @param seconds       training and test time
     * @param trained       the trained network
     */
    public record Result(Setting setting, double trainAccuracy, Evaluation test, double seconds, NetworkSpec trained) {
    }

    /** Every combination with Adam, lambda outermost, then learning rate, then batch. */
    public static List<Setting> grid(List<Double> lambdas, List<Double> learningRates, List<Integer> batches) {
        return grid(lambdas, learningRates, batches, List.of("adam"));
    }

    /** Every combination, lambda outermost, then learning rate, then batch, then optimiser. */
    public static List<Setting> grid(List<Double> lambdas, List<Double> learningRates, List<Integer> batches,
                                     List<String> optimizers) {
        List<Setting> all = new ArrayList<>();
        for (double l : lambdas) {
            for (double lr : learningRates) {
                for (int b : batches) {
                    for (String opt : optimizers) {
                        all.add(new Setting(l, lr, b, opt));
                    }
                }
            }
        }
        return all;
    }

    /**
     * Trains {@code net} with {@code setting} applied to {@code base} for {@code base.epochs()} epochs on
     * {@code train} and evaluates it on {@code test}.
     */
    public static Result run(NetworkSpec net, TrainingConfig base, Setting setting, Dataset train, Dataset test) {
        long begin = System.nanoTime();
        TrainingConfig config = setting.apply(base);
        try (Hm2BpTrainer trainer = new Hm2BpTrainer(net, config, Backprop.FULL,
                OptimizerSpec.parse(setting.optimizer()))) {
            EpochStats last = null;
            for (int e = 0; e < config.epochs(); e++) {
                last = trainer.trainEpoch(train, ProgressListener.NONE);
            }
            Evaluation ev = trainer.evaluate(test);
            return new Result(setting, last.accuracy(), ev, (System.nanoTime() - begin) / 1e9,
                    trainer.networkSpec());
        }
    }

    /** The index of the result with the highest test accuracy (the first of equals); -1 for none. */
    public static int best(List<Result> results) {
        int best = -1;
        for (int i = 0; i < results.size(); i++) {
            if (best < 0 || results.get(i).test().accuracy() > results.get(best).test().accuracy()) {
                best = i;
            }
        }
        return best;
    }
}
