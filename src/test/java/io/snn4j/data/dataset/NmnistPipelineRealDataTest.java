package io.snn4j.data.dataset;

import static io.snn4j.data.dataset.DatasetFixtures.assertSameSpikes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.data.transform.SaccadeStabilization;
import io.snn4j.testing.SharedDatasets;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real N-MNIST recordings through stabilisation, reference binning and the cache. */
class NmnistPipelineRealDataTest {
    private static final int SAMPLES = 20;

    @TempDir
    Path dir;

    @Test
    void realRecordingsBinIntoReferenceChannelsAndTicksAndSurviveTheCache() throws IOException {
        Path data = SharedDatasets.require("nmnist-small");
        List<String> lines = Files.readAllLines(data.resolve("train1K.txt"));
        int[] labels = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            String[] f = lines.get(i + 1).trim().split("\t");
            assertEquals(String.valueOf(i + 1), f[0]);
            labels[i] = Integer.parseInt(f[1]);
        }
        EventDataset ds = EventDataset.of(i -> read(data.resolve((i + 1) + ".bs2")), labels,
                SaccadeStabilization.nmnist(), EventBinning.nmnistReference(), 0);
        Path cache = dir.resolve("nmnist20.spk");
        SpikeCache.write(cache, ds, 2);
        try (CachedDataset cached = SpikeCache.open(cache)) {
            for (int i = 0; i < SAMPLES; i++) {
                InputSpikes in = cached.load(i);
                assertSameSpikes(ds.load(i), in);
                assertEquals(labels[i], cached.label(i));
                assertEquals(2312, in.channelCount());
                // ~300 ms recordings at 600 us per tick: spikes reach past tick 450, all below 540, none at tick 0
                assertTrue(in.lastTick() > 450 && in.lastTick() < 540, "last tick " + in.lastTick());
                assertTrue(in.tick(0) >= 1);
                assertTrue(in.size() > 500, "spikes " + in.size());
            }
            // label 5 for sample 1, as train1K.txt and MNIST say
            assertEquals(5, cached.label(0));
        }
    }

    private static EventStream read(Path file) {
        try {
            return io.snn4j.data.transform.SaccadeStabilizationRealDataTest.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
