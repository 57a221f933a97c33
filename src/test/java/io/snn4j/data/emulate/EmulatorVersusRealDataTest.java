package io.snn4j.data.emulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.testing.SharedDatasets;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The goal of the emulator: with {@link DvsEmulatorConfig#nmnistLike()}, emulated recordings of MNIST digits (and of
 * the built-in digits) match the real N-MNIST recordings of the same ids in each main statistic to within 25 %.
 * Runs where the shared data sets exist.
 */
@Tag("slow")
class EmulatorVersusRealDataTest {
    private static final int SAMPLES = 200;
    private static final double TOLERANCE = 0.25;

    @Test
    void emulatedMnistAndBuiltinDigitsMatchRealNmnistWithin25Percent() throws IOException {
        Path nmnist = SharedDatasets.require("nmnist-small");
        Path mnist = SharedDatasets.require("mnist");
        DvsEmulator emulator = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        EventStatistics.Summary real = StatisticsComparison.real(nmnist, SAMPLES);
        EventStatistics.Summary emulated = StatisticsComparison.emulatedMnist(emulator, mnist, SAMPLES);
        EventStatistics.Summary builtin = StatisticsComparison.emulatedBuiltin(emulator, SAMPLES);
        String table = StatisticsComparison.table(real, emulated, builtin);
        double[] dm = emulated.relativeDifference(real);
        double[] db = builtin.relativeDifference(real);
        for (int i = 0; i < dm.length; i++) {
            assertTrue(Math.abs(dm[i]) <= TOLERANCE, "emulated MNIST, " + EventStatistics.Summary.names().get(i)
                    + " off by more than 25 %:\n" + table);
            assertTrue(Math.abs(db[i]) <= TOLERANCE, "built-in digits, " + EventStatistics.Summary.names().get(i)
                    + " off by more than 25 %:\n" + table);
        }
    }

    /**
     * The default path was fitted on recordings 1..300 ({@link SaccadePathFit}); on the held-out recordings 501..800
     * the event centroids of emulated and real recordings of the same digit stay within 0.3 px RMS of each other over
     * the 5 ms windows (the triangle path of before gave 0.78 px) and the stabilised count images of the first
     * saccade correlate at 0.9 or more (0.72 with the triangle).
     */
    @Test
    void defaultPathFollowsTheRealRecordingsOnHeldOutDigits() throws IOException {
        Path datasets = SharedDatasets.require("nmnist-small").getParent();
        SharedDatasets.require("mnist");
        SaccadePathFit fit = new SaccadePathFit(datasets, 800);
        DvsEmulatorConfig config = DvsEmulatorConfig.nmnistLike();
        double[][] r = fit.residual(config, 501, 800);
        double[] rms = SaccadePathFit.summary(r, 0, SaccadePathFit.WINDOWS - 1, 20.0 * 300);
        assertTrue(rms[0] <= 0.3, "centroid residual RMS " + rms[0] + " px:\n" + SaccadePathFit.print(r));
        double[] c = fit.correlations(config, 501, 800);
        assertTrue(c[0] >= 0.9 && c[1] >= 0.85 && c[2] >= 0.9, "correlations per saccade "
                + java.util.Arrays.toString(c));
        double[][] before = fit.residual(config.toBuilder().triangle(-2.5, -1.5, 0, 3.5, 2.5, -1.5)
                .saccadeTiming(0, 104_000, 90_000).build(), 501, 800);
        double[] rmsBefore = SaccadePathFit.summary(before, 0, SaccadePathFit.WINDOWS - 1, 20.0 * 300);
        assertTrue(rmsBefore[0] > 2 * rms[0], "the fitted path must beat the triangle: " + rmsBefore[0] + " vs "
                + rms[0]);
    }
}
