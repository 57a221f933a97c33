package io.snn4j.spark;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.BatchGradients;
import io.snn4j.train.Cluster;
import io.snn4j.train.EpochStats;
import io.snn4j.train.Evaluation;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.Sweep;
import io.snn4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * snn4j on Apache Spark: minibatch gradients, evaluation and sweeps as Spark jobs over a data set sharded into
 * spike-cache files on a Hadoop-compatible file system. Settings: {@code partitions} (tasks per job; default Spark's
 * default parallelism), {@code cache} (the folder URI for the shards; required) and, for tests,
 * {@code fail-once-at-step} (the first attempt of partition 0's task of that training step throws, so Spark retries
 * it). Driven from one thread; {@link #close} stops the Spark context it started.
 */
public final class SparkCluster implements Cluster {
    private static final System.Logger LOG = System.getLogger(SparkCluster.class.getName());
    private final JavaSparkContext jsc;
    private final int partitions;
    private final String cache;
    private final long failOnceAtStep;

    /** Registered with {@link java.util.ServiceLoader} as the {@code spark} cluster. */
    public static final class Provider implements Cluster.Provider {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public Cluster connect(String master, Map<String, String> settings) {
            return new SparkCluster(master, settings);
        }
    }

    SparkCluster(String master, Map<String, String> settings) {
        String cacheFolder = settings.get("cache");
        if (cacheFolder == null || cacheFolder.isBlank()) {
            throw new IllegalArgumentException("spark: the setting 'cache' (a folder URI for the data shards) is "
                    + "required");
        }
        SparkConf conf = new SparkConf().setAppName("snn4j");
        if (master != null && !master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("spark: no master given and none configured (spark-submit --master, "
                    + "or --spark MASTER such as local[2])");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        if (conf.get("spark.master").startsWith("local")) {
            // one JVM: stay on the loopback interface whatever the host name resolves to
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "localhost");
        }
        jsc = new JavaSparkContext(conf);
        int p = jsc.defaultParallelism();
        String given = settings.get("partitions");
        if (given != null && !given.isBlank()) {
            p = Integer.parseInt(given);
            if (p < 1) {
                jsc.stop();
                throw new IllegalArgumentException("spark: partitions must be >= 1, was " + given);
            }
        }
        partitions = p;
        cache = cacheFolder;
        failOnceAtStep = Long.parseLong(settings.getOrDefault("fail-once-at-step", "-1"));
    }

    @Override
    public String describe() {
        return "Spark " + jsc.version() + ", master " + jsc.master() + ", " + partitions + " partition"
                + (partitions == 1 ? "" : "s") + " per job, shards in " + cache;
    }

    int partitions() {
        return partitions;
    }

    JavaSparkContext context() {
        return jsc;
    }

    @Override
    public BatchGradients gradients(NetworkSpec net, TrainingConfig config, Dataset train, String key)
            throws IOException {
        ShardedCache.Manifest m = shards(train, key, "train");
        return new SparkGradients(jsc, partitions, modelBytes(net), config, m, failOnceAtStep);
    }

    @Override
    public EpochStats trainEpochAveraged(Hm2BpTrainer trainer, NetworkSpec net, Dataset train, String key,
                                         int localSteps, ProgressListener listener) throws IOException {
        if (localSteps < 1) {
            throw new IllegalArgumentException("spark: local steps must be >= 1, was " + localSteps);
        }
        if (trainer.config().mode() != io.snn4j.train.Mode.MINIBATCH) {
            throw new IllegalStateException("spark: local steps with averaging need minibatch mode");
        }
        ShardedCache.Manifest m = shards(train, key, "train");
        return SparkAveraging.trainEpoch(jsc, partitions, modelBytes(net), trainer.config(), m, trainer, train,
                localSteps, listener);
    }

    @Override
    public Evaluation evaluate(NetworkSpec net, Dataset test, String key) throws IOException {
        ShardedCache.Manifest m = shards(test, key, "test");
        int[] labels = new int[test.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = test.label(i);
        }
        return SparkJobs.evaluate(jsc, partitions, modelBytes(net), m, labels);
    }

    @Override
    public List<Sweep.Result> sweep(NetworkSpec net, TrainingConfig base, List<Sweep.Setting> settings,
                                    Dataset train, Dataset test, String key) throws IOException {
        ShardedCache.Manifest tm = shards(train, key, "train");
        ShardedCache.Manifest em = shards(test, key, "test");
        List<SparkJobs.SweepOutcome> outcomes = SparkJobs.sweep(jsc, modelBytes(net), base, settings, tm, em);
        List<Sweep.Result> results = new ArrayList<>(outcomes.size());
        for (SparkJobs.SweepOutcome o : outcomes) {
            NetworkSpec trained = ModelFiles.toNetwork(ModelProto.parseFrom(o.model()), "sweep " + o.setting());
            results.add(new Sweep.Result(o.setting(), o.trainAccuracy(), o.test(), o.seconds(), trained));
        }
        return results;
    }

    /** The shards of {@code data} for {@code key}, in a folder of the cache named by a hash of the key. */
    private ShardedCache.Manifest shards(Dataset data, String key, String part) throws IOException {
        String full = key + "|" + part + "|" + data.size() + "|" + fingerprint(data);
        String folder = cache + (cache.endsWith("/") ? "" : "/") + part + "-" + hash(full);
        long begin = System.nanoTime();
        ShardedCache.Manifest m = ShardedCache.writeOrReuse(jsc.hadoopConfiguration(), folder, full, data,
                Math.max(1, Math.min(partitions, data.size())));
        LOG.log(System.Logger.Level.DEBUG, () -> part + " shards in " + folder + ": "
                + (System.nanoTime() - begin) / 1e9 + " s");
        return m;
    }

    /**
     * A digest of every label and of the first and last samples' spikes, so that shards made by another version of a
     * loader (same data spec, other spikes) are not reused.
     */
    static String fingerprint(Dataset data) {
        int n = data.size();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4);
        for (int i = 0; i < n; i++) {
            crc.update(b.clear().putInt(data.label(i)).array());
        }
        for (int i : n == 0 ? new int[0] : new int[] {0, n - 1}) {
            io.snn4j.event.InputSpikes s = data.load(i);
            int[] ticks = s.ticks();
            int[] channels = s.channels();
            for (int j = 0; j < ticks.length; j++) {
                crc.update(b.clear().putInt(ticks[j]).array());
                crc.update(b.clear().putInt(channels[j]).array());
            }
        }
        return Long.toHexString(crc.getValue());
    }

    static byte[] modelBytes(NetworkSpec net) {
        return ModelWriter.toProto(net, Map.of()).toByteArray();
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        jsc.stop();
    }
}
