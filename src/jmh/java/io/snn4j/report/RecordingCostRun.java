package io.snn4j.report;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.MnistTrainingRun;
import io.snn4j.train.Mode;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.TrainingConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measurement run (not a unit test): the cost of {@link TrainingRecorder} as {@code snn4j train} uses it. The same
 * epoch (same model, data, seed) is trained with and without the recorder in one JVM, in interleaved rounds (the order
 * alternates), after one unmeasured warm-up epoch of each. With the recorder the measured time includes writing the
 * probe samples and every file after the epoch. Reports the wall time and the CPU time of the training thread (the
 * figure to compare on a loaded machine), medians, spreads and the per-round ratios.
 * Arguments: modelFile mnistDir mode(faithful|minibatch) batch threads trainSamples rounds.
 *
 * <p>Measured on the 2-core development machine, JDK 17, shared with other jobs (load average 20-28),
 * {@code models/mnist-mlp.textproto ../shared/datasets/mnist faithful 1 1 3000 5}: training-thread CPU median 9.31 s
 * [8.60, 10.67] plain, 9.48 s [8.86, 10.34] recording, ratio of medians 1.019, per-round ratio median 0.999
 * [0.969, 1.103] (51 measured updates, one in 60); the wall times (23.6-87.3 s) follow the load and say nothing.
 * Measuring 101 updates (one in 30) the same run gave a per-round CPU ratio median of 1.041 [0.986, 1.047]; a
 * 500-sample epoch measuring 101 updates (one in 5), 1.080 [0.998, 1.191], hence at most one update in 40.
 */
public final class RecordingCostRun {
    private RecordingCostRun() {
    }

    public static void main(String[] args) throws Exception {
        NetworkSpec spec = ModelFiles.load(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        Mode mode = Mode.valueOf(args[2].toUpperCase(Locale.ROOT));
        int batch = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int n = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);
        Dataset train = Datasets.range(MnistTrainingRun.load(dir, "train", spec.ticks(), 1), 0, n);
        Dataset test = Datasets.range(MnistTrainingRun.load(dir, "t10k", spec.ticks(), 2), 0, 100);
        TrainingConfig cfg = TrainingConfig.reference(1).withMode(mode, mode == Mode.FAITHFUL ? 1 : batch)
                .withThreads(threads);
        Path out = Files.createTempDirectory("snn4j-recording-cost");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        epoch(spec, cfg, train, test, out, false, mx);
        epoch(spec, cfg, train, test, out, true, mx);
        double[][] wall = new double[2][rounds];
        double[][] cpu = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean record = (r % 2 == 0) == (k == 0);
                double[] t = epoch(spec, cfg, train, test, out, record, mx);
                wall[record ? 1 : 0][r] = t[0];
                cpu[record ? 1 : 0][r] = t[1];
                System.out.printf(Locale.ROOT, "round %d %-9s wall %.2f s, training-thread cpu %.2f s, load %.1f%n",
                        r + 1, record ? "recording" : "plain", t[0], t[1],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        report("wall", wall);
        report("cpu ", cpu);
    }

    /** One epoch from the same initial weights; returns {wall seconds, training-thread CPU seconds}. */
    private static double[] epoch(NetworkSpec spec, TrainingConfig cfg, Dataset train, Dataset test, Path out,
                                  boolean record, ThreadMXBean mx) throws Exception {
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec, cfg)) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            TrainingRecorder rec = null;
            if (record) {
                String[] names = new String[t.layerCount()];
                for (int k = 0; k < names.length; k++) {
                    names[k] = t.layerName(k);
                }
                rec = new TrainingRecorder(out, spec, names, train.size());
                rec.writeProbes(test);
                t.observe(rec);
            }
            t.trainEpoch(train, ProgressListener.NONE);
            if (rec != null) {
                rec.epochDone(0, t.evaluate(Datasets.range(test, 0, 0)));
            }
            return new double[] {(System.nanoTime() - w0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9};
        }
    }

    private static void report(String what, double[][] t) {
        double[] plain = t[0].clone();
        double[] rec = t[1].clone();
        double[] ratio = new double[plain.length];
        for (int r = 0; r < ratio.length; r++) {
            ratio[r] = t[1][r] / t[0][r];
        }
        Arrays.sort(plain);
        Arrays.sort(rec);
        Arrays.sort(ratio);
        System.out.printf(Locale.ROOT, "%s: plain median %.2f s [%.2f, %.2f], recording median %.2f s [%.2f, %.2f]; "
                        + "ratio of medians %.4f; per-round ratio median %.4f [%.4f, %.4f]%n", what,
                median(plain), plain[0], plain[plain.length - 1], median(rec), rec[0], rec[rec.length - 1],
                median(rec) / median(plain), median(ratio), ratio[0], ratio[ratio.length - 1]);
    }

    private static double median(double[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
