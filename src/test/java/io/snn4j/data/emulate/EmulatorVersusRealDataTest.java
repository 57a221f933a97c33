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
}
