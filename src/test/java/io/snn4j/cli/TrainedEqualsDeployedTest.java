package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.runtime.Session;
import io.snn4j.runtime.SnnModel;
import io.snn4j.testing.SharedDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is trained is what is deployed: an {@code nmnist-mlp} trained by {@code snn4j train} on the real recordings of
 * {@code nmnist-small}, then every one of the 1000 recordings' raw events pushed through the embedding API
 * ({@link Session#pushEvent}, timestamp order) must get the class {@code eval --predictions} gives it on
 * {@code split=all}; {@code snn4j run} must end on the same class, and {@code simulate --integer} on a {@code fixed:8}
 * export on the class {@code eval --integer} gives.
 */
@Tag("slow")
class TrainedEqualsDeployedTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static List<String[]> predictions;

    @BeforeAll
    static void trainAndEvaluate() throws IOException {
        data = SharedDatasets.require("nmnist-small");
        CliTest.Run t = CliTest.run("train", "--model", "models/nmnist-mlp.textproto", "--data", "nmnist:" + data,
                "--epochs", "1", "--out", dir.resolve("run").toString(), "--no-progress");
        assertEquals(0, t.code(), t.err());
        model = dir.resolve("run/model.pb");
        CliTest.Run e = CliTest.run("eval", "--model", model.toString(), "--data", "nmnist:" + data + ":split=all",
                "--predictions", dir.resolve("p.csv").toString());
        assertEquals(0, e.code(), e.err());
        predictions = rows(dir.resolve("p.csv"));
    }

    static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("index,file,label,predicted,out0,"), lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        return rows;
    }

    @Test
    void theModelRecordsItsInputPipelineAndItsAccuracy() throws IOException {
        ModelProto p = ModelFiles.read(model);
        assertTrue(p.getInputPipeline().hasEvents(), "no event pipeline in the trained model");
        assertEquals(34, p.getInputPipeline().getEvents().getSensorWidth());
        assertTrue(p.getInputPipeline().getEvents().hasSaccadeCompensation());
        assertTrue(p.getProvenance().getAccuracy() > 0.5 && p.getProvenance().getAccuracy() <= 1,
                "provenance accuracy " + p.getProvenance().getAccuracy());
        SnnModel m = SnnModel.load(model);
        assertEquals(34, m.sensorWidth());
        assertEquals(540, m.ticks());
    }

    @Test
    void everyRecordingThroughTheEmbeddingApiGetsEvalsClass() throws IOException {
        assertEquals(1000, predictions.size());
        SnnModel m = SnnModel.load(model);
        Session s = m.newSession();
        NmnistReader reader = new NmnistReader();
        int same = 0;
        int correct = 0;
        List<String> differing = new ArrayList<>();
        for (String[] row : predictions) {
            EventStream ev = reader.read(Path.of(row[1])).events();
            s.reset();
            for (int i = 0; i < ev.size(); i++) {
                s.pushEvent(ev.timestampUs(i), ev.x(i), ev.y(i), ev.polarity(i));
            }
            s.finishWindow();
            String c = s.currentClass() == Session.NO_OUTPUT_SPIKES ? "none" : String.valueOf(s.currentClass());
            if (c.equals(row[3])) {
                same++;
            } else if (differing.size() < 5) {
                differing.add(row[1] + ": runtime " + c + ", eval " + row[3]);
            }
            correct += c.equals(row[2]) ? 1 : 0;
        }
        assertEquals(1000, same, "recordings where the runtime and eval agree; first differences " + differing);
        assertTrue(correct > 800, "the trained model should classify most recordings, had " + correct);
    }

    @Test
    void runEndsOnEvalsClassAndSimulateIntegerOnEvalIntegersClass() throws IOException {
        Path fixed = dir.resolve("fixed8.pb");
        CliTest.Run x = CliTest.run("export", "--model", model.toString(), "--target", "fixed:8", "--out",
                fixed.toString());
        assertEquals(0, x.code(), x.err());
        CliTest.Run e = CliTest.run("eval", "--model", fixed.toString(), "--integer", "--data",
                "nmnist:" + data + ":split=all", "--limit", "40", "--predictions", dir.resolve("p8.csv").toString());
        assertEquals(0, e.code(), e.err());
        List<String[]> integer = rows(dir.resolve("p8.csv"));
        for (int i = 0; i < 40; i += 3) {
            String[] row = predictions.get(i);
            CliTest.Run r = CliTest.run("run", "--model", model.toString(), "--input", row[1]);
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().strip().split("\n");
            assertEquals("final class: " + row[3], lines[lines.length - 1], row[1]);
            CliTest.Run sim = CliTest.run("simulate", "--model", fixed.toString(), "--integer", "--input", row[1]);
            assertEquals(0, sim.code(), sim.err());
            String want = integer.get(i)[3];
            assertTrue(sim.out().contains("predicted class      " + (want.equals("none") ? "none" : want)),
                    row[1] + " integer eval says " + want + ":\n" + sim.out());
        }
    }

    /**
     * Two recordings back to back in one stream (the second starting 50 ms after the first's last event, declared with
     * {@link Session#restartRecording} so its saccade compensation counts from its start, as in training): with a
     * sliding window of 100 ms the class turns to the second recording's class within 100 ms of its start. Pairs of
     * correctly classified recordings of different classes. (Without the declaration 15 of 20 pairs switch: the
     * second recording's saccades are then not compensated.)
     */
    @Test
    void aSlidingWindowSwitchesToTheSecondRecordingWithinTheWindow() throws IOException {
        SnnModel m = SnnModel.load(model);
        NmnistReader reader = new NmnistReader();
        List<String[]> right = new ArrayList<>();
        for (String[] row : predictions) {
            if (row[3].equals(row[2])) {
                right.add(row);
            }
        }
        long windowUs = 100_000;
        List<Long> switchMs = new ArrayList<>();
        int pairs = 0;
        int switched = 0;
        for (int k = 0; k + 1 < right.size() && pairs < 20; k += 7) {
            String[] a = right.get(k);
            String[] b = right.get(k + 1);
            if (a[2].equals(b[2])) {
                continue;
            }
            pairs++;
            EventStream ea = reader.read(Path.of(a[1])).events();
            EventStream eb = reader.read(Path.of(b[1])).events();
            Session s = m.newSession(io.snn4j.runtime.SessionOptions.defaults()
                    .withDecision(new io.snn4j.runtime.DecisionRule.Window(windowUs)));
            for (int i = 0; i < ea.size(); i++) {
                s.pushEvent(ea.timestampUs(i), ea.x(i), ea.y(i), ea.polarity(i));
            }
            long start = ea.timestampUs(ea.size() - 1) + 50_000;
            s.restartRecording(start);
            int want = Integer.parseInt(b[2]);
            long at = -1;
            for (int i = 0; i < eb.size() && at < 0; i++) {
                s.pushEvent(start + eb.timestampUs(i), eb.x(i), eb.y(i), eb.polarity(i));
                if (s.currentClass() == want) {
                    at = eb.timestampUs(i);
                }
            }
            if (at >= 0 && at <= windowUs) {
                switched++;
                switchMs.add(at / 1000);
            }
        }
        java.util.Collections.sort(switchMs);
        assertTrue(pairs >= 10, "pairs " + pairs);
        assertTrue(switched >= pairs * 9 / 10, switched + " of " + pairs + " pairs switched within 100 ms; times (ms) "
                + switchMs);
    }
}
