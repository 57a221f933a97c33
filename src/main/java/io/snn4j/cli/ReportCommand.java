package io.snn4j.cli;

import io.snn4j.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snn4j report}: the HTML page explaining a training run. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page explaining a training run: training curves, confusion "
                + "matrix, gradient norms and update sizes per layer, the loss along the last update, dead and "
                + "saturated neurons, the hidden neurons' input weights as pictures, and one test sample through "
                + "HM2-BP (spike rasters, output error, S-PSP matrices, errors handed down).",
                "RUN_DIR is a folder written by `snn4j train` (model.pb, metrics.csv and the report/ folder it "
                        + "records unless --no-record)."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder.")
    Path runDir;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html",
            description = "The HTML page to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--sample", paramLabel = "I", defaultValue = "0",
            description = "Which recorded test sample to trace through the network (0-based). Default: "
                    + "${DEFAULT-VALUE}.")
    int sample;

    @Option(names = "--slice-points", paramLabel = "N", defaultValue = "21",
            description = "Points of the loss slice. Default: ${DEFAULT-VALUE}.")
    int slicePoints;

    @Option(names = "--slice-range", paramLabel = "A", defaultValue = "0",
            description = "The loss slice spans -A..A times the last update (0: where the weights move by 5 %% of "
                    + "their norm). Default: ${DEFAULT-VALUE}.")
    double sliceRange;

    @Override
    public Integer call() throws IOException {
        ReportWriter.Options options;
        try {
            options = new ReportWriter.Options(sample, slicePoints, sliceRange);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        ReportWriter.Result r = ReportWriter.write(runDir, out, options);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "wrote     %s: %d figures, %.1f MB, %.1f s%n", out, r.figures(), r.bytes() / 1048576.0,
                (System.nanoTime() - start) / 1e9);
        if (!r.missing().isEmpty()) {
            o.printf("missing   %s (their figures are left out)%n", String.join(", ", r.missing()));
        }
        o.flush();
        return 0;
    }
}
