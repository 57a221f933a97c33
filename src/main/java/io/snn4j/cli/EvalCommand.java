package io.snn4j.cli;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.model.ModelFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.DatasetRun;
import io.snn4j.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snn4j eval}: accuracy, confusion matrix and output activity of a model on a data set. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate a model on the test part of a data set: accuracy, confusion matrix, mean output "
                + "spikes and the samples with no output spikes.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "Model file (e.g. DIR/model.pb).")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "builtin",
            description = {"Data spec as for train; its test part is used (append :split=all for every sample, "
                    + "e.g. nmnist:DIR:split=all). The data goes through the input pipeline the model recorded. "
                    + "Default: ${DEFAULT-VALUE}."})
    String data;

    @Option(names = "--predictions", paramLabel = "FILE.csv",
            description = {"Write one line per sample: index,file,label,predicted, then each output neuron's spike "
                    + "count (file empty where samples have none; predicted 'none' where no output neuron spiked)."})
    Path predictions;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N test samples only.")
    Integer limit;

    @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the data's encoding (use the training run's). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--integer", description = {"Integer mode: evaluate a fixed-point export (snn4j export --target "
            + "fixed:BITS) in the exact integer arithmetic of its fixed_point fields and report accumulator "
            + "saturations. Without it a fixed-point model evaluates as its float network."})
    boolean integer;

    @Option(names = "--compare-float", description = "With --integer: also evaluate the float network of the same file "
            + "and report the accuracy change and the agreement (samples with the same decision).")
    boolean compareFloat;

    @Option(names = "--also", paramLabel = "FILE", split = ",",
            description = "With --integer: more fixed-point exports of the same float network (other targets), "
                    + "evaluated one after the other in this run; --compare-float evaluates the float network once, "
                    + "from the first file.")
    java.util.List<Path> also = new java.util.ArrayList<>();

    @picocli.CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path file = Home.resolve(model);
        if (cluster.enabled() && (integer || predictions != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (integer ? "--integer"
                    : "--predictions") + " runs here, not with --spark");
        }
        if (integer) {
            return integer(o, file);
        }
        if (compareFloat || !also.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), (compareFloat ? "--compare-float"
                    : "--also") + " needs --integer");
        }
        io.snn4j.model.proto.ModelProto proto = ModelFiles.read(file);
        NetworkSpec net = ModelFiles.toNetwork(proto, file.toString());
        if (cluster.enabled()) {
            evaluateOnSpark(o, file, proto, net);
        } else {
            evaluate(o, file, proto, net, "", null);
        }
        return 0;
    }

    /** Classifies the test data on Spark and prints what {@link #evaluate} prints of a float network. */
    private void evaluateOnSpark(PrintWriter o, Path file, io.snn4j.model.proto.ModelProto proto, NetworkSpec net)
            throws IOException {
        DataSpecs.TrainTest tt = testData(proto, net);
        Path shards = file.toAbsolutePath().getParent();
        Evaluation ev;
        long start = System.nanoTime();
        try (io.snn4j.train.Cluster c = cluster.connect(shards == null ? Path.of("") : shards)) {
            o.printf("cluster            %s%n", c.describe());
            ev = c.evaluate(net, tt.test(), data + "|seed=" + seed + "|limit=" + limit + "|pipeline="
                    + proto.hasInputPipeline());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = ev.samples();
        o.printf(Locale.ROOT, "model              %s: %s%n", file, TrainCommand.describe(net));
        o.printf(Locale.ROOT, "input pipeline     %s%n", proto.hasInputPipeline()
                ? io.snn4j.pipeline.InputPipelines.describe(proto.getInputPipeline()) + " (from the model)"
                : "none recorded in the model; the data spec's own preprocessing");
        o.printf(Locale.ROOT, "data               %s%n", tt.description());
        o.printf(Locale.ROOT, "samples            %d (%.1f s, %.0f samples/s)%n", n, seconds, n / seconds);
        printAccuracy(o, ev.correct(), n, ev.confusion());
        o.printf(Locale.ROOT, "mean output spikes %.2f per sample%n", ev.meanOutputSpikes());
        o.printf(Locale.ROOT, "no output spikes   %d samples%n", ev.noOutputSpikes());
        printConfusion(o, ev.confusion());
        o.flush();
    }

    /** The test data of --data through the model's input pipeline (when it records one), --limit applied. */
    private DataSpecs.TrainTest testData(io.snn4j.model.proto.ModelProto proto, NetworkSpec net) throws IOException {
        DataSpecs.TrainTest tt = DataSpecs.open(data, net.inputPopulation().size(), net.ticks(), seed,
                proto.hasInputPipeline() ? proto.getInputPipeline() : null);
        Dataset test = tt.test();
        if (limit != null) {
            test = Datasets.range(test, 0, Math.min(limit, test.size()));
        }
        return new DataSpecs.TrainTest(tt.train(), test, tt.description(), tt.pipeline(), tt.every());
    }

    /**
     * Evaluates {@code net} (float or integer mode) on the test data and prints the accuracy, the spike figures and
     * the confusion matrix; writes --predictions. Returns the run.
     */
    private DatasetRun evaluate(PrintWriter o, Path file, io.snn4j.model.proto.ModelProto proto, NetworkSpec net,
                                     String mode, DatasetRun floatRun) throws IOException {
        DataSpecs.TrainTest tt = testData(proto, net);
        Dataset test = tt.test();
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        DatasetRun r = DatasetRun.of(net, test, k);
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = test.size();
        int classes = net.population(net.output()).size();
        long outSpikes = 0;
        int silent = 0;
        for (int i = 0; i < n; i++) {
            outSpikes += r.populationSpikes(i, net.output());
            silent += r.isSilent(i) ? 1 : 0;
        }
        int correct = r.correct(test);
        o.printf(Locale.ROOT, "model              %s: %s%s%n", file, TrainCommand.describe(net), mode);
        o.printf(Locale.ROOT, "input pipeline     %s%n", proto.hasInputPipeline()
                ? io.snn4j.pipeline.InputPipelines.describe(proto.getInputPipeline()) + " (from the model)"
                : "none recorded in the model; the data spec's own preprocessing");
        o.printf(Locale.ROOT, "data               %s%n", tt.description());
        o.printf(Locale.ROOT, "samples            %d (%.1f s, %.0f samples/s)%n", n, seconds, n / seconds);
        printAccuracy(o, correct, n, r.confusion(test, classes));
        o.printf(Locale.ROOT, "mean output spikes %.2f per sample%n", (double) outSpikes / Math.max(1, n));
        o.printf(Locale.ROOT, "no output spikes   %d samples%n", silent);
        if (net.isInteger()) {
            o.printf(Locale.ROOT, "saturations        %d (accumulator clamps over all samples)%n", r.saturations());
        }
        DatasetRun f = floatRun;
        if (net.isInteger() && compareFloat) {
            if (f == null) {
                f = DatasetRun.of(ModelFiles.toNetwork(proto, file.toString()), test, k);
            }
            int fc = f.correct(test);
            o.printf(Locale.ROOT, "float accuracy     %.2f %% (%d correct): change %+.2f points%n", 100.0 * fc / n,
                    fc, 100.0 * (correct - fc) / n);
            o.printf(Locale.ROOT, "agreement          %.2f %% of samples decided as the float network (%d of %d)%n",
                    100.0 * r.agreement(f) / n, r.agreement(f), n);
            for (int p = 0; p < net.populations().size(); p++) {
                if (net.population(p).isInput()) {
                    continue;
                }
                long si = 0;
                long sf = 0;
                for (int i = 0; i < n; i++) {
                    si += r.populationSpikes(i, p);
                    sf += f.populationSpikes(i, p);
                }
                o.printf(Locale.ROOT, "  %-16s spikes per sample: integer %.2f, float %.2f%n",
                        net.population(p).name(), (double) si / Math.max(1, n), (double) sf / Math.max(1, n));
            }
        }
        printConfusion(o, r.confusion(test, classes));
        if (predictions != null) {
            r.writePredictions(Home.resolve(predictions), test);
            o.printf("predictions        %s%n", predictions);
        }
        o.flush();
        return f;
    }

    private Integer integer(PrintWriter o, Path first) throws IOException {
        java.util.List<Path> files = new java.util.ArrayList<>();
        files.add(first);
        for (Path p : also) {
            files.add(Home.resolve(p));
        }
        DatasetRun floatRun = null;
        for (Path file : files) {
            floatRun = integer(o, file, floatRun);
        }
        return 0;
    }

    /** Evaluates one fixed-point file in integer mode; returns the float reference run (computed when null). */
    private DatasetRun integer(PrintWriter o, Path file, DatasetRun floatRun) throws IOException {
        io.snn4j.model.proto.ModelProto proto = ModelFiles.read(file);
        NetworkSpec net = ModelFiles.toIntegerNetwork(proto, file.toString());
        return evaluate(o, file, proto, net, ", integer mode (" + (proto.hasProvenance()
                ? proto.getProvenance().getExportTarget() : "fixed point") + ")", floatRun);
    }

    /**
     * The accuracy line, then its 95 % Wilson score interval and each class's accuracy (the accuracy line stays
     * first: scripts read it).
     */
    private static void printAccuracy(PrintWriter o, int correct, int n, int[][] confusion) {
        o.printf(Locale.ROOT, "accuracy           %.2f %% (%d correct)%n", 100.0 * correct / Math.max(1, n), correct);
        if (n > 0) {
            double[] ci = io.snn4j.train.AccuracyStats.wilson95(correct, n);
            o.printf(Locale.ROOT, "95 %% interval      %.2f %% .. %.2f %% (Wilson score, %d samples)%n", 100 * ci[0],
                    100 * ci[1], n);
        }
        double[] per = io.snn4j.train.AccuracyStats.perClass(confusion);
        StringBuilder b = new StringBuilder("per class         ");
        for (int c = 0; c < per.length; c++) {
            b.append(String.format(Locale.ROOT, c == 0 ? " %d: %s" : "  %d: %s", c, Double.isNaN(per[c]) ? "-"
                    : String.format(Locale.ROOT, "%.1f %%", 100 * per[c])));
        }
        o.println(b);
    }

    private static void printConfusion(PrintWriter o, int[][] c) {
        o.println("confusion matrix (rows: true class, columns: predicted)");
        StringBuilder head = new StringBuilder("      ");
        for (int j = 0; j < c.length; j++) {
            head.append(String.format(Locale.ROOT, "%6d", j));
        }
        o.println(head);
        for (int i = 0; i < c.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", i));
            for (int j = 0; j < c[i].length; j++) {
                row.append(String.format(Locale.ROOT, "%6d", c[i][j]));
            }
            o.println(row);
        }
    }
}
