package io.snn4j.cli;

import io.snn4j.train.Cluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --spark} options of train, eval and sweep. The Spark support is an optional module found at run time
 * ({@link Cluster}); this class names no Spark type.
 */
final class ClusterOptions {
    @Option(names = "--spark", paramLabel = "MASTER", arity = "0..1", fallbackValue = "",
            description = "Run on Apache Spark (the optional snn4j-spark module, which the launcher builds and adds "
                    + "when this option is given): MASTER as Spark names it (local[2], spark://host:7077, yarn); "
                    + "without a value, the master spark-submit configured.")
    String master;

    @Option(names = "--spark-partitions", paramLabel = "P",
            description = "With --spark: tasks per Spark job (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--spark-cache", paramLabel = "URI",
            description = "With --spark: folder (any Hadoop file system URI every executor can read, e.g. "
                    + "hdfs://host/snn4j) for the data sets as spike-cache shards, one per partition; reused while the "
                    + "data spec, sizes, labels and the first and last samples match. Default: spark-cache in the "
                    + "output folder.")
    String cache;

    @Option(names = "--spark-local-steps", paramLabel = "H",
            description = "With --spark (train): local steps with periodic averaging instead of synchronous minibatch "
                    + "steps: every task takes H steps of its own from the same weights, then the weights and Adam "
                    + "moments are averaged; one Spark job per H steps, but the result depends on the partition count "
                    + "and is not the single-machine model (boosting is off).")
    Integer localSteps;

    boolean enabled() {
        return master != null;
    }

    /** Connects to the cluster; {@code out} holds the default shard folder. */
    Cluster connect(Path out) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (partitions != null) {
            settings.put("partitions", String.valueOf(partitions));
        }
        settings.put("cache", cache != null ? cache : out.resolve("spark-cache").toAbsolutePath().toUri().toString());
        return Cluster.connect("spark", master, settings);
    }
}
