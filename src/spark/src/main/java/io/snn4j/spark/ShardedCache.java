package io.snn4j.spark;

import io.snn4j.data.dataset.CachedDataset;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A data set as a folder of spike-cache shards ({@link SpikeCache} files {@code shard-00000.spk} ...) on a
 * Hadoop-compatible file system ({@code file:}, {@code hdfs:}, {@code s3a:} ... as the Hadoop configuration allows),
 * shard p holding samples {@code bounds[p] .. bounds[p + 1] - 1}, plus {@code manifest.properties} (written last: a
 * folder without it is incomplete and written again). The driver writes it once per key; executors open the shards
 * they need, copying a shard of a non-local file system to their local disk on first use and keeping it open for the
 * JVM's life.
 */
final class ShardedCache {
    private static final String MANIFEST = "manifest.properties";
    /** Shards opened in this JVM, by URI. */
    private static final ConcurrentMap<String, CachedDataset> OPEN = new ConcurrentHashMap<>();

    private ShardedCache() {
    }

    /**
     * Where the shards are and what they hold. Immutable, serializable (tasks carry it).
     *
     * @param folder       the folder's URI
     * @param key          what the data is (data spec, limit, seed)
     * @param bounds       first sample of every shard, then the sample count (length shards + 1)
     * @param channelCount input channels
     * @param tickCount    ticks
     */
    record Manifest(String folder, String key, int[] bounds, int channelCount, int tickCount) implements Serializable {
        private static final long serialVersionUID = 1L;

        int size() {
            return bounds[bounds.length - 1];
        }

        int shards() {
            return bounds.length - 1;
        }

        /** Same key, shards, channels and ticks (records compare arrays by reference). */
        boolean matches(Manifest o) {
            return o != null && key.equals(o.key) && Arrays.equals(bounds, o.bounds)
                    && channelCount == o.channelCount && tickCount == o.tickCount;
        }

        String shardUri(int p) {
            return folder + (folder.endsWith("/") ? "" : "/") + String.format("shard-%05d.spk", p);
        }
    }

    /**
     * The shards of {@code data} in {@code folder}: reused when the folder's manifest names the same key, sizes and
     * shard count, written otherwise (one shard after another from the driver, each through a local temporary file).
     */
    static Manifest writeOrReuse(Configuration conf, String folder, String key, Dataset data, int shards)
            throws IOException {
        int n = data.size();
        int[] bounds = new int[shards + 1];
        for (int p = 0; p <= shards; p++) {
            bounds[p] = (int) ((long) n * p / shards);
        }
        Manifest m = new Manifest(folder, key, bounds, data.channelCount(), data.tickCount());
        URI uri = URI.create(folder);
        FileSystem fs = FileSystem.get(uri, conf);
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(uri);
        org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(dir, MANIFEST);
        if (fs.exists(manifest) && m.matches(read(fs, manifest, folder))) {
            return m;
        }
        fs.mkdirs(dir);
        fs.delete(manifest, false);
        Path local = Files.createTempFile("snn4j-shard", ".spk");
        try {
            for (int p = 0; p < shards; p++) {
                SpikeCache.write(local, Datasets.range(data, bounds[p], bounds[p + 1]),
                        Math.max(1, Runtime.getRuntime().availableProcessors()));
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(URI.create(m.shardUri(p)));
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), target);
                OPEN.remove(m.shardUri(p));
            }
        } finally {
            Files.deleteIfExists(local);
        }
        Properties props = new Properties();
        props.setProperty("key", key);
        props.setProperty("bounds", Arrays.toString(bounds));
        props.setProperty("channels", String.valueOf(m.channelCount()));
        props.setProperty("ticks", String.valueOf(m.tickCount()));
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(dir, MANIFEST + ".partial");
        try (OutputStream out = fs.create(partial, true)) {
            props.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "snn4j spike-cache shards");
        }
        if (!fs.rename(partial, manifest)) {
            throw new IOException(folder + ": could not rename " + partial + " to " + manifest);
        }
        return m;
    }

    private static Manifest read(FileSystem fs, org.apache.hadoop.fs.Path manifest, String folder) throws IOException {
        Properties props = new Properties();
        try (InputStream in = fs.open(manifest)) {
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        try {
            String b = props.getProperty("bounds", "[]");
            int[] bounds = Arrays.stream(b.substring(1, b.length() - 1).split(",\\s*")).filter(x -> !x.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            return new Manifest(folder, props.getProperty("key", ""), bounds,
                    Integer.parseInt(props.getProperty("channels", "-1")),
                    Integer.parseInt(props.getProperty("ticks", "-1")));
        } catch (RuntimeException e) {
            return null; // unreadable: written again
        }
    }

    /** Shard p, opened once per JVM (copied to local disk first unless it is a local file). */
    static CachedDataset shard(Manifest m, int p) {
        return OPEN.computeIfAbsent(m.shardUri(p), uri -> {
            try {
                URI u = URI.create(uri);
                Path local;
                if ("file".equals(u.getScheme())) {
                    local = Path.of(u);
                } else {
                    local = Files.createTempFile("snn4j-shard", ".spk");
                    local.toFile().deleteOnExit();
                    FileSystem fs = FileSystem.get(u, new Configuration());
                    fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(u),
                            new org.apache.hadoop.fs.Path(local.toUri()), true);
                }
                CachedDataset c = SpikeCache.open(local);
                int expected = m.bounds()[p + 1] - m.bounds()[p];
                if (c.size() != expected || c.channelCount() != m.channelCount() || c.tickCount() != m.tickCount()) {
                    throw new IOException(uri + ": shard holds " + c.size() + " samples of " + c.channelCount()
                            + " channels and " + c.tickCount() + " ticks, the manifest says " + expected + ", "
                            + m.channelCount() + " and " + m.tickCount());
                }
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException(uri + ": " + e.getMessage(), e);
            }
        });
    }

    /** The shards as one data set (executor side: opens shards on first use). */
    static Dataset dataset(Manifest m) {
        return new Dataset() {
            @Override
            public int size() {
                return m.size();
            }

            @Override
            public int label(int index) {
                int p = shardOf(m, index);
                return shard(m, p).label(index - m.bounds()[p]);
            }

            @Override
            public InputSpikes load(int index) {
                int p = shardOf(m, index);
                return shard(m, p).load(index - m.bounds()[p]);
            }

            @Override
            public int channelCount() {
                return m.channelCount();
            }

            @Override
            public int tickCount() {
                return m.tickCount();
            }
        };
    }

    /** The shard holding sample {@code index}. */
    static int shardOf(Manifest m, int index) {
        Dataset.checkIndex(index, m.size());
        int p = Arrays.binarySearch(m.bounds(), index);
        if (p >= 0) {
            while (p + 1 < m.bounds().length && m.bounds()[p + 1] == index) {
                p++; // skip empty shards
            }
            return p;
        }
        return -p - 2;
    }
}
