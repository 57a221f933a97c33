package io.snn4j.cli;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.io.AtomicFiles;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.proto.ProvenanceProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.Cluster;
import io.snn4j.train.Sweep;
import io.snn4j.train.TrainingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j sweep}: trains every combination of regulariser strength, learning rate and batch size (minibatch
 * mode, same network and seed), one after the other here or as independent Spark tasks with {@code --spark}; writes
 * {@code sweep.csv} and the best setting's model.
 */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        description = {"Train a grid of settings (--lambda x --lr x --batch x --optimizer, minibatch mode) from the "
                + "same network and seed and test each on the test part of --data.",
                "DIR receives sweep.csv (one row per setting) and model.pb, the model of the setting with the best "
                        + "test accuracy (the first of equals)."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "models/builtin-mlp.textproto",
            description = "The network to train. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "builtin",
            description = "Training data as for train; its test part tests every setting. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "Epochs per setting. "
            + "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--lambda", paramLabel = "L,...", split = ",", defaultValue = "10",
            description = "Regulariser strengths. Default: ${DEFAULT-VALUE}.")
    List<Double> lambdas;

    @Option(names = "--lr", paramLabel = "RATE,...", split = ",", defaultValue = "0.001",
            description = "Base learning rates. Default: ${DEFAULT-VALUE}.")
    List<Double> learningRates;

    @Option(names = "--batch", paramLabel = "B,...", split = ",", defaultValue = "16",
            description = "Mini-batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--optimizer", paramLabel = "SPEC;...", split = ";", defaultValue = "adam",
            description = {"Optimisers as train --optimizer takes them, separated by ';' (their parameters use ','), "
                    + "e.g. 'adam;lbfgs:maxstep=2'. Default: ${DEFAULT-VALUE}."})
    List<String> optimizers;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test samples only.")
    Integer testLimit;

    @Option(names = "--threads", paramLabel = "K", description = "Without --spark: worker threads per run "
            + "(default: all cores). With --spark every setting is one single-threaded task.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    static final String HEADER = "lambda,lr,batch,optimizer,train_accuracy,test_accuracy,test_no_output_spikes,"
            + "seconds";

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        List<Sweep.Setting> settings;
        try {
            settings = Sweep.grid(lambdas, learningRates, batches, optimizers);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path modelFile = Home.resolve(model);
        NetworkSpec net = ModelFiles.load(modelFile);
        DataSpecs.TrainTest tt = DataSpecs.open(data, net.inputPopulation().size(), net.ticks(), seed);
        Dataset train = tt.train();
        Dataset test = tt.test();
        if (limit != null) {
            train = Datasets.range(train, 0, Math.min(limit, train.size()));
        }
        if (testLimit != null) {
            test = Datasets.range(test, 0, Math.min(testLimit, test.size()));
        }
        int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        TrainingConfig base = TrainingConfig.reference(epochs).withSeed(seed).withThreads(k);
        Files.createDirectories(out);
        o.printf("model     %s: %s%n", modelFile, TrainCommand.describe(net));
        o.printf("data      %s: %d training samples, %d test samples%n", tt.description(), train.size(), test.size());
        o.printf("sweep     %d settings (lambda x lr x batch x optimizer), %d epoch%s each, seed %d -> %s%n",
                settings.size(),
                epochs, epochs == 1 ? "" : "s", seed, out);
        o.flush();
        List<Sweep.Result> results;
        if (cluster.enabled()) {
            try (Cluster c = cluster.connect(out)) {
                o.printf("cluster   %s%n", c.describe());
                o.flush();
                String key = data + "|limit=" + limit + "|seed=" + seed + "|test-limit=" + testLimit;
                results = c.sweep(net, base, settings, train, test, key);
            }
        } else {
            results = new ArrayList<>();
            for (Sweep.Setting s : settings) {
                results.add(Sweep.run(net, base, s, train, test));
            }
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Sweep.Result r : results) {
            String opt = r.setting().optimizer();
            String row = String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%d,%s", r.setting().lambda(),
                    r.setting().learningRate(), r.setting().batch(), opt.contains(",") ? "\"" + opt + "\"" : opt,
                    TrainCommand.fmt(r.trainAccuracy()),
                    TrainCommand.fmt(r.test().accuracy()), r.test().noOutputSpikes(), TrainCommand.fmt(r.seconds()));
            csv.append(row).append('\n');
            o.printf(Locale.ROOT, "lambda %-8s lr %-8s batch %-4d %-10s test accuracy %6.2f %% (train %6.2f %%), "
                            + "%.1f s%n", r.setting().lambda(), r.setting().learningRate(), r.setting().batch(),
                    r.setting().optimizer(),
                    100 * r.test().accuracy(), 100 * r.trainAccuracy(), r.seconds());
        }
        AtomicFiles.writeString(out.resolve("sweep.csv"), csv, StandardCharsets.UTF_8);
        int best = Sweep.best(results);
        if (best >= 0) {
            Sweep.Result r = results.get(best);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("model", model.toString());
            meta.put("data", data);
            meta.put("seed", String.valueOf(seed));
            meta.put("epochs", String.valueOf(epochs));
            meta.put("mode", "minibatch");
            meta.put("batch", String.valueOf(r.setting().batch()));
            meta.put("lr", String.valueOf(r.setting().learningRate()));
            meta.put("lambda", String.valueOf(r.setting().lambda()));
            if (!r.setting().optimizer().equals("adam")) {
                meta.put("optimizer", r.setting().optimizer());
            }
            meta.put("test_accuracy", TrainCommand.fmt(r.test().accuracy()));
            meta.put("trainer", "HM2-BP minibatch (sweep)");
            ProvenanceProto provenance = ProvenanceProto.newBuilder().setDataset(data)
                    .setAccuracy(r.test().accuracy()).setTrainingSeed(seed).putAllTraining(meta).build();
            io.snn4j.model.TrainingSettings used = r.setting().apply(base).settings(
                    io.snn4j.train.Backprop.parse("full"), io.snn4j.train.OptimizerSpec.parse(r.setting().optimizer()),
                    null);
            ModelFiles.writeBinary(ModelWriter.trained(r.trained(), meta, provenance, tt.pipeline(), used),
                    out.resolve("model.pb"));
            o.printf(Locale.ROOT, "best      lambda %s, lr %s, batch %d: %.2f %%%n", r.setting().lambda(),
                    r.setting().learningRate(), r.setting().batch(), 100 * r.test().accuracy());
        }
        o.printf("wrote     %s (sweep.csv, model.pb)%n", out);
        o.flush();
        return 0;
    }
}
