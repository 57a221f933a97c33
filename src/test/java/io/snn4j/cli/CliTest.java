package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void simulateRunsTheBuiltInModelAndPredictsHorizontal() {
        for (String engine : List.of("stepped", "event")) {
            Run r = run("simulate", "--engine", engine);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("predicted class      0 (horizontal)"), r.out());
            assertTrue(r.out().contains("engine       " + engine), r.out());
            assertTrue(r.out().contains("120 ticks of 1000 us (120 ms simulated)"), r.out());
        }
    }

    @Test
    void spikesOutWritesEverySpikeAsCsv() throws IOException {
        Path csv = dir.resolve("spikes.csv");
        Run r = run("simulate", "--spikes-out", csv.toString(), "--ticks", "60");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("tick,population,neuron", lines.get(0));
        long sensor = lines.stream().filter(l -> l.contains(",sensor,")).count();
        // the input file has this many spikes before tick 60
        long expected = Files.readAllLines(Path.of("models", "bars-horizontal.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("tick"))
                .filter(l -> Integer.parseInt(l.split(",")[0]) < 60).count();
        assertEquals(expected, sensor);
        assertTrue(r.out().contains("spikes written to"));
    }

    @Test
    void badInputFileIsARuntimeFailureNamingFileAndLine() throws IOException {
        Path csv = dir.resolve("in.csv");
        Files.writeString(csv, "tick,neuron\n3,4\n5,99\n");
        Run r = run("simulate", "--input", csv.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(csv + ":3: neuron 99 is outside the input population of 25 neurons"), r.err());
    }

    @Test
    void simulateBinsAnNmnistRecordingOntoTheReferenceChannels() throws IOException {
        // three 5-byte N-MNIST records: (x 0, y 0, ON, t 1), (x 0, y 0, ON, t 500), (x 33, y 33, OFF, t 1201)
        byte[] bin = {0, 0, (byte) 0x80, 0, 1, 0, 0, (byte) 0x80, 1, (byte) 0xF4, 33, 33, 0, 4, (byte) 0xB1};
        Path events = dir.resolve("sample.bin");
        Files.write(events, bin);
        Path model = dir.resolve("m.textproto");
        Files.writeString(model, """
                us_per_tick: 600
                ticks: 10
                feed_forward {
                  input { channels: 1 height: 1 width: 2312 }
                  layers { name: "out" threshold: 1 dense { size: 2 init_range: 1 } }
                }
                """);
        Path spikes = dir.resolve("spikes.csv");
        Run r = run("simulate", "--model", model.toString(), "--input", events.toString(), "--spikes-out",
                spikes.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("N-MNIST, 3 events on a 34 x 34 sensor -> 2 spikes"), r.out());
        // t 1 and t 500 fall in tick ceil(t/600) + 1 = 2 on channel 0 (merged into one spike); t 1201 in tick 4 on
        // channel 33 * 34 + 33 + 1156 = 2311 (OFF block)
        List<String> lines = Files.readAllLines(spikes).stream().filter(l -> l.contains(",input,")).toList();
        assertEquals(List.of("2,input,0", "4,input,2311"), lines);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = run("simulate", "--engin", "event");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown options: '--engin'"), r.err());
        assertTrue(r.err().contains("Possible solutions: --engine"), r.err());
    }

    @Test
    void everyCommandDocumentsItsOptions() {
        Run r = run("simulate", "--help");
        assertEquals(0, r.code());
        for (String option : List.of("--model", "--input", "--engine", "--ticks", "--spikes-out")) {
            assertTrue(r.out().contains(option), option);
        }
        Run b = run("bench", "cuba", "--help");
        for (String option : List.of("--neurons", "--seconds", "--engine")) {
            assertTrue(b.out().contains(option), option);
        }
    }

    @Test
    void benchSparseIntegerRunsBothEnginesInIntegerModeToTheSameSpikes() {
        Run r = run("bench", "sparse", "--integer", "--us-per-tick", "1000", "--repeat", "1");
        assertEquals(0, r.code(), r.err());
        for (String field : List.of("in integer mode", "spike trains         identical", "saturations          ",
                "stepped (integer mode)", "event (integer mode)", "event engine speed-up", "load average")) {
            assertTrue(r.out().contains(field), field + " in " + r.out());
        }
    }

    @Test
    void benchCubaReportsRateAndEvents() {
        Run r = run("bench", "cuba", "--neurons", "400", "--seconds", "0.2", "--rounds", "4");
        assertEquals(0, r.code(), r.err());
        for (String field : List.of("mean rate", "synaptic events      ", "synaptic events/s", "peak heap")) {
            assertTrue(r.out().contains(field), r.out());
        }
        // four rounds, and a last line whose median is the faster middle round, inside the rounds' range
        String[] lines = r.out().strip().split("\\R");
        java.util.regex.Pattern round = java.util.regex.Pattern.compile("round \\d+ +(\\S+) s wall, (\\S+) synaptic "
                + "events/s \\((\\S+) s CPU, (\\S+) per CPU second\\)");
        List<String> rounds = java.util.Arrays.stream(lines).filter(l -> l.startsWith("round ")).toList();
        assertEquals(4, rounds.size(), r.out());
        double[] rates = new double[4];
        for (int k = 0; k < 4; k++) {
            java.util.regex.Matcher rm = round.matcher(rounds.get(k));
            assertTrue(rm.matches(), rounds.get(k));
            rates[k] = Double.parseDouble(rm.group(2));
            double wall = Double.parseDouble(rm.group(1));
            double cpu = Double.parseDouble(rm.group(3));
            // one thread's CPU time fits in the run's wall time, so its rate per CPU second is at least the wall rate
            assertTrue(cpu >= 0 && cpu <= wall * 1.05 + 0.002, "CPU time beyond the wall time: " + rounds.get(k));
            assertTrue(Double.parseDouble(rm.group(4)) >= 0.95 * rates[k], rounds.get(k));
        }
        java.util.Arrays.sort(rates);
        String last = lines[lines.length - 1];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("synaptic events/s \\(median\\): (\\S+) "
                + "\\(range (\\S+) \\.\\. (\\S+) over 4 rounds; load average .*\\)").matcher(last);
        assertTrue(m.matches(), last);
        double median = Double.parseDouble(m.group(1));
        assertEquals(rates[2], median, 1e-3 * median, "the median of four is the faster middle round: " + last);
        assertEquals(rates[0], Double.parseDouble(m.group(2)), 1e-3 * rates[0], last);
        assertEquals(rates[3], Double.parseDouble(m.group(3)), 1e-3 * rates[3], last);
    }
}
