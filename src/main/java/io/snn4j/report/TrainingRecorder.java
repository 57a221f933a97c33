package io.snn4j.report;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.SpikeCache;
import io.snn4j.io.AtomicFiles;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.train.ActivityStats;
import io.snn4j.train.Evaluation;
import io.snn4j.train.TrainingObserver;
import io.snn4j.train.UpdateStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records what {@code snn4j report} shows while a run trains, into {@code RUN_DIR/report/} (every file rewritten
 * atomically after each epoch):
 * <ul>
 *   <li>{@code updates.csv}: about {@value #UPDATES_PER_EPOCH} measured Adam updates per epoch, at most one in
 *       {@value #MIN_STRIDE} (and always the last), one row per trainable layer: {@value #UPDATES_HEADER};</li>
 *   <li>{@code activity.csv}: about {@value #INTERVALS_PER_EPOCH} intervals per epoch, one row per non-input
 *       population: {@value #ACTIVITY_HEADER}. A neuron is dead in an interval when it did not spike on any of its
 *       samples, saturated when it spiked on average at least 90 % of the most a neuron can in a sample
 *       ({@link #maxSpikes});</li>
 *   <li>{@code confusion.csv}: the test confusion matrix after every epoch: {@value #CONFUSION_HEADER};</li>
 *   <li>{@code last-step.bin}: the last update of the last epoch ({@link StepFile});</li>
 *   <li>{@code probes.spk}: the first test samples, in the spike-cache format ({@link SpikeCache}).</li>
 * </ul>
 * Epochs are counted from 1 in the files, as in {@code metrics.csv}. Called on the training thread; not thread-safe.
 */
public final class TrainingRecorder implements TrainingObserver {
    static final int UPDATES_PER_EPOCH = 50;
    /** At most one update in this many is measured (a measurement costs about three passes over the weights). */
    static final int MIN_STRIDE = 40;
    static final int INTERVALS_PER_EPOCH = 25;
    static final String UPDATES_HEADER = "epoch,update,updates,samples_done,epoch_samples,learning_rate,layer,"
            + "gradient_norm,update_norm,weight_norm";
    static final String ACTIVITY_HEADER = "epoch,samples_done,epoch_samples,interval_samples,population,neurons,dead,"
            + "saturated,mean_spikes_per_neuron";
    static final String CONFUSION_HEADER = "epoch,label,decision,count";
    /** Test samples kept in {@code probes.spk}. */
    public static final int PROBES = 32;

    private final Path dir;
    private final NetworkSpec spec;
    private final String[] layerNames;
    private final int epochSamples;
    private final List<String> updates = new ArrayList<>();
    private final List<String> activity = new ArrayList<>();
    private final List<String> confusion = new ArrayList<>();
    private float[][] lastStep;
    private int lastStepEpoch;

    /**
     * @param runDir       the run folder; files go to its {@code report/} subfolder
     * @param spec         the trained network
     * @param layerNames   the trainer's layers (projection names), in the order of {@link UpdateStats}'s arrays
     * @param epochSamples training samples per epoch
     */
    public TrainingRecorder(Path runDir, NetworkSpec spec, String[] layerNames, int epochSamples) {
        this.dir = runDir.resolve("report");
        this.spec = spec;
        this.layerNames = layerNames.clone();
        this.epochSamples = epochSamples;
    }

    /** The folder the files go to. */
    public Path folder() {
        return dir;
    }

    /** Keeps the rows of the first {@code epochs} epochs already in the folder (for a resumed run). */
    public void resume(int epochs) throws IOException {
        keep(dir.resolve("updates.csv"), epochs, updates);
        keep(dir.resolve("activity.csv"), epochs, activity);
        keep(dir.resolve("confusion.csv"), epochs, confusion);
    }

    private static void keep(Path file, int epochs, List<String> rows) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int comma = line.indexOf(',');
            if (comma > 0 && Integer.parseInt(line.substring(0, comma)) <= epochs) {
                rows.add(line);
            }
        }
    }

    /** Writes the first {@value #PROBES} samples of {@code test} to {@code probes.spk}. */
    public void writeProbes(Dataset test) throws IOException {
        Files.createDirectories(dir);
        SpikeCache.write(dir.resolve("probes.spk"), Datasets.range(test, 0, Math.min(PROBES, test.size())));
    }

    @Override
    public boolean observes(int epoch, int update, int updateCount) {
        int stride = Math.max(MIN_STRIDE, updateCount / UPDATES_PER_EPOCH);
        return update % stride == 0 || update == updateCount - 1;
    }

    @Override
    public void updated(UpdateStats s) {
        double[] g = s.gradientNorms();
        double[] u = s.updateNorms();
        double[] w = s.weightNorms();
        for (int k = 0; k < g.length; k++) {
            updates.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%.6g,%s,%.6g,%.6g,%.6g", s.epoch() + 1,
                    s.update(), s.updates(), s.samplesDone(), epochSamples, s.learningRate(),
                    k < layerNames.length ? layerNames[k] : "layer" + k, g[k], u[k], w[k]));
        }
        if (s.hasStep()) {
            lastStep = s.step();
            lastStepEpoch = s.epoch();
        }
    }

    @Override
    public int activityInterval() {
        return Math.max(1, epochSamples / INTERVALS_PER_EPOCH);
    }

    /** Most spikes a neuron of {@code p} can fire in one sample: at ticks 1, 1 + (R + 1), ... below the tick count. */
    static int maxSpikes(PopulationSpec p, int ticks) {
        int r = p.lif() == null ? 0 : p.lif().refractoryTicks();
        return ticks < 2 ? 0 : (ticks - 2) / (r + 1) + 1;
    }

    @Override
    public void activity(ActivityStats a) {
        long[] spikes = a.neuronSpikes();
        int offset = 0;
        for (int p = 0; p < spec.populations().size(); p++) {
            PopulationSpec pop = spec.population(p);
            int size = pop.size();
            if (!pop.isInput()) {
                double saturatedAt = 0.9 * maxSpikes(pop, spec.ticks()) * a.samples();
                int dead = 0;
                int saturated = 0;
                long sum = 0;
                for (int n = offset; n < offset + size; n++) {
                    dead += spikes[n] == 0 ? 1 : 0;
                    saturated += spikes[n] > 0 && spikes[n] >= saturatedAt ? 1 : 0;
                    sum += spikes[n];
                }
                activity.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%s,%d,%d,%d,%.6g", a.epoch() + 1, a.samplesDone(),
                        epochSamples, a.samples(), pop.name(), size, dead, saturated,
                        (double) sum / size / a.samples()));
            }
            offset += size;
        }
    }

    /** After epoch {@code epoch} (0-based) and its test: adds the confusion matrix and rewrites every file. */
    public void epochDone(int epoch, Evaluation test) throws IOException {
        int[][] c = test.confusion();
        for (int label = 0; label < c.length; label++) {
            for (int d = 0; d < c[label].length; d++) {
                confusion.add((epoch + 1) + "," + label + "," + d + "," + c[label][d]);
            }
        }
        Files.createDirectories(dir);
        write("updates.csv", UPDATES_HEADER, updates);
        write("activity.csv", ACTIVITY_HEADER, activity);
        write("confusion.csv", CONFUSION_HEADER, confusion);
        if (lastStep != null) {
            StepFile.write(dir.resolve("last-step.bin"), lastStepEpoch, lastStep);
        }
    }

    private void write(String name, String header, List<String> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header.length() + 64 * rows.size());
        sb.append(header).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(name), sb, StandardCharsets.UTF_8);
    }
}
