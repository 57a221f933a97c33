package io.snn4j.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Input spikes as CSV: a header line {@code tick,neuron}, then one spike a line (tick &gt;= 0, neuron an index into
 * the input population). Lines may come in any tick order; blank lines and lines starting with {@code #} are skipped.
 * Errors name the file, the line and the problem.
 */
public final class SpikeCsv {
    private SpikeCsv() {
    }

    public static InputSpikes read(Path file, int channelCount) throws IOException {
        int[] ticks = new int[1024];
        int[] neurons = new int[1024];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            int lineNo = 1;
            while (line != null && (line.isBlank() || line.startsWith("#"))) {
                line = r.readLine();
                lineNo++;
            }
            if (line == null || !line.strip().replace(" ", "").equalsIgnoreCase("tick,neuron")) {
                throw new IOException(file + ":" + lineNo + ": expected the header 'tick,neuron', found "
                        + (line == null ? "end of file" : "'" + abbreviate(line) + "'"));
            }
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int comma = line.indexOf(',');
                if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                    throw new IOException(file + ":" + lineNo + ": expected two fields 'tick,neuron', found '"
                            + abbreviate(line) + "'");
                }
                int tick = parse(line.substring(0, comma), file, lineNo, "tick");
                int neuron = parse(line.substring(comma + 1), file, lineNo, "neuron");
                if (neuron >= channelCount) {
                    throw new IOException(file + ":" + lineNo + ": neuron " + neuron + " is outside the input "
                            + "population of " + channelCount + " neurons");
                }
                if (n == ticks.length) {
                    ticks = Arrays.copyOf(ticks, n * 2);
                    neurons = Arrays.copyOf(neurons, n * 2);
                }
                ticks[n] = tick;
                neurons[n] = neuron;
                n++;
            }
        }
        sortByTick(ticks, neurons, n);
        return InputSpikes.of(channelCount, Arrays.copyOf(ticks, n), Arrays.copyOf(neurons, n));
    }

    private static int parse(String field, Path file, int lineNo, String name) throws IOException {
        String s = field.strip();
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new IOException(file + ":" + lineNo + ": " + name + " must be >= 0, was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException(file + ":" + lineNo + ": " + name + " must be a whole number, was '"
                    + abbreviate(s) + "'");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** Stable sort by tick of two parallel arrays (already sorted input costs one pass). */
    private static void sortByTick(int[] ticks, int[] neurons, int n) {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = ticks[i] >= ticks[i - 1];
        }
        if (sorted) {
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) ticks[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] t = Arrays.copyOf(ticks, n);
        int[] c = Arrays.copyOf(neurons, n);
        for (int i = 0; i < n; i++) {
            int from = (int) keys[i];
            ticks[i] = t[from];
            neurons[i] = c[from];
        }
    }
}
