package io.snn4j.engine;

import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.CompiledNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One simulated second of the CUBA network (models/cuba.textproto, 4000 neurons, about 1.75 million synaptic events
 * a second) per operation, on each engine. Synaptic events/s = 1.75e6 / (seconds per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class CubaBenchmark {
    @Param({"stepped", "event"})
    String engine;

    private Engine sim;

    @Setup
    public void setup() throws IOException {
        CompiledNetwork net = CompiledNetwork.compile(ModelFiles.load(Path.of("models", "cuba.textproto")));
        sim = engine.equals("stepped") ? new SteppedEngine(net) : new EventEngine(net);
    }

    @Benchmark
    public long oneSimulatedSecond() {
        return sim.run(InputSpikes.empty(1), 10_000, false).totalSpikes();
    }
}
