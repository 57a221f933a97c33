package io.snn4j.engine;

import io.snn4j.backend.KernelProvider;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one neuron update in the stepped engine: a bias-driven LIF population (two synapse types, no synapses, the
 * CUBA parameters), simulated for {@value #TICKS} ticks per invocation. The score is nanoseconds per neuron-tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NeuronUpdateBenchmark {
    static final int TICKS = 1000;

    @Param({"4000", "40000"})
    int neurons;

    @Param({"scalar", "vector"})
    String kernels;

    private Engine engine;
    private InputSpikes input;

    @Setup
    public void setup() {
        LifParameters lif = new LifParameters(200, 50, 100, 10, true, 50, 0.055);
        NetworkSpec spec = new NetworkSpec("update", 100, TICKS, 1,
                List.of(PopulationSpec.input("in", Shape.flat(1)),
                        PopulationSpec.lif("n", Shape.flat(neurons), lif).withInitialPotentials(0, 10)),
                List.<ProjectionSpec>of(), 0, -1);
        engine = new SteppedEngine(CompiledNetwork.compile(spec), kernels.equals("scalar") ? KernelProvider.scalar()
                : KernelProvider.vector().orElseThrow());
        input = InputSpikes.empty(1);
    }

    @Benchmark
    @OperationsPerInvocation(TICKS)
    public long steppedTick() {
        return engine.run(input, TICKS, false).totalSpikes();
    }
}
