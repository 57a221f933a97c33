package io.snn4j.data;

import io.snn4j.data.nmnist.NmnistLayout;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.nmnist.NmnistSample;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads the 1000 real N-MNIST recordings of {@code nmnist-small} (4,133,231 events). One operation reads all 1000
 * files; events/s = ops/s x 4,133,231. {@code readFiles} includes the file system (page-cached after warm-up),
 * {@code decodeOnly} decodes bytes already in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NmnistReaderBenchmark {
    private Path[] files;
    private byte[][] contents;
    private final NmnistReader reader = new NmnistReader();

    @Setup
    public void setup() throws IOException {
        Path dir = SharedDatasets.root().resolve("nmnist-small");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("data set nmnist-small not found at " + dir
                    + " (set -Dsnn4j.datasets=DIR)");
        }
        List<NmnistSample> samples = NmnistLayout.fromListFile(dir.resolve("train1K.txt"));
        files = new Path[samples.size()];
        contents = new byte[samples.size()][];
        for (int i = 0; i < files.length; i++) {
            files[i] = samples.get(i).file();
            contents[i] = Files.readAllBytes(files[i]);
        }
    }

    @Benchmark
    public long readFiles() throws IOException {
        long events = 0;
        for (Path f : files) {
            events += reader.read(f).events().size();
        }
        return events;
    }

    @Benchmark
    public long decodeOnly() throws IOException {
        long events = 0;
        for (byte[] c : contents) {
            events += reader.decode(c, 0, c.length, "memory").events().size();
        }
        return events;
    }
}
