package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRunTest {
    private static final int T = 200;
    private static final NetworkSpec NET = TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0);
    private static final Dataset DATA = TrainingFixtures.patterns(4, 40, 13, T, 99);

    /** Each sample run alone on one engine; the decision written out: most spikes, ties lowest, silent class 0. */
    @Test
    void keepsEachSamplesDecisionAndSpikesAsOneEngineGivesThem() {
        DatasetRun run = DatasetRun.of(NET, DATA, 3);
        SteppedEngine engine = new SteppedEngine(CompiledNetwork.compile(NET));
        int correct = 0;
        int silentSamples = 0;
        for (int i = 0; i < DATA.size(); i++) {
            SimulationResult r = engine.run(DATA.load(i), T, false);
            int[] counts = r.neuronCounts(2);
            int best = 0;
            for (int c = 1; c < counts.length; c++) {
                best = counts[c] > counts[best] ? c : best;
            }
            boolean silent = counts[best] == 0;
            assertEquals(best, run.decision(i), "sample " + i);
            assertEquals(silent, run.isSilent(i), "sample " + i);
            for (int p = 0; p < 3; p++) {
                assertEquals(r.populationSpikes(p), run.populationSpikes(i, p), "sample " + i + " population " + p);
            }
            correct += best == DATA.label(i) ? 1 : 0;
            silentSamples += silent ? 1 : 0;
        }
        assertTrue(correct > 0 && correct < DATA.size(), "a fixture that decides some samples right, some wrong: "
                + correct);
        assertEquals(correct, run.correct(DATA));
        Evaluation ev = run.evaluation(DATA);
        assertEquals(DATA.size(), ev.samples());
        assertEquals(correct, ev.correct());
        assertEquals(silentSamples, ev.noOutputSpikes());
        assertEquals(0, run.saturations());
    }

    @Test
    void resultsDoNotDependOnTheThreadCountAndAgreeWithThemselves() {
        DatasetRun one = DatasetRun.of(NET, DATA, 1);
        DatasetRun four = DatasetRun.of(NET, DATA, 4);
        assertEquals(DATA.size(), one.agreement(four));
        assertEquals(0, one.spikeDifference(four));
        assertArrayEquals(one.evaluation(DATA).confusion(), four.evaluation(DATA).confusion());
    }

    @Test
    void writesOneCsvRowPerSample(@TempDir Path dir) throws IOException {
        DatasetRun run = DatasetRun.of(NET, DATA, 2);
        Path csv = dir.resolve("p.csv");
        run.writePredictions(csv, DATA);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("index,file,label,predicted,out0,out1,out2,out3", lines.get(0));
        assertEquals(DATA.size() + 1, lines.size());
        String[] first = lines.get(1).split(",", -1);
        assertEquals("0", first[0]);
        assertEquals(String.valueOf(DATA.label(0)), first[2]);
        assertEquals(run.isSilent(0) ? "none" : String.valueOf(run.decision(0)), first[3]);
    }
}
