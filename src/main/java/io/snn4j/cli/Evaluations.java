package io.snn4j.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.train.RateLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a network (float or integer mode) on every sample of a data set with the stepped engine, one engine per worker
 * thread, and keeps per sample the decision (most output spikes, ties to the lowest index, silent: class 0, as
 * training evaluates), the spikes of every population and the accumulator saturations. Used by {@code eval
 * --integer} and by the fixed-point calibration of {@code export --calibrate}.
 */
final class Evaluations {
    /**
     * Per-sample results.
     *
     * @param decisions   decided class per sample
     * @param silent      whether the output population stayed silent
     * @param spikes      [sample][population] spike counts
     * @param saturations accumulator saturations over all samples (integer mode)
     * @param outputs     [sample][output neuron] spike counts
     */
    record Run(int[] decisions, boolean[] silent, long[][] spikes, long saturations, int[][] outputs) {
        int correct(Dataset data) {
            int c = 0;
            for (int i = 0; i < decisions.length; i++) {
                c += decisions[i] == data.label(i) ? 1 : 0;
            }
            return c;
        }

        /** The confusion matrix [true class][decided class] (labels beyond the classes are left out). */
        int[][] confusion(Dataset data, int classes) {
            int[][] c = new int[classes][classes];
            for (int i = 0; i < decisions.length; i++) {
                if (data.label(i) < classes) {
                    c[data.label(i)][decisions[i]]++;
                }
            }
            return c;
        }

        /**
         * Writes the per-sample predictions as CSV, atomically: {@code index,file,label,predicted,out0,out1,...}
         * ({@code file} empty where a sample has none; {@code predicted} is {@code none} where no output neuron
         * spiked, though the accuracy counts such a sample as class 0, as the reference evaluates).
         */
        void writePredictions(Path file, Dataset data) throws IOException {
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
            byte[] bytes = b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            io.snn4j.io.AtomicFiles.write(file, out -> out.write(bytes));
        }

        private static String csv(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n")
                    ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        /** Samples whose decision equals that of {@code other}. */
        int agreement(Run other) {
            int same = 0;
            for (int i = 0; i < decisions.length; i++) {
                same += decisions[i] == other.decisions[i] ? 1 : 0;
            }
            return same;
        }

        /** Sum over samples and populations of |spikes - other's spikes|. */
        long spikeDifference(Run other) {
            long d = 0;
            for (int i = 0; i < spikes.length; i++) {
                for (int p = 0; p < spikes[i].length; p++) {
                    d += Math.abs(spikes[i][p] - other.spikes[i][p]);
                }
            }
            return d;
        }
    }

    private Evaluations() {
    }

    static Run run(NetworkSpec net, Dataset data, int threads) {
        CompiledNetwork compiled = CompiledNetwork.compile(net);
        int n = data.size();
        int pops = net.populations().size();
        int out = net.output();
        int classes = net.population(out).size();
        int[] decisions = new int[n];
        boolean[] silent = new boolean[n];
        long[][] spikes = new long[n][pops];
        int[][] outputs = new int[n][];
        long[] saturations = new long[threads];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                final int first = w;
                futures.add(pool.submit(() -> {
                    SteppedEngine engine = new SteppedEngine(compiled);
                    for (int i = first; i < n; i += threads) {
                        SimulationResult r = engine.run(data.load(i), net.ticks(), false);
                        int[] counts = r.neuronCounts(out);
                        decisions[i] = RateLoss.decide(counts, 0, classes);
                        outputs[i] = java.util.Arrays.copyOf(counts, classes);
                        silent[i] = RateLoss.silent(counts, 0, classes);
                        for (int p = 0; p < pops; p++) {
                            spikes[i][p] = r.populationSpikes(p);
                        }
                        saturations[first] += r.saturations();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long sat = 0;
        for (long s : saturations) {
            sat += s;
        }
        return new Run(decisions, silent, spikes, sat, outputs);
    }
}
