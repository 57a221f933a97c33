package io.snn4j.cli;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.aedat.Aedat4Reader;
import io.snn4j.data.aedat.Aedat4Writer;
import io.snn4j.data.csv.CsvEventSource;
import io.snn4j.data.csv.CsvEventWriter;
import io.snn4j.data.nmnist.NmnistEventSource;
import io.snn4j.data.prophesee.RawEventSource;
import io.snn4j.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code snn4j bench formats}: decoding throughput of every event reader on one thread, from memory (the samples of
 * {@code ../shared/datasets/event-samples}, plus AEDAT 4.0 and CSV versions written by snn4j), in interleaved rounds;
 * or, with {@code --heap FILE}, the peak heap while streaming one file of any size.
 */
@Command(name = "formats",
        mixinStandardHelpOptions = true,
        description = {"Event-file decoding throughput per format (events/s on one thread, from memory, interleaved "
                + "rounds: median and range), or with --heap FILE the peak heap while streaming FILE."})
final class BenchFormatsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR", description = "the event-samples folder. Default: "
            + "../shared/datasets/event-samples")
    Path samples;

    @Option(names = "--rounds", defaultValue = "7", description = "measured rounds. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--heap", paramLabel = "FILE", description = "stream FILE once and print the peak heap instead")
    Path heapFile;

    /** A format and the bytes of one recording in it. */
    private record Input(String name, byte[] bytes, Opener opener) {
    }

    @FunctionalInterface
    private interface Opener {
        EventSource open(InputStream in) throws IOException;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (heapFile != null) {
            return heap(out);
        }
        Path dir = samples != null ? samples : Path.of("..", "shared", "datasets", "event-samples");
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null,
                    "no event-samples folder (use --samples)");
        }
        List<Input> inputs = inputs(dir);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int n = inputs.size();
        long[] events = new long[n];
        int[] reps = new int[n];
        for (int i = 0; i < n; i++) { // warm-up: also sizes each measurement to about 0.3 s
            long t0 = System.nanoTime();
            int r = 0;
            while (System.nanoTime() - t0 < 600_000_000L) {
                events[i] = decode(inputs.get(i));
                r++;
            }
            reps[i] = Math.max(1, r / 2);
        }
        double[][] wall = new double[n][rounds];
        double[][] cpu = new double[n][rounds];
        String loadBefore = BenchCommand.RuntimeBench.loadAverage();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < n; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int r = 0; r < reps[i]; r++) {
                    decode(inputs.get(i));
                }
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                wall[i][round] = (double) events[i] * reps[i] / ((t1 - t0) * 1e-9);
                cpu[i][round] = (double) events[i] * reps[i] / ((c1 - c0) * 1e-9);
            }
        }
        out.printf(Locale.ROOT, "%d rounds, one thread, decoding from memory; load average %s before, %s after%n",
                rounds, loadBefore, BenchCommand.RuntimeBench.loadAverage());
        out.printf(Locale.ROOT, "%-22s %10s %9s  %-30s %-30s%n", "format (sample)", "events", "MB", "Mevents/s wall "
                + "median [min, max]", "Mevents/s CPU median [min, max]");
        for (int i = 0; i < n; i++) {
            Input in = inputs.get(i);
            out.printf(Locale.ROOT, "%-22s %,10d %9.3f  %-30s %-30s%n", in.name(), events[i], in.bytes().length / 1e6,
                    summary(wall[i]), summary(cpu[i]));
        }
        out.flush();
        return 0;
    }

    private static String summary(double[] perSecond) {
        double[] s = perSecond.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", s[s.length / 2] / 1e6, s[0] / 1e6,
                s[s.length - 1] / 1e6);
    }

    private static long decode(Input input) throws IOException {
        long n = 0;
        try (EventSource s = input.opener().open(new ByteArrayInputStream(input.bytes()))) {
            EventBatch batch = new EventBatch();
            while (s.read(batch)) {
                n += batch.size();
            }
        }
        return n;
    }

    private List<Input> inputs(Path dir) throws IOException {
        List<Input> inputs = new ArrayList<>();
        byte[] dvx = Files.readAllBytes(dir.resolve("dvxplorer_sample.aedat4"));
        inputs.add(new Input("N-MNIST", Files.readAllBytes(dir.resolve("nmnist_sample.bin")),
                in -> new NmnistEventSource(in, "nmnist", false)));
        inputs.add(new Input("AEDAT4 LZ4 (DV)", dvx, in -> new Aedat4Reader(false).open(in, "dvx", -1)));
        Path tmp = Files.createTempDirectory("snn4j-bench-formats");
        try {
            for (Aedat4Writer.Compression c : Aedat4Writer.Compression.values()) {
                Path f = tmp.resolve(c + ".aedat4");
                try (EventSource s = EventSources.open(dir.resolve("dvxplorer_sample.aedat4"), false)) {
                    AtomicFiles.writeChannel(f, ch -> {
                        Aedat4Writer w = new Aedat4Writer(ch, s.width(), s.height(), c, "bench");
                        EventBatch b = new EventBatch();
                        while (s.read(b)) {
                            w.write(b);
                        }
                        w.finish();
                    });
                }
                inputs.add(new Input("AEDAT4 " + c + " (snn4j)", Files.readAllBytes(f),
                        in -> new Aedat4Reader(false).open(in, "ours", -1)));
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        inputs.add(new Input("EVT 2.0", Files.readAllBytes(dir.resolve("evt2_sample.raw")),
                in -> new RawEventSource(in, "evt2", false)));
        byte[] evt3 = Files.readAllBytes(dir.resolve("evt3_sample.raw"));
        inputs.add(new Input("EVT 3.0", evt3, in -> new RawEventSource(in, "evt3", false)));
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try (EventSource s = new RawEventSource(new ByteArrayInputStream(evt3), "evt3", false)) {
            CsvEventWriter w = new CsvEventWriter(csv);
            EventBatch b = new EventBatch();
            while (s.read(b)) {
                w.write(b);
            }
        }
        inputs.add(new Input("CSV (EVT 3.0 events)", csv.toByteArray(), in -> new CsvEventSource(in, "csv", false)));
        return inputs;
    }

    private int heap(PrintWriter out) throws IOException {
        HeapPeaks.reset();
        long t0 = System.nanoTime();
        long events = 0;
        long triggers = 0;
        String format;
        try (EventSource s = EventSources.open(heapFile, false)) {
            EventBatch batch = new EventBatch();
            while (s.read(batch)) {
                events += batch.size();
                triggers += batch.triggerCount();
            }
            format = s.format().displayName();
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        long peak = HeapPeaks.peakBytes();
        long size = Files.size(heapFile);
        out.printf(Locale.ROOT, "streamed %s (%s, %,d bytes): %,d events, %,d triggers in %.1f s (%.1f Mevents/s)%n",
                heapFile, format, size, events, triggers, seconds, events / seconds / 1e6);
        out.printf(Locale.ROOT, "peak heap %.1f MiB with -Xmx %.1f MiB; the file is %.1f times the heap limit%n",
                peak / 1048576.0, HeapPeaks.maxBytes() / 1048576.0, (double) size / HeapPeaks.maxBytes());
        out.flush();
        return 0;
    }
}
