package io.snn4j.network;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Delivery of one spike through compiled connectivity into a delay slot, as the stepped engine does it: CSR rows of
 * random sparse projections (the CUBA fan-out of 80, and 800) and a dense row. The score is nanoseconds per spike;
 * divide by the fan-out for nanoseconds per synaptic event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpikeDeliveryBenchmark {
    @Param({"sparse80", "sparse800", "dense800"})
    String kind;

    private Connectivity conn;
    private float[] acc;
    private int sources;
    private int next;

    @Setup
    public void setup() {
        int n = 4000;
        ProjectionSpec spec = switch (kind) {
            case "sparse80" -> new ProjectionSpec.Random("r", 0, 1, 0, 1, 0.02, 7, 0.4f, 0.1f, 1, true);
            case "sparse800" -> new ProjectionSpec.Random("r", 0, 1, 0, 1, 0.2, 7, 0.4f, 0.1f, 1, true);
            default -> {
                n = 800;
                float[] w = new float[n * n];
                java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) rng.nextDouble();
                }
                yield new ProjectionSpec.Dense("d", 0, 1, 0, 1, w);
            }
        };
        NetworkSpec net = new NetworkSpec("delivery", 100, 1, 1,
                java.util.List.of(PopulationSpec.input("in", Shape.flat(n)),
                        PopulationSpec.lif("out", Shape.flat(n), io.snn4j.neuron.LifParameters.hm2bp(1))),
                java.util.List.of(spec), 0, -1);
        conn = Connectivity.compile(net, spec);
        acc = new float[n];
        sources = n;
    }

    @Benchmark
    public void deliverOneSpike(Blackhole bh) {
        int s = next;
        next = s + 1 == sources ? 0 : s + 1;
        int cursor = conn.firstGroup(s);
        while (cursor >= 0) {
            cursor = conn.deliverGroup(s, cursor, acc, 0, null);
        }
        bh.consume(acc);
    }
}
