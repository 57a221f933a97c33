package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.testing.SharedDatasets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataInfoCommandTest {
    @TempDir
    Path tmp;

    /** Runs the command with captured stdout; returns exit code and output. */
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString()};
    }

    @Test
    void printsFiguresOfNmnistFile() throws IOException {
        // two records: (5, 7, ON, 258 us) and (33, 0, OFF, 1,258 us)
        byte[] bytes = {0x05, 0x07, (byte) 0x80, 0x01, 0x02, 0x21, 0x00, 0x00, 0x04, (byte) 0xEA};
        Path f = Files.write(tmp.resolve("s.bin"), bytes);
        String[] r = run("data", "info", f.toString());
        assertEquals("0", r[0]);
        String out = r[1];
        assertContains(out, "format:        N-MNIST");
        assertContains(out, "events:        2");
        assertContains(out, "duration:      1,000 us (1.000 ms), first 258 us, last 1,258 us");
        assertContains(out, "sensor:        34 x 34");
        assertContains(out, "ON 1, OFF 1, ON fraction 0.5000");
        assertContains(out, "x range:       5..33");
        assertContains(out, "y range:       0..7");
        assertContains(out, "bad records:   0");
    }

    @Test
    void lenientOptionCountsBadRecords() throws IOException {
        byte[] bytes = {0x05, 0x07, (byte) 0x80, 0x01, 0x02, 0x05};
        Path f = Files.write(tmp.resolve("tail.bin"), bytes);
        String[] r = run("data", "info", "--lenient", f.toString());
        assertEquals("0", r[0]);
        assertContains(r[1], "bad records:   1 (skipped)");
    }

    @Test
    void printsLabelHistogramOfIdxFile() throws IOException {
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 5, 2, 0, 2, 1, 2};
        Path f = Files.write(tmp.resolve("labels-idx1-ubyte"), labels);
        String[] r = run("data", "info", f.toString());
        assertEquals("0", r[0]);
        assertContains(r[1], "labels:        5");
        assertContains(r[1], "histogram:     0: 1, 1: 1, 2: 3");
    }

    @Test
    void printsAedat4SampleFigures() {
        Path f = SharedDatasets.require("event-samples").resolve("dvxplorer_sample.aedat4");
        String[] r = run("data", "info", f.toString());
        assertEquals("0", r[0]);
        assertContains(r[1], "format:        AEDAT 4.0");
        assertContains(r[1], "events:        111,954");
        assertContains(r[1], "sensor:        320 x 240");
        assertContains(r[1], "other packets: 59 skipped");
    }

    @Test
    void malformedFileExitsWithOneAndNamesFileAndOffset() throws IOException {
        Path f = Files.write(tmp.resolve("bad.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7});
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        int usageCode;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute("data", "info", f.toString());
            usageCode = Main.execute("data", "info");
        } finally {
            System.setErr(saved);
        }
        assertEquals(1, code);
        assertContains(err.toString(StandardCharsets.UTF_8), "bad.bin: byte 5: file size 7 is not a multiple of 5");
        assertEquals(2, usageCode); // missing PATH
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "output lacks '" + part + "':\n" + text);
    }
}
