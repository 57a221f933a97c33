package io.snn4j.cli;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventFiles;
import io.snn4j.data.EventFormat;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.EventStats;
import io.snn4j.data.mnist.IdxImages;
import io.snn4j.data.mnist.IdxReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code snn4j data info PATH [--lenient]}: detects the format of an event file (AEDAT 4.0 / 3.1, Prophesee RAW
 * EVT 2.0 / 3.0, CSV, N-MNIST .bin/.bs2), streams it in constant memory and prints its figures, or those of an MNIST
 * IDX file. Exit 0 on success, 1 for an unreadable, malformed or unsupported file.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = {"Print the format and figures of an event file (AEDAT 4.0/3.1, Prophesee RAW EVT 2.0/3.0, "
                + "CSV t,x,y,p, "
                + "N-MNIST .bin/.bs2) or an MNIST IDX file (raw or .gz): event count, first and last events, duration, "
                + "sensor size, ON/OFF balance, address range, triggers, bad records;"
                + " for IDX the count, image size and label histogram."})
final class DataInfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "the file to inspect")
    Path path;

    @Option(names = "--lenient", description = "skip and count malformed records instead of failing on the first")
    boolean lenient;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file (or not a regular file)");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (EventFiles.detect(path).isEmpty()) {
            int magic = IdxReader.magic(path);
            if (magic == IdxReader.IMAGES_MAGIC || magic == IdxReader.LABELS_MAGIC) {
                printIdx(out, magic);
                out.flush();
                return 0;
            }
        }
        printEvents(out);
        out.flush();
        return 0;
    }

    private void printEvents(PrintWriter out) throws IOException {
        EventStats.Accumulator acc = new EventStats.Accumulator();
        EventFormat format;
        int width;
        int height;
        long bad;
        long skipped;
        EventStats.Event firstTrigger = null;
        try (EventSource source = EventSources.open(path, lenient)) {
            EventBatch batch = new EventBatch();
            while (source.read(batch)) {
                if (firstTrigger == null && batch.triggerCount() > 0) {
                    firstTrigger = new EventStats.Event(batch.triggerTimestampsUs()[0], batch.triggerIds()[0], 0,
                            batch.triggerValues()[0]);
                }
                acc.add(batch);
            }
            format = source.format();
            width = source.width();
            height = source.height();
            bad = source.badRecordCount();
            skipped = source.skippedPacketCount();
        }
        EventStats s = acc.result();
        row(out, "file", path.toString());
        row(out, "format", format.displayName());
        row(out, "events", String.format(Locale.ROOT, "%,d", s.count()));
        if (s.count() > 0) {
            row(out, "duration", String.format(Locale.ROOT, "%,d us (%.3f ms), first %,d us, last %,d us",
                    s.durationUs(), s.durationUs() / 1000.0, s.firstUs(), s.lastUs()));
            row(out, "first event", s.first().toString());
            row(out, "last event", s.last().toString());
        } else {
            row(out, "duration", "0 us (no events)");
        }
        row(out, "sensor", width > 0 ? width + " x " + height
                : s.count() == 0 ? "not given" : (s.maxX() + 1) + " x " + (s.maxY() + 1)
                + " (not given; largest address + 1)");
        row(out, "polarity", String.format(Locale.ROOT, "ON %,d, OFF %,d, ON fraction %s", s.onCount(),
                s.offCount(), s.count() == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", s.onFraction())));
        row(out, "x range", s.count() == 0 ? "none" : s.minX() + ".." + s.maxX());
        row(out, "y range", s.count() == 0 ? "none" : s.minY() + ".." + s.maxY());
        row(out, "time order", s.backwardSteps() == 0 ? "non-decreasing"
                : String.format(Locale.ROOT, "%,d backward steps", s.backwardSteps()));
        row(out, "triggers", firstTrigger == null ? "0"
                : String.format(Locale.ROOT, "%,d, first at t = %d us (channel %d, value %d)", s.triggerCount(),
                firstTrigger.timestampUs(), firstTrigger.x(), firstTrigger.polarity()));
        row(out, "bad records", String.format(Locale.ROOT, "%,d%s", bad, lenient ? " (skipped)" : ""));
        if (skipped > 0) {
            row(out, "other packets", String.format(Locale.ROOT, "%,d skipped (packets or words that are not CD "
                    + "events or triggers)", skipped));
        }
    }

    private void printIdx(PrintWriter out, int magic) throws IOException {
        row(out, "file", path.toString());
        if (magic == IdxReader.IMAGES_MAGIC) {
            IdxImages images = IdxReader.readImages(path);
            row(out, "format", "IDX images (magic 2051)");
            row(out, "images", String.format(Locale.ROOT, "%,d", images.count()));
            row(out, "image size", images.rows() + " x " + images.cols());
            return;
        }
        byte[] labels = IdxReader.readLabels(path);
        int[] hist = new int[256];
        int maxLabel = -1;
        for (byte b : labels) {
            int v = b & 0xFF;
            hist[v]++;
            maxLabel = Math.max(maxLabel, v);
        }
        row(out, "format", "IDX labels (magic 2049)");
        row(out, "labels", String.format(Locale.ROOT, "%,d", labels.length));
        StringBuilder h = new StringBuilder();
        for (int v = 0; v <= maxLabel; v++) {
            if (h.length() > 0) {
                h.append(", ");
            }
            h.append(v).append(": ").append(String.format(Locale.ROOT, "%,d", hist[v]));
        }
        row(out, "histogram", h.length() == 0 ? "none" : h.toString());
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "%-14s %s%n", key + ":", value);
    }
}
