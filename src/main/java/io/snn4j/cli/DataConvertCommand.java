package io.snn4j.cli;

import io.snn4j.data.EventBatch;
import io.snn4j.data.EventSource;
import io.snn4j.data.EventSources;
import io.snn4j.data.EventWriter;
import io.snn4j.data.aedat.Aedat4Writer;
import io.snn4j.data.csv.CsvEventWriter;
import io.snn4j.data.nmnist.NmnistEventWriter;
import io.snn4j.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
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
 * {@code snn4j data convert IN --out OUT [--triggers FILE.csv] [--compression lz4|zstd|none] [--lenient]}: streams the
 * events of any readable event file into the format named by OUT's extension ({@code .csv}, {@code .bin} / {@code .bs2}
 * N-MNIST, {@code .aedat4}), written atomically. Exit 1 when the input is malformed or the output format cannot hold an
 * event (nothing is written then).
 */
@Command(name = "convert",
        mixinStandardHelpOptions = true,
        description = {"Convert an event file (AEDAT 4.0/3.1, Prophesee RAW EVT 2.0/3.0, CSV, N-MNIST) to the format "
                + "of OUT's extension: .csv (t,x,y,p; t in microseconds as in IN, p 0 or 1), .bin/.bs2 (N-MNIST: "
                + "refuses x > 255, y > 239, t outside 0..2^23-1 us or going backwards), .aedat4 (one EVTS stream). "
                + "CD events only; external triggers are counted on stderr and written with --triggers. Streams in "
                + "constant memory."})
final class DataConvertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "the event file to convert")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "the file to write (.csv, .bin, .bs2, .aedat4)")
    Path out;

    @Option(names = "--triggers", paramLabel = "FILE.csv",
            description = "also write the external triggers as CSV t,id,value")
    Path triggers;

    @Option(names = "--compression", paramLabel = "NAME", defaultValue = "lz4",
            description = ".aedat4 packet compression: lz4, zstd or none. Default: ${DEFAULT-VALUE}.")
    String compression;

    @Option(names = "--lenient", description = "skip and count malformed records instead of failing on the first")
    boolean lenient;

    private long events;
    private long triggerCount;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        Aedat4Writer.Compression comp;
        try {
            comp = Aedat4Writer.Compression.valueOf(compression.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--compression must be lz4, zstd or none, was "
                    + compression);
        }
        if (!(name.endsWith(".csv") || name.endsWith(".bin") || name.endsWith(".bs2") || name.endsWith(".aedat4"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--out must end in .csv, .bin, .bs2 or .aedat4, was "
                    + out);
        }
        if (triggers != null && !triggers.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--triggers must name a .csv file, was "
                    + triggers);
        }
        if (!Files.isRegularFile(in)) {
            throw new NoSuchFileException(in.toString(), null, "no such file");
        }
        if (triggers != null) {
            AtomicFiles.write(triggers, t -> convert(name, comp, t));
        } else {
            convert(name, comp, null);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (triggerCount > 0) {
            err.printf(Locale.ROOT, "%,d external triggers%s%n", triggerCount,
                    triggers == null ? " not written (use --triggers FILE.csv)" : " written to " + triggers);
            err.flush();
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "converted %,d events of %s into %s%n", events, in, out);
        pw.flush();
        return 0;
    }

    private void convert(String name, Aedat4Writer.Compression comp, OutputStream triggerOut) throws IOException {
        try (EventSource source = EventSources.open(in, lenient)) {
            CsvEventWriter triggerWriter = triggerOut == null ? null : CsvEventWriter.forTriggers(triggerOut);
            if (name.endsWith(".aedat4")) {
                int[] size = source.width() > 0 ? new int[] {source.width(), source.height()} : scanGeometry();
                AtomicFiles.writeChannel(out, ch -> pump(source, new Aedat4Writer(ch, size[0], size[1], comp,
                        in.getFileName().toString()), triggerWriter));
            } else {
                AtomicFiles.write(out, os -> pump(source, name.endsWith(".csv") ? new CsvEventWriter(os)
                        : new NmnistEventWriter(os), triggerWriter));
            }
            if (triggerWriter != null) {
                triggerWriter.finish();
            }
        }
    }

    private void pump(EventSource source, EventWriter writer, CsvEventWriter triggerWriter) throws IOException {
        EventBatch batch = new EventBatch();
        while (source.read(batch)) {
            writer.write(batch);
            events += batch.size();
            triggerCount += batch.triggerCount();
            if (triggerWriter != null) {
                triggerWriter.writeTriggers(batch);
            }
        }
        writer.finish();
    }

    /** Sensor size of an input that does not state one: the largest address plus one, from a first pass. */
    private int[] scanGeometry() throws IOException {
        int maxX = 0;
        int maxY = 0;
        try (EventSource source = EventSources.open(in, lenient)) {
            EventBatch batch = new EventBatch();
            while (source.read(batch)) {
                for (int i = 0; i < batch.size(); i++) {
                    maxX = Math.max(maxX, batch.xs()[i]);
                    maxY = Math.max(maxY, batch.ys()[i]);
                }
            }
            if (source.width() > 0) {
                return new int[] {source.width(), source.height()};
            }
        }
        return new int[] {maxX + 1, maxY + 1};
    }
}
