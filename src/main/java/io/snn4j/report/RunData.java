package io.snn4j.report;

import io.snn4j.data.dataset.CachedDataset;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.event.InputSpikes;
import io.snn4j.model.ModelFiles;
import io.snn4j.model.proto.ModelProto;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run folder holds for the report: {@code metrics.csv} and {@code model.pb} (required), and what
 * {@link TrainingRecorder} wrote into {@code report/} (each part may be absent: {@link #missing} lists them).
 * Immutable after loading.
 */
final class RunData {
    final Path dir;
    final NetworkSpec spec;
    final Map<String, String> metadata;
    final InputLayout layout;
    final CsvTable metrics;
    final CsvTable updates;
    final CsvTable activity;
    final CsvTable confusion;
    final StepFile.Step step;
    final List<InputSpikes> probes;
    final int[] probeLabels;
    final List<String> missing;
    /** The training settings model.pb records ({@code TrainingSettings.NONE} for a model written before 1.4). */
    final io.snn4j.model.TrainingSettings training;

    private RunData(Path dir, NetworkSpec spec, Map<String, String> metadata, InputLayout layout, CsvTable metrics,
                    CsvTable updates, CsvTable activity, CsvTable confusion, StepFile.Step step,
                    List<InputSpikes> probes, int[] probeLabels, List<String> missing,
                    io.snn4j.model.TrainingSettings training) {
        this.dir = dir;
        this.spec = spec;
        this.metadata = metadata;
        this.layout = layout;
        this.metrics = metrics;
        this.updates = updates;
        this.activity = activity;
        this.confusion = confusion;
        this.step = step;
        this.probes = probes;
        this.probeLabels = probeLabels;
        this.missing = missing;
        this.training = training;
    }

    /**
     * @throws IOException naming the file and the problem when a required file is absent or any file is malformed
     */
    static RunData load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a run folder (no such directory)");
        }
        Path modelFile = dir.resolve("model.pb");
        Path metricsFile = dir.resolve("metrics.csv");
        for (Path p : List.of(modelFile, metricsFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + ": missing; a run folder written by `snn4j train` has model.pb and "
                        + "metrics.csv");
            }
        }
        ModelProto proto = ModelFiles.read(modelFile);
        NetworkSpec spec = ModelFiles.toNetwork(proto, modelFile.toString());
        InputLayout layout = InputLayout.of(spec.inputPopulation().shape(), proto.getInputPipeline(),
                proto.getInputEncoding());
        CsvTable metrics = CsvTable.read(metricsFile, "epoch", "train_cost", "train_accuracy", "test_accuracy");
        Path r = dir.resolve("report");
        List<String> missing = new ArrayList<>();
        CsvTable updates = optional(r.resolve("updates.csv"), missing, TrainingRecorder.UPDATES_HEADER.split(","));
        CsvTable activity = optional(r.resolve("activity.csv"), missing,
                TrainingRecorder.ACTIVITY_HEADER.split(","));
        CsvTable confusion = optional(r.resolve("confusion.csv"), missing,
                TrainingRecorder.CONFUSION_HEADER.split(","));
        StepFile.Step step = null;
        Path stepFile = r.resolve("last-step.bin");
        if (Files.isRegularFile(stepFile)) {
            step = StepFile.read(stepFile);
        } else {
            missing.add("report/last-step.bin");
        }
        List<InputSpikes> probes = new ArrayList<>();
        int[] labels = new int[0];
        Path probeFile = r.resolve("probes.spk");
        if (Files.isRegularFile(probeFile)) {
            try (CachedDataset c = SpikeCache.open(probeFile)) {
                if (c.channelCount() != spec.inputPopulation().size()) {
                    throw new IOException(probeFile + ": " + c.channelCount() + " channels, the model's input "
                            + spec.inputPopulation().size());
                }
                labels = new int[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    probes.add(c.load(i));
                    labels[i] = c.label(i);
                }
            }
        } else {
            missing.add("report/probes.spk");
        }
        return new RunData(dir, spec, proto.getMetadataMap(), layout, metrics, updates, activity, confusion, step,
                probes, labels, missing, ModelFiles.trainingSettings(proto, modelFile.toString()));
    }

    private static CsvTable optional(Path file, List<String> missing, String... columns) throws IOException {
        if (!Files.isRegularFile(file)) {
            missing.add("report/" + file.getFileName());
            return null;
        }
        return CsvTable.read(file, columns);
    }
}
