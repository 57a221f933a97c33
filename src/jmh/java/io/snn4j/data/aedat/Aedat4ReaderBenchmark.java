package io.snn4j.data.aedat;

import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reads {@code event-samples/dvxplorer_sample.aedat4} (118 LZ4 packets, 111,954 polarity events) end to end:
 * events/s = ops/s x 111,954.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Aedat4ReaderBenchmark {
    private Path file;
    private final Aedat4Reader reader = new Aedat4Reader(false);

    @Setup
    public void setup() {
        file = SharedDatasets.root().resolve("event-samples").resolve("dvxplorer_sample.aedat4");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("sample not found at " + file + " (set -Dsnn4j.datasets=DIR)");
        }
    }

    @Benchmark
    public int read() throws IOException {
        return reader.read(file).events().size();
    }
}
