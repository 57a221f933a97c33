package io.snn4j.cli;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.export.ModelFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Evaluation;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.TrainingConfig;
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
            description = "Data spec as for train; its test part is used. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N test samples only.")
    Integer limit;

    @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the data's encoding (use the training run's). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path file = Home.resolve(model);
        NetworkSpec net = ModelFiles.load(file);
        Dataset test = DataSpecs.open(data, net.inputPopulation().size(), net.ticks(), seed).test();
        if (limit != null) {
            test = Datasets.range(test, 0, Math.min(limit, test.size()));
        }
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Evaluation ev;
        long start = System.nanoTime();
        try (Hm2BpTrainer t = new Hm2BpTrainer(net, TrainingConfig.reference(1).withThreads(k))) {
            ev = t.evaluate(test);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        o.printf(Locale.ROOT, "model              %s: %s%n", file, TrainCommand.describe(net));
        o.printf(Locale.ROOT, "samples            %d (%.1f s, %.0f samples/s)%n", ev.samples(), seconds,
                ev.samples() / seconds);
        o.printf(Locale.ROOT, "accuracy           %.2f %% (%d correct)%n", 100 * ev.accuracy(), ev.correct());
        o.printf(Locale.ROOT, "mean output spikes %.2f per sample%n", ev.meanOutputSpikes());
        o.printf(Locale.ROOT, "no output spikes   %d samples%n", ev.noOutputSpikes());
        int[][] c = ev.confusion();
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
        o.flush();
        return 0;
    }
}
