package io.snn4j.data.audio;

import io.snn4j.data.encode.BsaEncoder;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Speed of the speech front ends on one core, one operation = one pass over all 2,500 FSDD recordings
 * ({@code ../shared/datasets/fsdd}, 1,092 s of audio at 8 kHz; the set-up prints the exact total). Divide the total
 * audio seconds by the seconds per operation for "times real time". Stages ({@code @Param stage}):
 * {@code lyon} = {@link LyonEar} reference setting on recordings already resampled to 12.5 kHz; {@code resample+lyon}
 * = the same from the 8 kHz files ({@link FrontEnd#apply} resamples); {@code lyon+bsa} = Lyon then
 * {@link BsaEncoder#reference()}; {@code gammatone} = {@link GammatoneFilterbank} reference (78 channels, 12.5 kHz).
 *
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main FrontEndBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class FrontEndBenchmark {
    @Param({"lyon", "resample+lyon", "lyon+bsa", "gammatone"})
    public String stage;

    private Audio[] original;
    private Audio[] resampled;
    private LyonEar lyon;
    private GammatoneFilterbank gammatone;
    private BsaEncoder bsa;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = SharedDatasets.root().resolve("fsdd").resolve("recordings");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("FSDD not found at " + dir + " (set -Dsnn4j.datasets=DIR)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        original = new Audio[files.size()];
        resampled = new Audio[files.size()];
        Resampler resampler = new Resampler();
        double seconds = 0;
        for (int i = 0; i < original.length; i++) {
            original[i] = WavReader.read(files.get(i));
            resampled[i] = resampler.resample(original[i], 12_500);
            seconds += original[i].durationSeconds();
        }
        lyon = new LyonEar(LyonConfig.reference());
        gammatone = new GammatoneFilterbank(GammatoneConfig.reference());
        bsa = BsaEncoder.reference();
        System.out.printf("%n%d FSDD files, %.3f s of audio%n", original.length, seconds);
    }

    @Benchmark
    public void pass(Blackhole bh) {
        switch (stage) {
            case "lyon" -> {
                for (Audio a : resampled) {
                    bh.consume(lyon.apply(a));
                }
            }
            case "resample+lyon" -> {
                for (Audio a : original) {
                    bh.consume(lyon.apply(a));
                }
            }
            case "lyon+bsa" -> {
                for (Audio a : resampled) {
                    Cochleagram c = lyon.apply(a);
                    bh.consume(bsa.encode(c, bsa.ticksFor(c.frames()), 0, 0));
                }
            }
            case "gammatone" -> {
                for (Audio a : resampled) {
                    bh.consume(gammatone.apply(a));
                }
            }
            default -> throw new IllegalStateException("unknown stage " + stage);
        }
    }
}
