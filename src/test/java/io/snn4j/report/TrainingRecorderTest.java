package io.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import io.snn4j.train.ActivityStats;
import io.snn4j.train.Evaluation;
import io.snn4j.train.UpdateStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRecorderTest {
    @TempDir
    Path dir;

    /** input 3 - hidden 4 - output 2, 400 ticks, refractory 2. */
    private static NetworkSpec spec() {
        return new NetworkSpec("tiny", 1000, 400, 1,
                List.of(PopulationSpec.input("input", Shape.flat(3)),
                        PopulationSpec.lif("hidden", Shape.flat(4), LifParameters.hm2bp(10)),
                        PopulationSpec.lif("output", Shape.flat(2), LifParameters.hm2bp(5))),
                List.of(new ProjectionSpec.Dense("a", 0, 1, 0, 1, new float[12]),
                        new ProjectionSpec.Dense("b", 1, 2, 0, 1, new float[8])), 0, 2);
    }

    @Test
    void mostSpikesIsOnePerRefractoryPeriodPlusOneFromTickOne() {
        // ticks 1, 4, 7, ..., 397 below 400: 133 (refractory 2); ticks 1..9 below 10 with no refractory period: 9
        assertEquals(133, TrainingRecorder.maxSpikes(spec().population(1), 400));
        PopulationSpec noRefractory = PopulationSpec.lif("x", Shape.flat(1),
                new LifParameters(64, 8, 8, 1, false, 0, 0));
        assertEquals(9, TrainingRecorder.maxSpikes(noRefractory, 10));
    }

    /**
     * 10 samples in the interval: saturated from 0.9 * 133 * 10 = 1197 spikes. Hidden: 0 (dead), 1197 (saturated),
     * 1196 (neither), 5; output: 0, 1330.
     */
    @Test
    void countsDeadAndSaturatedNeuronsPerPopulation() throws IOException {
        TrainingRecorder r = new TrainingRecorder(dir, spec(), new String[] {"a", "b"}, 100);
        r.activity(new ActivityStats(0, 40, 10, new long[] {7, 8, 9, 0, 1197, 1196, 5, 0, 1330}));
        r.epochDone(0, new Evaluation(0, 0, 0, 0, new int[2][2]));
        List<String> lines = Files.readAllLines(dir.resolve("report/activity.csv"));
        assertEquals(TrainingRecorder.ACTIVITY_HEADER, lines.get(0));
        assertEquals("1,40,100,10,hidden,4,1,1,59.9500", lines.get(1));
        assertEquals("1,40,100,10,output,2,1,1,66.5000", lines.get(2));
    }

    @Test
    void measuresAboutFiftyUpdatesPerEpochAtMostOneInFortyAndAlwaysTheLast() {
        TrainingRecorder r = new TrainingRecorder(dir, spec(), new String[] {"a", "b"}, 1000);
        int observed = 0;
        for (int u = 0; u < 1000; u++) {
            observed += r.observes(0, u, 1000) ? 1 : 0;
        }
        assertEquals(26, observed, "0, 40, ..., 960 and the last");
        observed = 0;
        for (int u = 0; u < 60000; u++) {
            observed += r.observes(0, u, 60000) ? 1 : 0;
        }
        assertEquals(51, observed, "0, 1200, ..., 58800 and the last, 59999");
        assertTrue(r.observes(0, 999, 1000));
        assertFalse(r.observes(0, 980, 1000));
        assertTrue(r.observes(0, 960, 1000));
        assertTrue(r.observes(0, 0, 1));
        assertEquals(40, r.activityInterval());
    }

    @Test
    void writesUpdatesConfusionAndTheLastStepAndAResumedRunKeepsEarlierEpochs() throws IOException {
        TrainingRecorder r = new TrainingRecorder(dir, spec(), new String[] {"a", "b"}, 100);
        r.updated(new UpdateStats(0, 99, 100, 100, 0.001, new double[] {2, 3}, new double[] {0.5, 0.25},
                new double[] {4, 5}, new float[][] {new float[12], {1, 2, 3, 4, 5, 6, 7, 8}}));
        r.epochDone(0, new Evaluation(3, 2, 0, 1, new int[][] {{1, 1}, {0, 1}}));
        r.updated(new UpdateStats(1, 99, 100, 100, 0.0007, new double[] {1, 1}, new double[] {1, 1},
                new double[] {1, 1}, null));
        r.epochDone(1, new Evaluation(3, 3, 0, 1, new int[][] {{2, 0}, {0, 1}}));
        Path rep = dir.resolve("report");
        List<String> updates = Files.readAllLines(rep.resolve("updates.csv"));
        assertEquals(5, updates.size());
        assertEquals("1,99,100,100,100,0.00100000,a,2.00000,0.500000,4.00000", updates.get(1));
        assertEquals("1,99,100,100,100,0.00100000,b,3.00000,0.250000,5.00000", updates.get(2));
        List<String> confusion = Files.readAllLines(rep.resolve("confusion.csv"));
        assertEquals(List.of(TrainingRecorder.CONFUSION_HEADER, "1,0,0,1", "1,0,1,1", "1,1,0,0", "1,1,1,1",
                "2,0,0,2", "2,0,1,0", "2,1,0,0", "2,1,1,1"), confusion);
        StepFile.Step s = StepFile.read(rep.resolve("last-step.bin"));
        assertEquals(0, s.epoch(), "the last update that carried a step");
        assertEquals(8f, s.layers()[1][7]);

        TrainingRecorder resumed = new TrainingRecorder(dir, spec(), new String[] {"a", "b"}, 100);
        resumed.resume(1);
        resumed.epochDone(1, new Evaluation(3, 3, 0, 1, new int[][] {{2, 0}, {0, 1}}));
        assertEquals(3, Files.readAllLines(rep.resolve("updates.csv")).size(), "epoch 1's two rows kept");
        assertEquals(9, Files.readAllLines(rep.resolve("confusion.csv")).size());
    }
}
