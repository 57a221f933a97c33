package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spike-cache shards through Hadoop's FileSystem API on local files. */
class ShardedCacheTest {
    @TempDir
    Path tmp;

    @Test
    void shardsHoldTheSamplesAndAreReusedForTheSameKey() throws IOException {
        Dataset data = SparkFaultToleranceTest.randomImages(10, 3, 50);
        String folder = tmp.resolve("c").toUri().toString();
        ShardedCache.Manifest m = ShardedCache.writeOrReuse(new Configuration(), folder, "k", data, 3);
        assertArrayEquals(new int[] {0, 3, 6, 10}, m.bounds(), "shard p holds 10 * p / 3 .. 10 * (p + 1) / 3 - 1");
        Dataset back = ShardedCache.dataset(m);
        assertEquals(10, back.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(data.label(i), back.label(i));
            assertArrayEquals(data.load(i).ticks(), back.load(i).ticks(), "sample " + i);
            assertArrayEquals(data.load(i).channels(), back.load(i).channels(), "sample " + i);
        }
        Path shard0 = tmp.resolve("c").resolve("shard-00000.spk");
        long written = Files.getLastModifiedTime(shard0).toMillis();
        Files.setLastModifiedTime(shard0, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
        ShardedCache.writeOrReuse(new Configuration(), folder, "k", data, 3);
        assertEquals(written - 60_000, Files.getLastModifiedTime(shard0).toMillis(), "same key: not written again");
        ShardedCache.writeOrReuse(new Configuration(), folder, "other", data, 3);
        assertNotEquals(written - 60_000, Files.getLastModifiedTime(shard0).toMillis(), "new key: written again");
    }

    @Test
    void emptyShardsAreSkippedWhenLookingUpASample() {
        ShardedCache.Manifest m = new ShardedCache.Manifest("file:/x", "k", new int[] {0, 0, 2, 2, 5}, 1, 1);
        assertEquals(1, ShardedCache.shardOf(m, 0));
        assertEquals(1, ShardedCache.shardOf(m, 1));
        assertEquals(3, ShardedCache.shardOf(m, 2));
        assertEquals(3, ShardedCache.shardOf(m, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> ShardedCache.shardOf(m, 5));
    }

    @Test
    void aShardThatDoesNotMatchItsManifestIsAnErrorNamingIt() throws IOException {
        Dataset data = SparkFaultToleranceTest.randomImages(6, 3, 50);
        String folder = tmp.resolve("d").toUri().toString();
        ShardedCache.Manifest m = ShardedCache.writeOrReuse(new Configuration(), folder, "k", data, 2);
        ShardedCache.Manifest lying = new ShardedCache.Manifest(folder, "k", new int[] {0, 4, 6}, m.channelCount(),
                m.tickCount());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ShardedCache.shard(lying, 0));
        assertTrue(e.getMessage().contains("shard-00000.spk") && e.getMessage().contains("holds 3 samples")
                && e.getMessage().contains("manifest says 4"), e.getMessage());
    }
}
