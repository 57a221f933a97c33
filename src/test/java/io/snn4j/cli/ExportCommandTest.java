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
     * with the files in neuromorphic-export/conformance/ line by line.
     */
    @ParameterizedTest
    @CsvSource({
            "bars, models/bars.textproto, --input, models/bars-horizontal.csv",
            "tiny-cnn, neuromorphic-export/models/tiny-cnn.textproto, --rate, 0.2"})
    void conformanceVectorsMatchTheShippedGoldens(String name, String model, String opt, String value)
            throws IOException {
        Path out = dir.resolve(name);
        CliTest.Run r = CliTest.run("export", "--model", model, "--target", "float", "--out",
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
        assertTrue(r.out().contains("de-quantised vs float on the conformance input:"), r.out());
        assertTrue(r.out().contains("output counts float [16, 5, 0, 0], fixed [16, 4, 0, 0]"), r.out());
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
