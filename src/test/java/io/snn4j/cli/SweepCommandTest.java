package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void sweepWritesOneRowPerSettingAndKeepsTheBestModel() throws IOException {
        Path out = dir.resolve("sweep");
        CliTest.Run r = CliTest.run("sweep", "--data", "builtin:48", "--test-limit", "40", "--lambda", "0,10", "--lr",
                "0.004", "--batch", "8,16", "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(SweepCommand.HEADER, rows.get(0));
        assertEquals(5, rows.size(), "a row per setting");
        assertTrue(rows.get(1).startsWith("0.0,0.004,8,") && rows.get(2).startsWith("0.0,0.004,16,")
                && rows.get(3).startsWith("10.0,0.004,8,") && rows.get(4).startsWith("10.0,0.004,16,"), rows::toString);
        int best = 1;
        for (int i = 2; i < rows.size(); i++) {
            if (Double.parseDouble(rows.get(i).split(",")[5]) > Double.parseDouble(rows.get(best).split(",")[5])) {
                best = i;
            }
        }
        String[] b = rows.get(best).split(",");
        var meta = ModelFiles.read(out.resolve("model.pb")).getMetadataMap();
        assertEquals(b[0], meta.get("lambda"));
        assertEquals(b[2], meta.get("batch"));
        assertEquals(b[5], meta.get("test_accuracy"));
        assertEquals("adam", b[3]);
        var settings = ModelFiles.trainingSettings(ModelFiles.read(out.resolve("model.pb")), "sweep model");
        assertEquals(Double.parseDouble(b[0]), settings.lambda(), "the best setting's, in the typed section");
        assertEquals(Integer.parseInt(b[2]), settings.batchSize());
        assertEquals(0.004, settings.learningRate());
        assertEquals(io.snn4j.model.TrainingSettings.Mode.MINIBATCH, settings.mode());
    }

    @Test
    void theOptimiserIsAnAxisOfTheGrid() throws IOException {
        Path out = dir.resolve("opt");
        CliTest.Run r = CliTest.run("sweep", "--data", "builtin:48", "--test-limit", "40", "--lambda", "0", "--lr",
                "0.004", "--batch", "8", "--optimizer", "adam;sgd:momentum=0.9", "--threads", "2", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(3, rows.size(), rows::toString);
        assertTrue(rows.get(1).startsWith("0.0,0.004,8,adam,"), rows.get(1));
        assertTrue(rows.get(2).startsWith("0.0,0.004,8,sgd:momentum=0.9,"), rows.get(2));
        assertTrue(!rows.get(1).split(",")[5].equals(rows.get(2).split(",")[5])
                || !rows.get(1).split(",")[4].equals(rows.get(2).split(",")[4]), "the optimisers should differ");
    }

    @Test
    void sparkOptionWithoutTheSparkModuleIsAClearRuntimeFailure() {
        CliTest.Run r = CliTest.run("train", "--data", "builtin:16", "--mode", "minibatch", "--spark", "local[2]",
                "--out", dir.resolve("x").toString(), "--no-progress");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("no spark cluster support on the class path"), r.err());
        CliTest.Run faithful = CliTest.run("train", "--data", "builtin:16", "--spark", "local[2]", "--out",
                dir.resolve("y").toString());
        assertEquals(2, faithful.code());
        assertTrue(faithful.err().contains("--spark trains in minibatch mode"), faithful.err());
    }
}
