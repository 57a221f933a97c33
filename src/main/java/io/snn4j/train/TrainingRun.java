package io.snn4j.train;

import io.snn4j.data.dataset.Augmentation;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.io.AtomicFiles;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.ModelWriter;
import io.snn4j.model.TrainingSettings;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.ProvenanceProto;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole HM2-BP training run into a folder: the epochs of {@link Hm2BpTrainer} (on this machine or on a
 * {@link Cluster}), the test after every epoch, and after every epoch {@code model.pb} (the trained network with the
 * run's options, provenance, input pipeline and effective training settings), {@code metrics.csv} and a checkpoint,
 * each written atomically; a run resumed from its last checkpoint ends with the same bytes as an uninterrupted one.
 * What {@code snn4j train} runs once it has parsed its options and opened the data.
 *
 * <pre>{@code
 * TrainingRun run = new TrainingRun(net, config, Path.of("runs/mnist"))
 *         .data(train, test, "mnist:DIR", pipeline)
 *         .checkpoints(Checkpoints::write);
 * run.run(TrainingRun.Listener.NONE);
 * }</pre>
 *
 * The checkpoint file format lives in {@code Checkpoints} of the export package (a higher layer), so the run takes
 * the writer as a parameter. Driven from one thread; not reusable once run.
 */
public final class TrainingRun {
    /** The columns of {@code metrics.csv} before one {@code spikes_per_neuron_<population>} column per population. */
    public static final List<String> METRICS_HEADER = List.of("epoch", "train_samples", "train_cost",
            "train_accuracy", "test_accuracy", "test_no_output_spikes", "epoch_seconds", "samples_per_second",
            "learning_rate");

    /** Writes a checkpoint; {@code Checkpoints::write} of the export package is the one snn4j reads back. */
    @FunctionalInterface
    public interface CheckpointWriter {
        void write(Path file, TrainerState state, Map<String, String> options, String data, int trainSamples,
                   AuxState aux, TrainingSettings settings) throws IOException;
    }

    /** Watches a run, on the thread that called {@link #run}. The default methods do nothing. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /**
         * The trainer is ready (restored when resuming) and epoch {@code firstEpoch} (0-based) comes next: the place
         * to attach a {@link TrainingObserver} with {@link Hm2BpTrainer#observe}.
         */
        default void started(Hm2BpTrainer trainer, int firstEpoch) throws IOException {
        }

        /** Receives the progress of epoch {@code epoch}; {@link #trained} follows, also when the epoch fails. */
        default ProgressListener progress(int epoch, int samples) {
            return ProgressListener.NONE;
        }

        /** Epoch {@code epoch} has been trained (before its test). */
        default void trained(int epoch) {
        }

        /** An epoch was trained and tested; its files are written next. */
        default void epochDone(EpochResult result) throws IOException {
        }

        /**
         * An epoch's files ({@code model.pb}, {@code metrics.csv}, the checkpoint) are written; {@code metrics} holds
         * the rows of {@code metrics.csv} so far (read-only).
         */
        default void saved(int epoch, List<String[]> metrics) throws IOException {
        }
    }

    /**
     * One epoch's outcome.
     *
     * @param epoch           0-based
     * @param stats           the training pass
     * @param test            the test after it
     * @param cpuSeconds      CPU time of the whole process during the training pass (0 where the JVM cannot tell)
     * @param backwardSeconds CPU time of the backward passes (worker threads)
     */
    public record EpochResult(int epoch, EpochStats stats, Evaluation test, double cpuSeconds,
                              double backwardSeconds) {
    }

    private final NetworkSpec net;
    private final TrainingConfig config;
    private final Path dir;
    private Backprop backprop = Backprop.parse("full");
    private OptimizerSpec optimizer = OptimizerSpec.parse("adam");
    private Dataset train;
    private Dataset test;
    private String dataSpec = "";
    private InputPipelineProto pipeline;
    private Augmentation augmentation;
    private Map<String, String> options = Map.of();
    private Cluster cluster;
    private Integer localSteps;
    private String trainKey;
    private String testKey;
    private TrainerState resumeState;
    private AuxState resumeAux;
    private Path resumeFile;
    private CheckpointWriter checkpoints;

    /**
     * @param net    the network to train
     * @param config the training options; {@code config.epochs()} is the epoch count the run ends after
     * @param dir    the folder the run writes into (created when absent)
     */
    public TrainingRun(NetworkSpec net, TrainingConfig config, Path dir) {
        this.net = net;
        this.config = config;
        this.dir = dir;
    }

    /** The error propagation and optimiser (default: full backpropagation, Adam). */
    public TrainingRun methods(Backprop backprop, OptimizerSpec optimizer) {
        this.backprop = backprop;
        this.optimizer = optimizer;
        return this;
    }

    /**
     * The data: {@code spec} names it in {@code model.pb} and the checkpoint; {@code pipeline} is the input pipeline
     * recorded in {@code model.pb} (may be {@code null}).
     */
    public TrainingRun data(Dataset train, Dataset test, String spec, InputPipelineProto pipeline) {
        this.train = train;
        this.test = test;
        this.dataSpec = spec;
        this.pipeline = pipeline;
        return this;
    }

    /** Augments each epoch's training data ({@code null}: none), drawn from the config's seed and the epoch. */
    public TrainingRun augmentation(Augmentation augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    /** The run's options, recorded in {@code model.pb}'s metadata and training provenance and in the checkpoint. */
    public TrainingRun options(Map<String, String> options) {
        this.options = new LinkedHashMap<>(options);
        return this;
    }

    /**
     * Trains and tests on {@code cluster}: minibatch gradients computed there, or with {@code localSteps} (not
     * {@code null}) local steps per task between averages; {@code trainKey} and {@code testKey} name the data sets
     * for the cluster's caches.
     */
    public TrainingRun cluster(Cluster cluster, Integer localSteps, String trainKey, String testKey) {
        this.cluster = cluster;
        this.localSteps = localSteps;
        this.trainKey = trainKey;
        this.testKey = testKey;
        return this;
    }

    /**
     * Continues from a checkpoint's state: the run starts after epoch {@code state.epoch()} and keeps the first rows of
     * the folder's {@code metrics.csv}; {@code from} names the checkpoint in error messages.
     */
    public TrainingRun resume(TrainerState state, AuxState aux, Path from) {
        this.resumeState = state;
        this.resumeAux = aux;
        this.resumeFile = from;
        return this;
    }

    /** Writes {@code checkpoint.pb} after every epoch with {@code writer} ({@code null}: no checkpoints). */
    public TrainingRun checkpoints(CheckpointWriter writer) {
        this.checkpoints = writer;
        return this;
    }

    /**
     * Runs the remaining epochs.
     *
     * @throws IOException when a file cannot be written, or the resumed state does not fit (naming the checkpoint)
     */
    public void run(Listener listener) throws IOException {
        if (train == null || test == null) {
            throw new IllegalStateException("training run: no data (call data(...) first)");
        }
        Files.createDirectories(dir);
        try (Hm2BpTrainer trainer = new Hm2BpTrainer(net, config, backprop, optimizer)) {
            if (cluster != null && localSteps == null) {
                trainer.computeBatchesWith(cluster.gradients(net, config, train, trainKey));
            }
            int first = 0;
            List<String[]> metrics = new ArrayList<>();
            if (resumeState != null) {
                trainer.restore(resumeState);
                try {
                    trainer.restoreAux(resumeAux);
                } catch (IllegalArgumentException ex) {
                    throw new IOException(resumeFile + ": " + ex.getMessage(), ex);
                }
                first = resumeState.epoch();
                metrics = readMetrics(dir.resolve("metrics.csv"), first);
            }
            listener.started(trainer, first);
            for (int e = first; e < config.epochs(); e++) {
                EpochResult result = epoch(trainer, e, listener);
                listener.epochDone(result);
                metrics.add(metricsRow(result));
                save(trainer, result, metrics);
                listener.saved(e, Collections.unmodifiableList(metrics));
            }
        }
    }

    /** Trains and tests epoch {@code e}. */
    private EpochResult epoch(Hm2BpTrainer trainer, int e, Listener listener) throws IOException {
        EpochStats stats;
        double cpuSeconds;
        try {
            ProgressListener progress = listener.progress(e, train.size());
            Dataset epochData = augmentation == null ? train : augmentation.view(train, config.seed(), e);
            long cpu0 = processCpuNanos();
            stats = localSteps != null
                    ? cluster.trainEpochAveraged(trainer, net, epochData, trainKey, localSteps, progress)
                    : trainer.trainEpoch(epochData, progress);
            cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        } finally {
            listener.trained(e);
        }
        Evaluation ev = cluster != null ? cluster.evaluate(trainer.networkSpec(), test, testKey)
                : trainer.evaluate(test);
        return new EpochResult(e, stats, ev, cpuSeconds, trainer.backwardSeconds());
    }

    /** Writes {@code model.pb}, {@code metrics.csv} and the checkpoint after an epoch. */
    private void save(Hm2BpTrainer trainer, EpochResult result, List<String[]> metrics) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(options);
        meta.put("data", dataSpec);
        meta.put("epochs", String.valueOf(result.epoch() + 1));
        meta.put("test_accuracy", fmt(result.test().accuracy()));
        meta.put("trainer", "HM2-BP " + (config.mode() == Mode.FAITHFUL ? "faithful" : "minibatch"));
        ProvenanceProto provenance = ProvenanceProto.newBuilder().setDataset(dataSpec)
                .setAccuracy(result.test().accuracy()).setTrainingSeed(config.seed()).putAllTraining(options).build();
        TrainingSettings settings = settings(result.epoch() + 1);
        ModelFiles.writeBinary(ModelWriter.trained(trainer.networkSpec(), meta, provenance, pipeline, settings),
                dir.resolve("model.pb"));
        writeMetrics(dir.resolve("metrics.csv"), net, metrics);
        if (checkpoints != null) {
            checkpoints.write(dir.resolve("checkpoint.pb"), trainer.state(), options, dataSpec, train.size(),
                    trainer.auxState(), settings);
        }
    }

    /**
     * The settings that shaped the weights after {@code epochsDone} epochs, as {@code model.pb} and the checkpoint
     * record them: the config's, the methods and the augmentation; nothing about threads, machine or cluster.
     */
    public TrainingSettings settings(int epochsDone) {
        return config.settings(backprop, optimizer, augmentation).withEpochs(epochsDone);
    }

    /** The {@code metrics.csv} row of an epoch. */
    private static String[] metricsRow(EpochResult r) {
        EpochStats stats = r.stats();
        double[] rates = stats.meanSpikesPerNeuron();
        String[] row = new String[METRICS_HEADER.size() + rates.length];
        row[0] = String.valueOf(r.epoch() + 1);
        row[1] = String.valueOf(stats.samples());
        row[2] = fmt(stats.meanCost());
        row[3] = fmt(stats.accuracy());
        row[4] = fmt(r.test().accuracy());
        row[5] = String.valueOf(r.test().noOutputSpikes());
        row[6] = fmt(stats.seconds());
        row[7] = fmt(stats.samplesPerSecond());
        row[8] = fmt(stats.learningRate());
        for (int p = 0; p < rates.length; p++) {
            row[METRICS_HEADER.size() + p] = fmt(rates[p]);
        }
        return row;
    }

    /** A number as {@code metrics.csv} and {@code model.pb}'s metadata write it: 6 significant digits. */
    public static String fmt(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    /** CPU time of the whole process so far (all threads, JIT and GC included), or 0 where the JVM cannot tell. */
    public static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** Writes {@code metrics.csv} atomically: {@link #METRICS_HEADER}, a spike-rate column per population, rows. */
    static void writeMetrics(Path file, NetworkSpec net, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", METRICS_HEADER));
        for (int p = 0; p < net.populations().size(); p++) {
            sb.append(",spikes_per_neuron_").append(net.population(p).name());
        }
        sb.append('\n');
        for (String[] r : rows) {
            sb.append(String.join(",", r)).append('\n');
        }
        AtomicFiles.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** The rows of the first {@code epochs} epochs of an existing metrics file (none when it is absent). */
    static List<String[]> readMetrics(Path file, int epochs) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size() && rows.size() < epochs; i++) {
            rows.add(lines.get(i).split(","));
        }
        return rows;
    }
}
