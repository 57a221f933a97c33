package io.snn4j.data.emulate;

import java.util.SplittableRandom;
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

/** Emulated N-MNIST recordings per second (one built-in digit per recording, default N-MNIST-like config). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DvsEmulatorBenchmark {
    @Param({"200", "500"})
    int stepUs;

    private DvsEmulator emulator;
    private float[][] images;
    private int next;

    @Setup
    public void setUp() {
        emulator = new DvsEmulator(DvsEmulatorConfig.builder().stepUs(stepUs).build());
        BuiltinDigits digits = new BuiltinDigits(1);
        images = new float[100][];
        for (int i = 0; i < images.length; i++) {
            images[i] = digits.image(i);
        }
    }

    @Benchmark
    public int emulateOneRecording() {
        int i = next++ % images.length;
        return emulator.emulate(images[i], BuiltinDigits.SIZE, BuiltinDigits.SIZE, new SplittableRandom(i)).size();
    }
}
