package io.snn4j.data;

import io.snn4j.data.dataset.CachedDataset;
import io.snn4j.data.dataset.EventDataset;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.data.encode.EventBinning;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.data.transform.SaccadeStabilization;
import io.snn4j.data.transform.TestEvents;
import io.snn4j.data.transform.Transform;
import io.snn4j.data.transform.Transforms;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Samples per second of the data edge, one operation = one sample: (a) binning a synthetic N-MNIST-sized recording
 * (4000 time-ordered events, 34 x 34 x 2, 300 ms) from raw events, alone and after saccade stabilisation; (b) loading
 * the same samples from a {@link SpikeCache} file; (c) rate-coding a 28 x 28 image for 400 ticks. A pool of 256
 * different samples is cycled so no single sample stays hot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DataPipelineBenchmark {
    private static final int POOL = 256;

    private EventStream[] streams;
    private EventBinning binning;
    private Transform stabilize;
    private Path cacheFile;
    private CachedDataset cached;
    private byte[] image;
    private RateEncoder rate;
    private final SplittableRandom rng = new SplittableRandom(0);
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        streams = new EventStream[POOL];
        for (int i = 0; i < POOL; i++) {
            streams[i] = TestEvents.random(34, 34, 4000, 300_000, 1000 + i);
        }
        binning = EventBinning.nmnistReference();
        stabilize = SaccadeStabilization.nmnist();
        int[] labels = new int[POOL];
        cacheFile = Files.createTempFile("snn4j-bench", ".spk");
        SpikeCache.write(cacheFile, EventDataset.of(i -> streams[i], labels, Transforms.identity(), binning, 1), 2);
        cached = SpikeCache.open(cacheFile);
        image = new byte[784];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < image.length; i++) {
            image[i] = (byte) (rng.nextInt(5) == 0 ? rng.nextInt(256) : 0);
        }
        rate = RateEncoder.reference(400);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        cached.close();
        Files.deleteIfExists(cacheFile);
    }

    private int nextIndex() {
        next = (next + 1) & (POOL - 1);
        return next;
    }

    @Benchmark
    public InputSpikes binRawEvents() {
        return binning.bin(streams[nextIndex()]);
    }

    @Benchmark
    public InputSpikes stabilizeAndBin() {
        return binning.bin(stabilize.apply(streams[nextIndex()], rng));
    }

    @Benchmark
    public InputSpikes loadFromCache() {
        return cached.load(nextIndex());
    }

    @Benchmark
    public InputSpikes rateCodeImage() {
        return rate.encode(image, 7, nextIndex());
    }
}
