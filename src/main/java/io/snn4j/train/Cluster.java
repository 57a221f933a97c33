package io.snn4j.train;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A cluster that trains, evaluates and sweeps in parallel beyond this JVM (the optional {@code snn4j-spark} module
 * provides one for Apache Spark). Found at run time with {@link ServiceLoader}, so nothing in snn4j itself depends on a
 * cluster framework. Driven from one thread; close it to release the cluster.
 */
public interface Cluster extends AutoCloseable {
    /** Connects to a cluster of one kind; registered in {@code META-INF/services/io.snn4j.train.Cluster$Provider}. */
    interface Provider {
        /** The kind, e.g. {@code spark}. */
        String name();

        /**
         * @param master   where to run, in the framework's own notation ({@code local[2]}, {@code yarn},
         *                 {@code spark://host:7077}); empty: as the framework's launcher configured it
         * @param settings further settings, e.g. {@code partitions} and {@code cache} (a Hadoop-compatible folder)
         */
        Cluster connect(String master, Map<String, String> settings) throws IOException;
    }

    /**
     * The provider of {@code kind} on the class path.
     *
     * @throws IllegalStateException naming the kind when no provider is on the class path
     */
    static Cluster connect(String kind, String master, Map<String, String> settings) throws IOException {
        for (Provider p : ServiceLoader.load(Provider.class)) {
            if (p.name().equals(kind)) {
                return p.connect(master, settings);
            }
        }
        throw new IllegalStateException("no " + kind + " cluster support on the class path: run through the snn4j "
                + "launcher, which builds the snn4j-" + kind + " module and adds it, or put its jar on the class path");
    }

    /** One line saying what this is connected to (framework version, master, parallelism). */
    String describe();

    /**
     * Makes {@code train} available to the cluster (for example as a sharded spike cache it reads) and returns a
     * source of minibatch gradients over it for {@link Hm2BpTrainer#computeBatchesWith}.
     *
     * @param key names the training set (data spec, limit, seed): a cache made for the same key and sizes is reused
     */
    BatchGradients gradients(NetworkSpec net, TrainingConfig config, Dataset train, String key) throws IOException;

    /**
     * One epoch of {@code trainer} (minibatch mode) by local steps with periodic averaging: every task takes
     * {@code localSteps} minibatch steps of its own from the same state, then the states are averaged. One cluster job
     * per round instead of one per step, but not minibatch HM2-BP: the result depends on the partitioning and differs
     * from single-machine training. The trainer ends with the averaged state, its epoch count advanced.
     */
    EpochStats trainEpochAveraged(Hm2BpTrainer trainer, NetworkSpec net, Dataset train, String key, int localSteps,
                                  ProgressListener listener) throws IOException;

    /** Classifies every sample of {@code test} on the cluster, as {@link Hm2BpTrainer#evaluate} does here. */
    Evaluation evaluate(NetworkSpec net, Dataset test, String key) throws IOException;

    /** Trains every setting as an independent task of the cluster; results in the order of {@code settings}. */
    List<Sweep.Result> sweep(NetworkSpec net, TrainingConfig base, List<Sweep.Setting> settings, Dataset train,
                             Dataset test, String key) throws IOException;

    @Override
    void close();
}
