package io.snn4j.golden;

import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Golden spike rasters: for a model file and a fixed input, every spike of every population, tick by tick, as the
 * engines and the embedding runtime produced them before the runtime was rebuilt on the core engine (see
 * {@code src/test/resources/golden/spikes/README.md}). A file is gzip-compressed CSV: a header line
 * {@code # model=PATH ticks=N integer=true|false}, then {@code tick,neuron} lines (global neuron index: populations in
 * file order, the input population's spikes included), in the engines' record order.
 */
public record GoldenSpikes(String model, int ticks, boolean integer, int[] tick, int[] neuron) {
    static final Path DIR = Path.of("src/test/resources/golden/spikes");

    /**
     * The input of a golden run: Bernoulli spikes on every channel with probability {@code rate} per tick, drawn from
     * {@code new SplittableRandom(seed)} in (tick, channel) order.
     */
    public static InputSpikes input(int channels, int ticks, double rate, long seed) {
        return bernoulli(new SplittableRandom(seed), channels, ticks, rate);
    }

    /**
     * Bernoulli spikes on every channel with probability {@code rate} per tick, drawn from rng in (tick, channel)
     * order.
     */
    public static InputSpikes bernoulli(SplittableRandom rng, int channels, int ticks, double rate) {
        List<int[]> spikes = new ArrayList<>();
        for (int t = 0; t < ticks; t++) {
            for (int ch = 0; ch < channels; ch++) {
                if (rng.nextDouble() < rate) {
                    spikes.add(new int[] {t, ch});
                }
            }
        }
        int[] ts = new int[spikes.size()];
        int[] cs = new int[spikes.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = spikes.get(i)[0];
            cs[i] = spikes.get(i)[1];
        }
        return InputSpikes.of(channels, ts, cs);
    }

    public static GoldenSpikes of(String model, int ticks, boolean integer, SpikeRecord r) {
        int[] t = new int[r.size()];
        int[] n = new int[r.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.tick(i);
            n[i] = r.neuron(i);
        }
        return new GoldenSpikes(model, ticks, integer, t, n);
    }

    public int size() {
        return tick.length;
    }

    /** The spikes as a record, for {@link SpikeRecord#firstDifference}. */
    public SpikeRecord record() {
        SpikeRecord r = new SpikeRecord();
        for (int i = 0; i < tick.length; i++) {
            r.add(tick[i], neuron[i]);
        }
        return r;
    }

    public void write(Path file) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.US_ASCII))) {
            w.write("# model=" + model + " ticks=" + ticks + " integer=" + integer + "\n");
            for (int i = 0; i < tick.length; i++) {
                w.write(tick[i] + "," + neuron[i] + "\n");
            }
        }
    }

    public static GoldenSpikes read(Path file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("# model=")) {
                throw new IOException(file + ": no '# model=' header");
            }
            String[] parts = header.substring(2).split(" ");
            String model = parts[0].substring("model=".length());
            int ticks = Integer.parseInt(parts[1].substring("ticks=".length()));
            boolean integer = Boolean.parseBoolean(parts[2].substring("integer=".length()));
            List<int[]> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int comma = line.indexOf(',');
                rows.add(new int[] {Integer.parseInt(line.substring(0, comma)),
                        Integer.parseInt(line.substring(comma + 1))});
            }
            int[] t = new int[rows.size()];
            int[] n = new int[rows.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rows.get(i)[0];
                n[i] = rows.get(i)[1];
            }
            return new GoldenSpikes(model, ticks, integer, t, n);
        }
    }
}
