package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Computes the comparison of real N-MNIST recordings, emulated MNIST digits (same ids) and emulated built-in digits.
 * Shared by {@code EventStatisticsRealDataTest} and by {@link #main}, which prints the table for the documentation.
 */
final class StatisticsComparison {
    private StatisticsComparison() {
    }

    /** Seed of emulated recording {@code id}. */
    static long recordingSeed(long id) {
        return 0xD5_2015L * 31 + id;
    }

    static EventStatistics.Summary real(Path nmnistDir, int count) throws IOException {
        EventStatistics.Accumulator acc = new EventStatistics.Accumulator();
        for (int id = 1; id <= count; id++) {
            acc.add(RealData.readNmnist(nmnistDir.resolve(id + ".bs2")));
        }
        return acc.summary();
    }

    /** N-MNIST id k is MNIST training image k - 1. */
    static EventStatistics.Summary emulatedMnist(DvsEmulator emulator, Path mnistDir, int count) throws IOException {
        byte[][] images = RealData.mnistTrainImages(mnistDir, count);
        EventStatistics.Accumulator acc = new EventStatistics.Accumulator();
        for (int id = 1; id <= count; id++) {
            acc.add(emulator.emulate(images[id - 1], 28, 28, new SplittableRandom(recordingSeed(id))));
        }
        return acc.summary();
    }

    static EventStatistics.Summary emulatedBuiltin(DvsEmulator emulator, int count) {
        BuiltinDigits digits = new BuiltinDigits(1);
        EventStatistics.Accumulator acc = new EventStatistics.Accumulator();
        for (int i = 0; i < count; i++) {
            EventStream s = emulator.emulate(digits.image(i), BuiltinDigits.SIZE, BuiltinDigits.SIZE,
                    new SplittableRandom(recordingSeed(i + 1)));
            acc.add(s);
        }
        return acc.summary();
    }

    static String table(EventStatistics.Summary real, EventStatistics.Summary mnist, EventStatistics.Summary builtin) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "| statistic (mean per sample) | real N-MNIST (n=%d) | emulated MNIST (n=%d)"
                + " | diff | built-in digits (n=%d) | diff |%n", real.sampleCount(), mnist.sampleCount(),
                builtin.sampleCount()));
        sb.append("|---|---|---|---|---|---|\n");
        double[] r = real.values();
        double[] m = mnist.values();
        double[] b = builtin.values();
        double[] dm = mnist.relativeDifference(real);
        double[] db = builtin.relativeDifference(real);
        for (int i = 0; i < r.length; i++) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %+.1f %% | %.3f | %+.1f %% |%n",
                    EventStatistics.Summary.names().get(i), r[i], m[i], 100 * dm[i], b[i], 100 * db[i]));
        }
        return sb.toString();
    }

    /**
     * Args: datasets root, sample count, then optional builder overrides {@code name=value} ({@code triangle=1} or a
     * saccade timing replaces the default tabulated path by the triangle).
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        DvsEmulatorConfig.Builder b = DvsEmulatorConfig.builder();
        DvsEmulatorConfig d = DvsEmulatorConfig.nmnistLike();
        int start = d.firstSaccadeStartUs();
        int period = d.saccadePeriodUs();
        int move = d.saccadeMoveUs();
        boolean timing = false;
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=");
            double v = Double.parseDouble(kv[1]);
            switch (kv[0]) {
                case "th" -> b.threshold(v);
                case "mis" -> b.thresholdMismatch(v);
                case "refr" -> b.refractoryUs((int) v);
                case "jit" -> b.jitterUs(v);
                case "noise" -> b.noiseRateHz(v);
                case "black" -> b.blackLevel(v);
                case "blur" -> b.blurSigmaPx(v);
                case "tau" -> b.photoreceptorTauUs(v);
                case "step" -> b.stepUs((int) v);
                case "start" -> {
                    start = (int) v;
                    timing = true;
                }
                case "period" -> {
                    period = (int) v;
                    timing = true;
                }
                case "move" -> {
                    move = (int) v;
                    timing = true;
                }
                case "triangle" -> timing = true;
                case "scale" -> b.imageScale(v);
                default -> throw new IllegalArgumentException(kv[0]);
            }
        }
        if (timing) {
            // the triangle path with this timing instead of the default tabulated path
            b.saccadeTiming(start, period, move);
        }
        DvsEmulator emulator = new DvsEmulator(b.build());
        EventStatistics.Summary real = real(root.resolve("nmnist-small"), count);
        long t0 = System.nanoTime();
        EventStatistics.Summary mnist = emulatedMnist(emulator, root.resolve("mnist"), count);
        long t1 = System.nanoTime();
        EventStatistics.Summary builtin = emulatedBuiltin(emulator, count);
        System.out.print(table(real, mnist, builtin));
        System.out.printf(Locale.ROOT, "emulated MNIST: %.1f samples/s%n", count / ((t1 - t0) * 1e-9));
    }
}
