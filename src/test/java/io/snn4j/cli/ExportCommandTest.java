package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportCommandTest {
    @TempDir
    Path dir;

    static final List<String> VECTORS = List.of("input.csv", "expected-output.csv", "expected-spikes.csv");

    /**
     * Regenerates the shipped conformance vectors with the command the deployment guide documents and compares them
     * with the files in neuromorphic-export/conformance/ line by line (the fixed:8 sets are integer-mode simulations,
     * exact for a port that implements the schema 1.2 integer tick).
     */
    @ParameterizedTest
    @CsvSource({
            "bars, models/bars.textproto, float, --input, models/bars-horizontal.csv",
            "tiny-cnn, neuromorphic-export/models/tiny-cnn.textproto, float, --rate, 0.2",
            "bars-fixed8, models/bars.textproto, fixed:8, --input, models/bars-horizontal.csv",
            "tiny-cnn-fixed8, neuromorphic-export/models/tiny-cnn.textproto, fixed:8, --rate, 0.2"})
    void conformanceVectorsMatchTheShippedGoldens(String name, String model, String target, String opt, String value)
            throws IOException {
        Path out = dir.resolve(name);
        CliTest.Run r = CliTest.run("export", "--model", model, "--target", target, "--out",
                dir.resolve(name + ".pb").toString(), "--conformance", out.toString(), opt, value);
        assertEquals(0, r.code(), r.err());
        for (String f : VECTORS) {
            assertEquals(Files.readAllLines(Path.of("neuromorphic-export", "conformance", name, f)),
                    Files.readAllLines(out.resolve(f)), name + "/" + f);
        }
        if (name.equals("bars")) {
            assertTrue(r.out().contains("21 output spikes over 120 ticks, predicted class 0"), r.out());
        }
    }

    @Test
    void fixedExportReportsTheSpikeCountChangeAgainstFloat() {
        CliTest.Run r = CliTest.run("export", "--model", "models/bars.textproto", "--target", "fixed:8", "--out",
                dir.resolve("q.pb").toString(), "--conformance", dir.resolve("c").toString(), "--input",
                "models/bars-horizontal.csv");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("integer mode (exact, 0 saturations) vs float on the conformance input:"),
                r.out());
        assertTrue(r.out().contains("output counts float [16, 5, 0, 0], fixed [16, 4, 0, 0]"), r.out());
    }

    @Test
    void integerModeSimulatesAndEvaluatesAFixedPointExport() {
        Path q = dir.resolve("q.pb");
        assertEquals(0, CliTest.run("export", "--model", "models/bars.textproto", "--target", "fixed:8", "--out",
                q.toString()).code());
        CliTest.Run r = CliTest.run("simulate", "--integer", "--model", q.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("stepped (integer mode)"), r.out());
        assertTrue(r.out().contains("integer mode 0 accumulator saturations"), r.out());
        assertTrue(r.out().contains("output spike counts  [16, 4, 0, 0]"), r.out());
        CliTest.Run event = CliTest.run("simulate", "--integer", "--engine", "event", "--model", q.toString());
        assertEquals(0, event.code(), event.err());
        assertTrue(event.out().contains("event (integer mode)"), event.out());
        assertTrue(event.out().contains("integer mode 0 accumulator saturations"), event.out());
        assertTrue(event.out().contains("output spike counts  [16, 4, 0, 0]"), event.out());
        CliTest.Run flt = CliTest.run("simulate", "--integer", "--model", "models/bars.textproto");
        assertEquals(1, flt.code());
        assertTrue(flt.err().contains("population 'edges': no integer mode (fixed_point.decay_shift absent"),
                flt.err());
    }

    @Test
    void evalIntegerComparesWithTheFloatNetworkOnce() {
        Path q = dir.resolve("b.pb");
        assertEquals(0, CliTest.run("export", "--model", "models/builtin-mlp.textproto", "--target", "fixed:8",
                "--out", q.toString()).code());
        CliTest.Run r = CliTest.run("eval", "--integer", "--compare-float", "--model", q.toString(), "--also",
                q.toString(), "--data", "builtin:100", "--limit", "10", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.out().lines().filter(l -> l.startsWith("agreement ")).count(), r.out());
        List<String> floats = r.out().lines().filter(l -> l.startsWith("float accuracy")).toList();
        assertEquals(2, floats.size(), r.out());
        assertEquals(floats.get(0), floats.get(1));
        assertTrue(r.out().contains("integer mode (fixed:8:24)"), r.out());
        assertEquals(2, CliTest.run("eval", "--compare-float", "--model", q.toString()).code());
    }

    @Test
    void calibrationTriesEveryClipPerPopulationOnTrainingSamples() {
        CliTest.Run r = CliTest.run("export", "--model", "models/builtin-mlp.textproto", "--target", "fixed:8",
                "--out", dir.resolve("c.pb").toString(), "--calibrate", "builtin:100", "--calibration-samples", "20",
                "--clips", "1,0.5", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("calibration on 20 training samples of builtin:100"), r.out());
        long trials = r.out().lines().filter(l -> l.matches("\\s+\\S+\\s+(1\\.00|0\\.50)\\s+.*")).count();
        assertEquals(4, trials, r.out());
        assertTrue(r.out().contains("-> clip"), r.out());
    }

    @Test
    void hardwareExportPrintsTheResourceReportAndWritesTheRoutingTable() throws IOException {
        Path plan = dir.resolve("bars-loihi2.textproto");
        CliTest.Run r = CliTest.run("export", "--model", "models/bars.textproto", "--target", "hw:loihi2", "--out",
                plan.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cores used           2 (128 per chip) on 1 chip(s)"), r.out());
        assertTrue(Files.readString(plan).contains("routes {"));
    }

    @Test
    void aModelThatDoesNotFitIsARuntimeFailureNamingTheLimit() {
        CliTest.Run r = CliTest.run("export", "--model", "models/bars.textproto", "--target", "hw:xylo", "--out",
                dir.resolve("x.pb").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("max_input_channels: input population 'sensor' has 25 neurons, the limit is 16 "
                + "(exceeds by 9)"), r.err());
    }

    @Test
    void anUnknownTargetIsAUsageError() {
        CliTest.Run r = CliTest.run("export", "--model", "models/bars.textproto", "--target", "onnx", "--out",
                dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--target: target must be float, nir, hw:PROFILE or fixed:BITS"), r.err());
    }

    @Test
    void aCorruptModelIsARuntimeFailureNamingTheFile() throws IOException {
        Path f = dir.resolve("broken.pb");
        Files.write(f, new byte[] {0x0a, (byte) 0xff, 0x01});
        CliTest.Run r = CliTest.run("export", "--model", f.toString(), "--target", "nir", "--out",
                dir.resolve("x.nir").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(f + ": invalid model"), r.err());
        assertTrue(r.err().contains("truncated or corrupt"), r.err());
    }
}
