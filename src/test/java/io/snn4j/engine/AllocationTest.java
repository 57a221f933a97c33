package io.snn4j.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.CompiledNetwork;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engines do not allocate per tick or per event: after warm-up, a run of 20,000 ticks of a 400-neuron CUBA network
 * (about 4,500 spikes, 360,000 synaptic events) allocates no more than a run of 2,000 ticks, beyond a small allowance;
 * only the result (a count per neuron) is allocated per run.
 */
class AllocationTest {
    static Stream<Function<CompiledNetwork, Engine>> engines() {
        return Stream.of(SteppedEngine::new, EventEngine::new);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void runsAllocateNothingPerTick(Function<CompiledNetwork, Engine> factory) throws IOException {
        var proto = ModelFiles.read(Path.of("models", "cuba.textproto"));
        var b = proto.getNetwork().toBuilder();
        b.getPopulationsBuilder(1).setSize(320);
        b.getPopulationsBuilder(2).setSize(80);
        for (int i = 0; i < b.getProjectionsCount(); i++) {
            b.getProjectionsBuilder(i).getRandomBuilder().setP(0.2);
        }
        CompiledNetwork net = CompiledNetwork.compile(ModelFiles.toNetwork(proto.toBuilder().setNetwork(b).build(),
                "cuba-400"));
        Engine engine = factory.apply(net);
        InputSpikes none = InputSpikes.empty(1);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        // warm-up until the JIT has compiled the loops (interpreted Vector API code allocates its vectors; on a loaded
        // machine compilation takes longer): at least 5 runs, then until a run allocates no more than its result
        for (int i = 0; i < 60; i++) {
            long b0 = mx.getThreadAllocatedBytes(tid);
            engine.run(none, 20_000, false);
            if (i >= 4 && mx.getThreadAllocatedBytes(tid) - b0 < 4 * net.neuronCount() + 4096) {
                break;
            }
        }
        long before = mx.getThreadAllocatedBytes(tid);
        SimulationResult shortRun = engine.run(none, 2_000, false);
        long middle = mx.getThreadAllocatedBytes(tid);
        SimulationResult longRun = engine.run(none, 20_000, false);
        long after = mx.getThreadAllocatedBytes(tid);
        long shortBytes = middle - before;
        long longBytes = after - middle;
        assertTrue(longRun.totalSpikes() > 5 * shortRun.totalSpikes() && longRun.totalSpikes() > 4_000,
                "the long run must do real work, had " + longRun.totalSpikes() + " spikes");
        assertTrue(longBytes - shortBytes < 4096, engine.name() + ": 20,000 ticks allocated " + longBytes
                + " bytes, 2,000 ticks "
                + shortBytes + " bytes");
        assertTrue(longBytes < 4 * net.neuronCount() + 4096, "a run allocated " + longBytes + " bytes");
    }
}
