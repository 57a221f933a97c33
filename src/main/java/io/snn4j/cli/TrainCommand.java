package io.snn4j.cli;

import io.snn4j.data.dataset.Augmentation;
import io.snn4j.data.dataset.CachedDataset;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.export.Checkpoints;
import io.snn4j.model.InvalidModelException;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.TrainingSettings;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import io.snn4j.report.TrainingCurve;
import io.snn4j.report.TrainingRecorder;
import io.snn4j.train.Backprop;
import io.snn4j.train.Cluster;
import io.snn4j.train.EpochStats;
import io.snn4j.train.Evaluation;
import io.snn4j.train.Hm2BpTrainer;
import io.snn4j.train.Mode;
import io.snn4j.train.OptimizerSpec;
import io.snn4j.train.ProgressListener;
import io.snn4j.train.TrainingConfig;
import io.snn4j.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snn4j train}: HM2-BP training with per-epoch test accuracy, {@code metrics.csv}, a training-curve picture,
 * the trained model and a checkpoint written atomically after every epoch, and {@code --resume}.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Train a spiking network with HM2-BP (hybrid macro/micro level backpropagation).",
                "After every epoch: test accuracy, epoch time and spike rates are printed, and DIR receives "
                        + "model.pb (the trained network), checkpoint.pb, metrics.csv and training-curve.png."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "models/builtin-mlp.textproto",
            description = "The network to train (feed-forward: input, dense layers, output). Default: "
                    + "${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--init", paramLabel = "MODEL", description = {"Start from a trained model's weights (a model.pb "
            + "written by train, e.g. pre-trained on emulated data) instead of --model's drawn ones, with a fresh "
            + "optimizer state and epoch count: fine-tuning. The network is the file's. Not with --resume."})
    Path init;

    @Option(names = "--data", paramLabel = "SPEC", defaultValue = "builtin",
            description = {"Training data: builtin[:N] (digits snn4j draws, rate-coded), mnist:DIR (IDX files, "
                    + "rate-coded), nmnist:DIR (Train/Test folders or a train1K.txt list file split 90/10), "
                    + "emulated:mnist:DIR[:exclude=A-B] (MNIST through the DVS emulator; training images A..B "
                    + "left out), fsdd:DIR[:holdout=SPEAKER] (spoken digits, official split or one speaker held "
                    + "out), ti46:DIR[:vocab=alpha|20] (TI46 disc "
                    + "layout); speech specs also take :frontend=lyon|gammatone, "
                    + ":encoder=bsa|poisson|delta, :skip-unknown, :cache=off.", "Default: ${DEFAULT-VALUE}."})
    String data;

    @Option(names = "--test", paramLabel = "SPEC",
            description = "Test data, when not the test part of --data (e.g. --data emulated:mnist:DIR --test "
                    + "nmnist:DIR tests on real recordings; a list file is then used whole).")
    String testData;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs. Default: the model's training settings, else 1.")
    Integer epochs;

    @Option(names = "--mode", paramLabel = "faithful|minibatch",
            description = "faithful: batch 1, online Adam, as the reference; minibatch: B samples' gradients "
                    + "summed per Adam step. Default: the model's training settings, else faithful.")
    String mode;

    @Option(names = "--batch", paramLabel = "B",
            description = "Mini-batch size (minibatch mode). Default: the model's training settings, else 16.")
    Integer batch;

    @Option(names = "--threads", paramLabel = "K", description = "Worker threads (default: 1 in faithful mode, where "
            + "splitting a sample's layers across threads measured slower; all cores in minibatch mode). Results do "
            + "not depend on it.")
    Integer threads;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed. Default: the model's training settings, else 1.")
    Long seed;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Base learning rate (decays as 1/sqrt(epoch)). Default: the model's training settings, "
                    + "else 0.001.")
    Double learningRate;

    @Option(names = "--lambda", paramLabel = "L",
            description = "Strength of the weight regulariser (hm2bp-spec 5.7); 0 turns it off. Adam turns its "
                    + "small gradient into full-size steps, so the outgoing weights of hidden neurons that stay "
                    + "silent for many samples shrink to 0 and they never recover: after one faithful MNIST epoch "
                    + "with 10 (the reference configs') 59 %% of the 800 hidden neurons are cut off and the test "
                    + "accuracy is 95.20 %%; with 0 none are, and it is 97.32 %% (the reference log's figure). "
                    + "Default: the model's training settings, else 10.")
    Double lambda;

    @Option(names = "--beta", paramLabel = "B",
            description = {"Exponent of the weight regulariser (hm2bp-spec 5.7): the reference's MNIST configs use "
                    + "0.04, its N-MNIST config 0.01. Default: the model's training settings, else 0.04."})
    Double beta;

    @Option(names = "--reference-defaults", description = {"Ignore the model's training settings: what no flag "
            + "sets takes the built-in defaults, the reference code's MNIST settings as it ships (faithful, lr "
            + "0.001, lambda 10, beta 0.04, W_lim 8, boosting, effect ratios, targets 35/5/5, 1 epoch, seed 1)."})
    boolean referenceDefaults;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training samples only.")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test samples only.")
    Integer testLimit;

    @Option(names = "--test-every", paramLabel = "N", description = {"Also test after every N training samples "
            + "(at the first progress report, every 1000 samples, at or past each multiple), not only after each "
            + "epoch; prints each figure and writes DIR/test-curve.csv (samples,epoch,test_accuracy,train_seconds: "
            + "training wall time without the tests). The trained model is the same with or without it."})
    Long testEvery;

    @Option(names = "--folds", paramLabel = "K", description = {"Stratified K-fold cross-validation over every sample "
            + "of --data (its training and test parts together, the first --limit of them): trains K models, each "
            + "tested on the fold it did not see, into DIR/fold-1 .. fold-K, and prints each fold's accuracy, the "
            + "mean and the spread. Not with --resume, --test, --cache or --spark."})
    Integer folds;

    @Option(names = "--leave-one-speaker-out", description = {"Speaker-independent cross-validation on speech data "
            + "(fsdd:, ti46:): one model per speaker of every recording of --data (its training and test parts "
            + "together, the first --limit of them), trained on the other speakers' recordings and tested on all of "
            + "that speaker's, into DIR/speaker-NAME; prints each speaker's accuracy, the mean and the worst. Not "
            + "with --folds, --resume, --test, --cache or --spark."})
    boolean leaveOneSpeakerOut;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/latest",
            description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (same model, data and options; "
                    + "writes to DIR).")
    Path resume;

    @Option(names = "--cache", paramLabel = "FILE",
            description = "Spike cache of the (preprocessed, binned) training set: written on first use, then "
                    + "read by every epoch instead of parsing and binning again; streams from disk, so data sets "
                    + "larger than memory train from it. Rebuilt when its sample, channel or tick count differs.")
    Path cache;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = {"Training-time augmentation, drawn per seed, epoch and sample and applied after --cache: "
                    + "shift:N (event data: nmnist:, emulated:mnist:) moves each sample by a random whole "
                    + "number of pixels in -N..N in x and in y (spikes leaving the 34 x 34 sensor are lost), "
                    + "drop:P (any data) drops each spike with probability P; e.g. shift:1 or shift:2,drop:0.1 or "
                    + "drop:0.2; none turns off "
                    + "the model's. The test set is never augmented.",
                "Default: the model's training settings, else none."})
    String augment;

    @Option(names = "--no-record", description = "Do not record the report/ folder that `snn4j report` draws from "
            + "(gradient and update norms, dead and saturated neurons, confusion matrices, the last update, probe "
            + "samples).")
    boolean noRecord;

    @Option(names = "--backprop", paramLabel = "SPEC",
            description = {"Error propagation: full (HM2-BP), meprop:K (only the K largest deltas of each hidden "
                    + "layer, by magnitude, are propagated; Sun et al. 2017) or msbp:K[,alpha=A] (the rest is kept in "
                    + "a per-layer memory, decayed by A, default 0.8, and added to the next step's deltas; Zhang et "
                    + "al. 2019). K is a count or a fraction of each layer (0.05 or 5%%); ,output=sparse makes the "
                    + "output layer's error sparse too.", "Default: the model's training settings, else full."})
    String backpropSpec;

    @Option(names = "--optimizer", paramLabel = "SPEC",
            description = {"adam (the reference), sgd[:momentum=M], lbfgs[:m=10,maxstep=1] (stochastic L-BFGS, "
                    + "curvature pairs from a second gradient on the same samples, damped) or "
                    + "kfac[:damping=0.001,decay=0.95,refresh=20,kl=0.001] (K-FAC on dense layers). --lr is the "
                    + "step size of each.", "Default: the model's training settings, else adam."})
    String optimizerSpec;

    @Option(names = "--no-progress", description = "No progress bar (it is shown only on a terminal anyway).")
    boolean noProgress;

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    /** Whether the resumed run started from trained weights (--init). */
    private boolean resumedInit;

    /** Where the run's settings came from, as printed. */
    private String settingsSource = "";

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = resume != null ? resume : out;
        Checkpoints.Checkpoint checkpoint = null;
        TrainingSettings restored = TrainingSettings.NONE;
        if (resume != null) {
            checkpoint = Checkpoints.read(resume.resolve("checkpoint.pb"));
            restored = restoreOptions(checkpoint);
        }
        TrainingSettings flags = flagSettings();
        Path modelFile = Home.resolve(init != null ? init : model);
        ModelProto proto = ModelFiles.read(modelFile);
        NetworkSpec net = ModelFiles.toNetwork(proto, modelFile.toString());
        TrainingSettings fromModel = referenceDefaults ? TrainingSettings.NONE
                : ModelFiles.trainingSettings(proto, modelFile.toString());
        TrainingSettings effective = restored.or(flags).or(fromModel).or(TrainingConfig.builtInSettings());
        settingsSource = !restored.isEmpty() ? "as the checkpoint records them"
                : referenceDefaults ? "flags, then the built-in reference defaults" + (resume != null
                ? " (a checkpoint without recorded settings)" : " (--reference-defaults)")
                : fromModel.isEmpty() ? "flags, then the built-in reference defaults (the model has no training "
                + "settings)" : "flags, then the model's training settings, then the built-in reference defaults";
        Backprop backprop = setting(Backprop::parse, effective.backprop(), backpropSpec, modelFile);
        OptimizerSpec optimizer = setting(OptimizerSpec::parse, effective.optimizer(), optimizerSpec, modelFile);
        int threadCount = threads != null ? threads : effective.mode() == TrainingSettings.Mode.FAITHFUL ? 1
                : Runtime.getRuntime().availableProcessors();
        TrainingConfig config = TrainingConfig.of(effective, threadCount);
        RunData runData = openData(net, proto.hasInputPipeline() ? proto.getInputPipeline() : null, config.seed(),
                threadCount, o);
        Augmentation augmentation;
        try {
            augmentation = parseAugmentation(augmentSpec(effective), data, runData.train());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage()
                    + (augment == null ? " (the augmentation of " + modelFile + "'s training settings; --augment "
                    + "none turns it off)" : ""));
        }
        checkOptions(config.mode(), augmentation, backprop, optimizer);
        Map<String, String> saved = recordedOptions(config, augmentation, backprop, optimizer);
        Files.createDirectories(dir);
        if (folds != null || leaveOneSpeakerOut) {
            return crossValidate(o, modelFile, net, runData, config, augmentation, backprop, optimizer, saved, dir);
        }
        printRun(o, modelFile, net, runData, config, augmentation, backprop, optimizer, dir);
        TrainingRun run = new TrainingRun(net, config, dir).methods(backprop, optimizer)
                .data(runData.train(), runData.test(), data, runData.sets().pipeline()).augmentation(augmentation)
                .options(saved).checkpoints(Checkpoints::write);
        if (checkpoint != null) {
            run.resume(checkpoint.state(), checkpoint.aux(), resume.resolve("checkpoint.pb"));
        }
        try (Cluster connected = cluster.enabled() ? cluster.connect(dir) : null) {
            if (connected != null) {
                String dataKey = data + "|limit=" + limit + "|seed=" + config.seed();
                o.printf("cluster   %s%s%n", connected.describe(), cluster.localSteps == null ? ""
                        : ", " + cluster.localSteps + " local steps per task between averages");
                o.flush();
                run.cluster(connected, cluster.localSteps, dataKey,
                        dataKey + "|test=" + testData + "|test-limit=" + testLimit);
            }
            run.run(new Printer(o, net, dir, runData));
        }
        if (runData.cached() != null) {
            runData.cached().close();
        }
        o.printf("wrote     %s (model.pb, checkpoint.pb, metrics.csv, training-curve.png%s)%n", dir,
                noRecord ? "" : ", report/");
        o.flush();
        return 0;
    }

    /**
     * {@code --folds K}: one run per stratified fold of every sample ({@link Datasets#stratifiedFolds}, split by the
     * run's seed), each in its own folder, then each fold's test accuracy after the last epoch, their mean, standard
     * deviation and range. {@code --leave-one-speaker-out}: one run per speaker of every sample
     * ({@link Datasets#leaveOneGroupOut}), then each speaker's accuracy, the mean and the worst.
     */
    private int crossValidate(PrintWriter o, Path modelFile, NetworkSpec net, RunData runData, TrainingConfig config,
                              Augmentation augmentation, Backprop backprop, OptimizerSpec optimizer,
                              Map<String, String> saved, Path dir) throws IOException {
        Dataset every = runData.sets().all().train();
        int count = limit != null ? Math.min(limit, every.size()) : every.size();
        every = limit != null ? Datasets.range(every, 0, count) : every;
        List<Datasets.Split> splits;
        List<String> names;
        if (leaveOneSpeakerOut) {
            SpeechSpecs.Speakers speakers;
            try {
                speakers = SpeechSpecs.speakers(runData.sets());
            } catch (IllegalArgumentException e) {
                throw usage("--leave-one-speaker-out: " + e.getMessage());
            }
            int[] groups = java.util.Arrays.copyOf(speakers.groups(), count);
            if (java.util.Arrays.stream(groups).max().orElse(0) < 1) {
                throw usage("--leave-one-speaker-out needs recordings of two speakers or more; " + count
                        + " samples have one");
            }
            splits = Datasets.leaveOneGroupOut(every, groups);
            names = speakers.names().subList(0, splits.size());
        } else {
            if (folds < 2 || folds > every.size()) {
                throw usage("--folds must be in [2, " + every.size() + "] (the samples), was " + folds);
            }
            splits = Datasets.stratifiedFolds(every, folds, config.seed());
            names = null;
        }
        int k = splits.size();
        double[] accuracy = new double[k];
        for (int f = 0; f < k; f++) {
            Datasets.Split split = splits.get(f);
            Path foldDir = dir.resolve(names != null ? "speaker-" + names.get(f) : "fold-" + (f + 1));
            Files.createDirectories(foldDir);
            RunData foldData = new RunData(runData.sets(), split.first(), split.second(), names != null ? "speaker "
                    + names.get(f) + " held out (" + (f + 1) + " of " + k + ")" : "fold " + (f + 1) + " of " + k
                    + " (stratified, seed " + config.seed() + ")", null);
            if (names != null) {
                o.printf("speaker   %s (%d of %d) held out%n", names.get(f), f + 1, k);
            } else {
                o.printf("fold      %d of %d%n", f + 1, k);
            }
            printRun(o, modelFile, net, foldData, config, augmentation, backprop, optimizer, foldDir);
            Map<String, String> options = new LinkedHashMap<>(saved);
            options.put(names != null ? "leave_one_speaker_out" : "folds", names != null ? names.get(f)
                    : k + ":" + (f + 1));
            TrainingRun run = new TrainingRun(net, config, foldDir).methods(backprop, optimizer)
                    .data(split.first(), split.second(), data, runData.sets().pipeline()).augmentation(augmentation)
                    .options(options).checkpoints(Checkpoints::write);
            Printer printer = new Printer(o, net, foldDir, foldData);
            run.run(printer);
            accuracy[f] = printer.lastTestAccuracy;
        }
        org.apache.commons.math3.stat.descriptive.DescriptiveStatistics stats =
                new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(accuracy);
        if (names != null) {
            int worst = 0;
            for (int f = 0; f < k; f++) {
                o.printf(Locale.ROOT, "speaker %s accuracy  %.2f %% (%d recordings)%n", names.get(f),
                        100 * accuracy[f], splits.get(f).second().size());
                worst = accuracy[f] < accuracy[worst] ? f : worst;
            }
            o.printf(Locale.ROOT, "leave-one-speaker-out  %d speakers, %d recordings: mean %.2f %%, worst %.2f %% "
                            + "(%s), standard deviation %.2f points%n", k, every.size(), 100 * stats.getMean(),
                    100 * accuracy[worst], names.get(worst), 100 * stats.getStandardDeviation());
            o.printf("wrote     %s/speaker-%s .. speaker-%s (each: model.pb, checkpoint.pb, metrics.csv)%n", dir,
                    names.get(0), names.get(k - 1));
        } else {
            for (int f = 0; f < k; f++) {
                o.printf(Locale.ROOT, "fold %d accuracy  %.2f %% (%d samples)%n", f + 1, 100 * accuracy[f],
                        splits.get(f).second().size());
            }
            o.printf(Locale.ROOT, "cross-validation  %d folds, %d samples: mean %.2f %%, standard deviation %.2f "
                            + "points, range %.2f .. %.2f %%%n", k, every.size(), 100 * stats.getMean(),
                    100 * stats.getStandardDeviation(), 100 * stats.getMin(), 100 * stats.getMax());
            o.printf("wrote     %s/fold-1 .. fold-%d (each: model.pb, checkpoint.pb, metrics.csv)%n", dir, k);
        }
        o.flush();
        return 0;
    }

    /**
     * Takes the model, data and limits a resumed run was started with from its checkpoint, and returns the training
     * settings it ran with (all but the epochs, which --epochs or the model's settings give). A checkpoint written
     * before the settings were recorded gives its options as flags, the rest from the built-in defaults.
     */
    private TrainingSettings restoreOptions(Checkpoints.Checkpoint checkpoint) {
        Map<String, String> saved = checkpoint.config();
        model = Path.of(saved.getOrDefault("model", model.toString()));
        resumedInit = saved.containsKey("init");
        data = checkpoint.data();
        testData = emptyToNull(saved.get("test"));
        limit = saved.containsKey("limit") ? Integer.valueOf(saved.get("limit")) : null;
        testLimit = saved.containsKey("test_limit") ? Integer.valueOf(saved.get("test_limit")) : null;
        if (!checkpoint.training().isEmpty()) {
            return checkpoint.training().withEpochs(null);
        }
        mode = saved.getOrDefault("mode", "faithful");
        batch = Integer.valueOf(saved.getOrDefault("batch", "16"));
        seed = Long.valueOf(saved.getOrDefault("seed", "1"));
        learningRate = saved.containsKey("lr") ? Double.valueOf(saved.get("lr")) : null;
        lambda = saved.containsKey("lambda") ? Double.valueOf(saved.get("lambda")) : null;
        beta = saved.containsKey("beta") ? Double.valueOf(saved.get("beta")) : null;
        augment = saved.getOrDefault("augment", "none");
        backpropSpec = saved.getOrDefault("backprop", "full");
        optimizerSpec = saved.getOrDefault("optimizer", "adam");
        referenceDefaults = true;
        return TrainingSettings.NONE;
    }

    /** The settings the flags give (unset: not given); each bad value is a usage error naming its flag. */
    private TrainingSettings flagSettings() {
        if (lambda != null && (!(lambda >= 0) || !Double.isFinite(lambda))) {
            throw usage("--lambda must be >= 0 and finite, was " + lambda);
        }
        if (beta != null && (!(beta >= 0) || !Double.isFinite(beta))) {
            throw usage("--beta must be >= 0 and finite, was " + beta);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate <= TrainingSettings.MAX_LEARNING_RATE)) {
            throw usage("--lr must be in (0, " + (int) TrainingSettings.MAX_LEARNING_RATE + "], was "
                    + learningRate);
        }
        if (epochs != null && (epochs < 1 || epochs > TrainingSettings.MAX_EPOCHS)) {
            throw usage("--epochs must be in [1, " + TrainingSettings.MAX_EPOCHS + "], was " + epochs);
        }
        if (batch != null && (batch < 1 || batch > TrainingSettings.MAX_BATCH)) {
            throw usage("--batch must be in [1, " + TrainingSettings.MAX_BATCH + "], was " + batch);
        }
        TrainingSettings.Mode m = null;
        if (mode != null) {
            m = switch (mode) {
                case "faithful" -> TrainingSettings.Mode.FAITHFUL;
                case "minibatch" -> TrainingSettings.Mode.MINIBATCH;
                default -> throw usage("--mode must be faithful or minibatch, was " + mode);
            };
        }
        Integer shift = null;
        Double drop = null;
        if (augment != null) {
            Augmentation a;
            try {
                a = Augmentation.parse(augment, ChannelLayout.nmnist());
            } catch (IllegalArgumentException e) {
                throw usage("--augment: " + e.getMessage());
            }
            shift = a == null ? 0 : a.maxShiftPx();
            drop = a == null ? 0.0 : a.dropProbability();
        }
        return new TrainingSettings(lambda, beta, null, learningRate, null, m, batch, epochs, seed, null, null, null,
                null, null, null, shift, drop, backpropSpec, optimizerSpec);
    }

    /** The --augment text of the settings' augmentation ("none" when absent or changing nothing). */
    static String augmentSpec(TrainingSettings s) {
        int shift = s.augmentShiftPx() == null ? 0 : s.augmentShiftPx();
        double drop = s.augmentDrop() == null ? 0 : s.augmentDrop();
        if (shift == 0 && drop == 0) {
            return "none";
        }
        return drop == 0 ? "shift:" + shift : shift == 0 ? "drop:" + drop : "shift:" + shift + ",drop:" + drop;
    }

    /**
     * A method setting parsed: a bad flag is a usage error naming it, a bad value from the model file an invalid
     * model naming the field.
     */
    private <T> T setting(java.util.function.Function<String, T> parse, String text, String flag, Path modelFile)
            throws InvalidModelException {
        if (text.equals(flag)) {
            return option(parse, text);
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(modelFile.toString(), List.of("training." + e.getMessage()));
        }
    }

    private picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * The opened data: training and test sets (limited, the training set through the spike cache when --cache is
     * given), how the test set was chosen, and the cache to close at the end ({@code null} without --cache).
     */
    record RunData(DataSpecs.TrainTest sets, Dataset train, Dataset test, String testDescription,
                   CachedDataset cached) {
    }

    /**
     * Opens --data and --test, fed through {@code pipeline} (the model file's input pipeline; null: each loader's
     * own preprocessing).
     */
    private RunData openData(NetworkSpec net, InputPipelineProto pipeline, long seed, int threadCount,
                             PrintWriter o) throws IOException {
        int channels = net.inputPopulation().size();
        DataSpecs.TrainTest tt = DataSpecs.open(data, channels, net.ticks(), seed, pipeline);
        Dataset train = tt.train();
        Dataset test = tt.test();
        String testDescription = "the test part of --data";
        if (testData != null) {
            DataSpecs.TrainTest other = DataSpecs.open(testData, channels, net.ticks(), seed + 17, pipeline);
            test = Datasets.range(other.train(), 0, other.train().size());
            if (other.test() != null && other.test() != other.train()) {
                test = concat(other.train(), other.test());
            }
            testDescription = other.description() + " (all of it)";
        }
        if (limit != null) {
            train = Datasets.range(train, 0, Math.min(limit, train.size()));
        }
        if (testLimit != null) {
            test = Datasets.range(test, 0, Math.min(testLimit, test.size()));
        }
        CachedDataset cached = null;
        if (cache != null) {
            cached = openCache(cache, train, threadCount, o);
            train = cached;
        }
        return new RunData(tt, train, test, testDescription, cached);
    }

    /** The checks of option combinations; each failure is a usage error. */
    private void checkOptions(Mode runMode, Augmentation augmentation, Backprop backprop, OptimizerSpec optimizer) {
        if (testEvery != null && testEvery <= 0) {
            throw usage("--test-every must be > 0, was " + testEvery);
        }
        if (init != null && resume != null) {
            throw usage("--init starts a new run from trained weights; --resume continues a run: give one of them");
        }
        if (folds != null && (resume != null || testData != null || cache != null || cluster.enabled())) {
            throw usage("--folds cannot go with --resume, --test, --cache or --spark");
        }
        if (leaveOneSpeakerOut && (folds != null || resume != null || testData != null || cache != null
                || cluster.enabled())) {
            throw usage("--leave-one-speaker-out cannot go with --folds, --resume, --test, --cache or --spark");
        }
        if (cluster.localSteps != null && (!cluster.enabled() || cluster.localSteps < 1)) {
            throw usage("--spark-local-steps needs --spark and H >= 1, was " + cluster.localSteps);
        }
        if (cluster.enabled() && (runMode != Mode.MINIBATCH || augmentation != null)) {
            throw usage("--spark trains in minibatch mode (--mode minibatch) without --augment");
        }
        if (cluster.enabled() && (!backprop.isFull() || !optimizer.isAdam())) {
            throw usage("--spark computes full backpropagation's gradients for Adam: --backprop and --optimizer "
                    + "must keep their defaults");
        }
    }

    /** The options recorded in model.pb and the checkpoint, from which --resume restores the run. */
    private Map<String, String> recordedOptions(TrainingConfig config, Augmentation augmentation, Backprop backprop,
                                                OptimizerSpec optimizer) {
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("model", (init != null ? init : model).toString());
        if (init != null || resumedInit) {
            saved.put("init", "true");
        }
        saved.put("test", testData == null ? "" : testData);
        saved.put("mode", config.mode() == Mode.FAITHFUL ? "faithful" : "minibatch");
        saved.put("batch", String.valueOf(config.batchSize()));
        saved.put("seed", String.valueOf(config.seed()));
        saved.put("lr", String.valueOf(config.learningRate()));
        saved.put("lambda", String.valueOf(config.lambda()));
        saved.put("beta", String.valueOf(config.beta()));
        if (limit != null) {
            saved.put("limit", String.valueOf(limit));
        }
        if (testLimit != null) {
            saved.put("test_limit", String.valueOf(testLimit));
        }
        if (augmentation != null) {
            saved.put("augment", augmentation.toString());
        }
        // recorded only when not the default, so that a default run's model.pb stays as it was before these options
        if (!backprop.isFull()) {
            saved.put("backprop", backprop.toString());
        }
        if (!optimizer.isAdam()) {
            saved.put("optimizer", optimizer.toString());
        }
        if (cluster.localSteps != null) {
            saved.put("spark_local_steps", String.valueOf(cluster.localSteps));
        }
        return saved;
    }

    private void printRun(PrintWriter o, Path modelFile, NetworkSpec net, RunData runData, TrainingConfig config,
                          Augmentation augmentation, Backprop backprop, OptimizerSpec optimizer, Path dir) {
        int threadCount = config.threads();
        o.printf("model     %s: %s%n", modelFile, describe(net));
        o.printf("data      %s: %d training samples; test: %s, %d samples%n", runData.sets().description(),
                runData.train().size(), runData.testDescription(), runData.test().size());
        int epochCount = config.epochs();
        o.printf("training  %s mode%s, %d thread%s, seed %d, lr %s, lambda %s, beta %s, %d epoch%s -> %s%n",
                config.mode() == Mode.FAITHFUL ? "faithful" : "minibatch",
                config.mode() == Mode.MINIBATCH ? " (batch " + config.batchSize() + ")" : "", threadCount,
                threadCount == 1 ? "" : "s", config.seed(), config.learningRate(), config.lambda(), config.beta(),
                epochCount, epochCount == 1 ? "" : "s", dir);
        o.printf("settings  %s%n", settingsSource);
        if (augmentation != null) {
            o.printf("augment   %s (training set only, drawn per seed, epoch and sample)%n", augmentation);
        }
        if (!backprop.isFull() || !optimizer.isAdam()) {
            o.printf("method    backprop %s, optimizer %s%n", backprop, optimizer);
        }
        o.flush();
    }

    /**
     * Prints a run's progress: the resume line, a progress bar per epoch, the epoch's figures; records the report/
     * folder (unless --no-record) and draws training-curve.png after each epoch.
     */
    private final class Printer implements TrainingRun.Listener {
        private final PrintWriter o;
        private final NetworkSpec net;
        private final Path dir;
        private final RunData runData;
        private TrainingRecorder recorder;
        private Progress bar;
        /** --test-every's tests, or null. */
        private final TestCurve curve;
        /** The test accuracy after the last epoch done (NaN before). */
        double lastTestAccuracy = Double.NaN;

        Printer(PrintWriter o, NetworkSpec net, Path dir, RunData runData) {
            this.o = o;
            this.net = net;
            this.dir = dir;
            this.runData = runData;
            this.curve = testEvery == null ? null : new TestCurve(testEvery, dir, runData.test(), o);
        }

        @Override
        public void started(Hm2BpTrainer trainer, int firstEpoch) throws IOException {
            if (resume != null) {
                o.printf("resumed   after epoch %d from %s%n", firstEpoch, resume.resolve("checkpoint.pb"));
            }
            recorder = noRecord ? null : recorder(trainer, dir, net, runData.train(), runData.test(), firstEpoch);
            if (curve != null) {
                curve.started(trainer, firstEpoch, runData.train().size());
            }
        }

        @Override
        public ProgressListener progress(int epoch, int samples) {
            bar = new Progress(epoch, samples, !noProgress && System.console() != null);
            if (curve == null) {
                return bar;
            }
            final Progress b = bar;
            curve.epochStarted();
            return (e, done, total, cost, accuracy) -> {
                b.progress(e, done, total, cost, accuracy);
                try {
                    curve.progress(e, done, total);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            };
        }

        @Override
        public void trained(int epoch) {
            if (curve != null) {
                curve.epochTrained();
            }
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void epochDone(TrainingRun.EpochResult r) throws IOException {
            if (recorder != null) {
                recorder.epochDone(r.epoch(), r.test());
            }
            EpochStats stats = r.stats();
            Evaluation ev = r.test();
            lastTestAccuracy = ev.accuracy();
            if (curve != null) {
                curve.epochTested(r.epoch(), runData.train().size(), ev.accuracy());
            }
            double[] rates = stats.meanSpikesPerNeuron();
            StringBuilder rateText = new StringBuilder();
            for (int p = 0; p < rates.length; p++) {
                rateText.append(p == 0 ? "" : ", ").append(net.population(p).name()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", rates[p]));
            }
            o.printf(Locale.ROOT, "epoch %d   train cost %.2f, train accuracy %.2f %%, test accuracy %.2f %% "
                            + "(%d no-spike), %.1f s, %.0f samples/s, lr %.2e%n          spikes per neuron per "
                            + "sample: %s%n", r.epoch() + 1, stats.meanCost(), 100 * stats.accuracy(),
                    100 * ev.accuracy(), ev.noOutputSpikes(), stats.seconds(), stats.samplesPerSecond(),
                    stats.learningRate(), rateText);
            o.printf(Locale.ROOT, "          CPU time: training %.1f s (the process), of which backward passes %.1f s "
                    + "(worker threads)%n", r.cpuSeconds(), r.backwardSeconds());
            o.printf(Locale.ROOT, "          peak heap %.0f MB of %.0f MB (-Xmx), sum of the heap pools' peaks%n",
                    HeapPeaks.peakBytes() / 1048576.0, HeapPeaks.maxBytes() / 1048576.0);
            o.flush();
        }

        @Override
        public void saved(int epoch, List<String[]> metrics) throws IOException {
            TrainingCurve.write(dir.resolve("training-curve.png"), metrics);
        }
    }

    /** A recorder for {@code snn4j report} watching {@code trainer}, keeping a resumed run's first epochs. */
    static TrainingRecorder recorder(Hm2BpTrainer trainer, Path dir, NetworkSpec net, Dataset train, Dataset test,
                                     int firstEpoch) throws IOException {
        String[] names = new String[trainer.layerCount()];
        for (int k = 0; k < names.length; k++) {
            names[k] = trainer.layerName(k);
        }
        TrainingRecorder recorder = new TrainingRecorder(dir, net, names, train.size());
        if (firstEpoch > 0) {
            recorder.resume(firstEpoch);
        }
        recorder.writeProbes(test);
        trainer.observe(recorder);
        return recorder;
    }

    /** A parsed option; a parse failure (its message names the option without "--") is a usage error. */
    private <T> T option(java.util.function.Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw usage("--" + e.getMessage());
        }
    }

    /**
     * The --augment option: {@code null} for none; otherwise it needs event data in the N-MNIST channel layout.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    static Augmentation parseAugmentation(String spec, String dataSpec, Dataset train) {
        boolean events = dataSpec.startsWith("nmnist:") || dataSpec.startsWith("emulated:mnist:");
        // dropping spikes needs no sensor layout: other data take one row of their channels
        ChannelLayout layout = events ? ChannelLayout.nmnist()
                : ChannelLayout.mergedPolarities(train.channelCount(), 1);
        Augmentation a;
        try {
            a = Augmentation.parse(spec, layout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--augment: " + e.getMessage(), e);
        }
        if (a != null && !events && a.maxShiftPx() > 0) {
            throw new IllegalArgumentException("--augment " + spec + ": shift works on event data (nmnist:DIR, "
                    + "emulated:mnist:DIR), not on --data " + dataSpec + " (drop:P works on any data)");
        }
        if (a != null && train.channelCount() != layout.channelCount()) {
            throw new IllegalArgumentException("--augment " + spec + ": the training data has "
                    + train.channelCount() + " channels, the N-MNIST layout " + layout.channelCount());
        }
        return a;
    }

    /** Opens the spike cache of {@code train}, writing it first when it is absent or does not match. */
    static CachedDataset openCache(Path file, Dataset train, int threads, PrintWriter o) throws IOException {
        if (Files.isRegularFile(file)) {
            CachedDataset c = SpikeCache.open(file);
            if (c.size() == train.size() && c.channelCount() == train.channelCount()
                    && c.tickCount() == train.tickCount()) {
                o.printf("cache     %s: %d samples%n", file, c.size());
                return c;
            }
            c.close();
        }
        long start = System.nanoTime();
        SpikeCache.write(file, train, threads);
        o.printf(Locale.ROOT, "cache     %s: wrote %d samples in %.1f s%n", file, train.size(),
                (System.nanoTime() - start) / 1e9);
        return SpikeCache.open(file);
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String fmt(double x) {
        return TrainingRun.fmt(x);
    }

    static String describe(NetworkSpec net) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < net.populations().size(); p++) {
            sb.append(p == 0 ? "" : "-").append(net.population(p).size());
        }
        return sb + ", " + net.ticks() + " ticks";
    }

    /** A data set made of two others, one after the other. */
    static Dataset concat(Dataset a, Dataset b) {
        return new Dataset() {
            @Override
            public int size() {
                return a.size() + b.size();
            }

            @Override
            public int label(int index) {
                return index < a.size() ? a.label(index) : b.label(index - a.size());
            }

            @Override
            public io.snn4j.event.InputSpikes load(int index) {
                return index < a.size() ? a.load(index) : b.load(index - a.size());
            }

            @Override
            public int channelCount() {
                return a.channelCount();
            }

            @Override
            public int tickCount() {
                return Math.max(a.tickCount(), b.tickCount());
            }
        };
    }

    /** A progress bar on the terminal (samples/s, ETA, running accuracy and cost); silent elsewhere. */
    static final class Progress implements ProgressListener, AutoCloseable {
        private final ProgressBar bar;

        Progress(int epoch, int total, boolean show) {
            bar = show ? new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).showSpeed()
                    .setUpdateIntervalMillis(500).build() : null;
        }

        @Override
        public void progress(int epoch, int done, int total, double meanCost, double accuracy) {
            if (bar != null) {
                bar.stepTo(done);
                bar.setExtraMessage(String.format(Locale.ROOT, " acc %.1f %% cost %.1f", 100 * accuracy, meanCost));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
