package io.snn4j.train;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.io.AtomicFiles;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A network run on every sample of a data set with the stepped engine (float or integer mode, as the network says),
 * one engine per worker thread, sample {@code i} on worker {@code i mod threads}. Keeps per sample the decision (most
 * output spikes, ties to the lowest index, silent: class 0, as training decides), whether the output stayed silent,
 * the output neurons' spike counts and every population's spike count, and the accumulator saturations over all
 * samples. The results do not depend on the thread count. {@link Hm2BpTrainer#evaluate}, {@code snn4j eval} and the
 * fixed-point calibration of {@code snn4j export} all classify through it. Immutable once built.
 */
public final class DatasetRun {
    private final int[] decisions;
    private final boolean[] silent;
    private final long[][] spikes;
    private final long saturations;
    private final int[][] outputs;
    private final int classes;

    private DatasetRun(int[] decisions, boolean[] silent, long[][] spikes, long saturations, int[][] outputs,
                       int classes) {
        this.classes = classes;
        this.decisions = decisions;
        this.silent = silent;
        this.spikes = spikes;
        this.saturations = saturations;
        this.outputs = outputs;
    }

    /**
     * Runs {@code net} on every sample of {@code data} for {@code net.ticks()} ticks on {@code threads} threads of a
     * pool made for the run.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static DatasetRun of(NetworkSpec net, Dataset data, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return of(CompiledNetwork.compile(net), net.ticks(), data, pool, threads);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code compiled} for {@code ticks} ticks per sample as {@code threads} tasks of {@code pool}. */
    static DatasetRun of(CompiledNetwork compiled, int ticks, Dataset data, ExecutorService pool, int threads) {
        NetworkSpec net = compiled.spec();
        int n = data.size();
        int populations = net.populations().size();
        int out = net.output();
        int classes = net.population(out).size();
        int[] decisions = new int[n];
        boolean[] silent = new boolean[n];
        long[][] spikes = new long[n][populations];
        int[][] outputs = new int[n][];
        long[] saturations = new long[threads];
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            final int first = w;
            futures.add(pool.submit(() -> {
                SteppedEngine engine = new SteppedEngine(compiled);
                for (int i = first; i < n; i += threads) {
                    SimulationResult r = engine.run(data.load(i), ticks, false);
                    int[] counts = r.neuronCounts(out);
                    decisions[i] = RateLoss.decide(counts, 0, classes);
                    outputs[i] = Arrays.copyOf(counts, classes);
                    silent[i] = RateLoss.silent(counts, 0, classes);
                    for (int p = 0; p < populations; p++) {
                        spikes[i][p] = r.populationSpikes(p);
                    }
                    saturations[first] += r.saturations();
                }
            }));
        }
        Hm2BpTrainer.await(futures);
        long sum = 0;
        for (long s : saturations) {
            sum += s;
        }
        return new DatasetRun(decisions, silent, spikes, sum, outputs, classes);
    }

    /** Samples run. */
    public int size() {
        return decisions.length;
    }

    /** The decided class of sample {@code i}. */
    public int decision(int i) {
        return decisions[i];
    }

    /** Whether no output neuron spiked on sample {@code i}. */
    public boolean isSilent(int i) {
        return silent[i];
    }

    /** Spikes of population {@code p} on sample {@code i}. */
    public long populationSpikes(int i, int p) {
        return spikes[i][p];
    }

    /** Accumulator saturations over all samples (integer mode; 0 in float mode). */
    public long saturations() {
        return saturations;
    }

    /** Samples whose decision is their label in {@code data} (the data set this run ran on). */
    public int correct(Dataset data) {
        int c = 0;
        for (int i = 0; i < decisions.length; i++) {
            c += decisions[i] == data.label(i) ? 1 : 0;
        }
        return c;
    }

    /** The confusion matrix [true class][decided class] (labels beyond the classes are left out). */
    public int[][] confusion(Dataset data, int classes) {
        int[][] c = new int[classes][classes];
        for (int i = 0; i < decisions.length; i++) {
            if (data.label(i) < classes) {
                c[data.label(i)][decisions[i]]++;
            }
        }
        return c;
    }

    /**
     * The test-set summary of this run over {@code data} (the data set it ran on), as {@link Hm2BpTrainer#evaluate}
     * reports it.
     */
    public Evaluation evaluation(Dataset data) {
        int n = decisions.length;
        int[] labels = new int[n];
        Evaluation.Outcome[] outcomes = new Evaluation.Outcome[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
            long sum = 0;
            for (int c : outputs[i]) {
                sum += c;
            }
            outcomes[i] = new Evaluation.Outcome(decisions[i], silent[i], sum);
        }
        return Evaluation.of(labels, outcomes, classes);
    }

    /**
     * Writes the per-sample predictions as CSV, atomically: {@code index,file,label,predicted,out0,out1,...}
     * ({@code file} empty where a sample has none; {@code predicted} is {@code none} where no output neuron
     * spiked, though the accuracy counts such a sample as class 0, as the reference evaluates).
     */
    public void writePredictions(Path file, Dataset data) throws IOException {
        int classes = outputs.length == 0 ? 0 : outputs[0].length;
        StringBuilder b = new StringBuilder("index,file,label,predicted");
        for (int k = 0; k < classes; k++) {
            b.append(",out").append(k);
        }
        b.append('\n');
        for (int i = 0; i < decisions.length; i++) {
            String source = data.source(i);
            b.append(i).append(',').append(csv(source)).append(',').append(data.label(i)).append(',')
                    .append(silent[i] ? "none" : String.valueOf(decisions[i]));
            for (int c : outputs[i]) {
                b.append(',').append(c);
            }
            b.append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Samples whose decision equals that of {@code other} (a run on the same data set). */
    public int agreement(DatasetRun other) {
        int same = 0;
        for (int i = 0; i < decisions.length; i++) {
            same += decisions[i] == other.decisions[i] ? 1 : 0;
        }
        return same;
    }

    /** Sum over samples and populations of |spikes - other's spikes| (a run on the same data set). */
    public long spikeDifference(DatasetRun other) {
        long d = 0;
        for (int i = 0; i < spikes.length; i++) {
            for (int p = 0; p < spikes[i].length; p++) {
                d += Math.abs(spikes[i][p] - other.spikes[i][p]);
            }
        }
        return d;
    }
}
