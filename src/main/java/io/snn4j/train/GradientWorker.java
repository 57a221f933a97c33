package io.snn4j.train;

import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import java.util.Arrays;

/**
 * The per-sample half of minibatch HM2-BP for a process that holds a copy of the network and receives its weights
 * from a trainer elsewhere (a cluster executor): it runs a sample forward and backward exactly as a minibatch worker
 * thread of {@link Hm2BpTrainer} does (dense gradients written by rows) and returns the result as a
 * {@link SampleGradient}; it also classifies test samples as {@link Hm2BpTrainer#evaluate} does.
 *
 * <p>Not thread-safe: one per thread.
 */
public final class GradientWorker {
    private final Hm2BpTrainer.Topology top;
    private final CompiledNetwork net;
    private final Worker worker;
    private final float[][] weights;
    private final float[][] grads;
    private final boolean[][] rows;
    private SteppedEngine classifier;

    /**
     * @param spec   the network being trained (its weights are replaced by {@link #setWeights})
     * @param config the trainer's options (the loss targets and effect ratios matter here)
     * @throws IllegalArgumentException when the trainer does not support the network
     */
    public GradientWorker(NetworkSpec spec, TrainingConfig config) {
        top = new Hm2BpTrainer.Topology(spec, config);
        net = CompiledNetwork.compile(spec);
        worker = Worker.sparseRows(top, net);
        int layers = top.layerCount();
        weights = new float[layers][];
        grads = new float[layers][];
        rows = new boolean[layers][];
        for (int k = 0; k < layers; k++) {
            weights[k] = new float[top.params[k]];
            grads[k] = new float[top.params[k]];
            if (top.kind(k).isDense()) {
                rows[k] = new boolean[top.nIn[k]];
            }
        }
    }

    /**
     * Copies the weights of every trainable layer in the trainer's layout ({@link Hm2BpTrainer#weights}).
     *
     * @throws IllegalArgumentException when the layer count or a layer's length differs from the network's
     */
    public void setWeights(float[][] w) {
        if (w.length != weights.length) {
            throw new IllegalArgumentException("weights have " + w.length + " layers, the network " + weights.length);
        }
        for (int k = 0; k < w.length; k++) {
            if (w[k].length != weights[k].length) {
                throw new IllegalArgumentException("weights of layer " + k + " must have " + weights[k].length
                        + " entries, had " + w[k].length);
            }
        }
        for (int k = 0; k < w.length; k++) {
            System.arraycopy(w[k], 0, weights[k], 0, w[k].length);
            top.overwrite(net, k, weights[k]);
        }
        worker.weightsChanged();
    }

    /** One sample's data gradient with the current weights (hm2bp-spec 5.1 steps 1-3). */
    public SampleGradient gradient(InputSpikes input, int label, double boost) {
        if (label < 0 || label >= top.outputSize) {
            throw new IllegalArgumentException("label must be in [0, " + top.outputSize + "), was " + label);
        }
        worker.clearStats();
        worker.sample(input, label, boost, weights, grads, false, rows);
        int layers = weights.length;
        int[][] written = new int[layers][];
        float[][] values = new float[layers][];
        for (int k = 0; k < layers; k++) {
            if (rows[k] == null) {
                values[k] = grads[k].clone();
                continue;
            }
            int count = 0;
            for (boolean r : rows[k]) {
                count += r ? 1 : 0;
            }
            int n = top.nOut[k];
            written[k] = new int[count];
            values[k] = new float[count * n];
            int i = 0;
            for (int j = 0; j < rows[k].length; j++) {
                if (rows[k][j]) {
                    written[k][i] = j;
                    System.arraycopy(grads[k], j * n, values[k], i * n, n);
                    i++;
                }
            }
        }
        return new SampleGradient(worker.cost, worker.decision, worker.silentOutput,
                worker.populationSpikes.clone(), written, values);
    }

    /**
     * Classifies one test sample with the current weights (no learning).
     *
     * @return the decision (most output spikes, ties to the lowest index), whether the output was silent and the
     *         output spike count, as {@link Evaluation#of} takes them
     */
    public Evaluation.Outcome classify(InputSpikes input) {
        if (classifier == null) {
            classifier = new SteppedEngine(net);
        }
        SimulationResult r = classifier.run(input, top.ticks, false);
        return Evaluation.Outcome.of(r.neuronCounts(net.spec().output()), top.outputSize);
    }

    /** Output classes of the network. */
    public int classes() {
        return top.outputSize;
    }

    @Override
    public String toString() {
        return "GradientWorker" + Arrays.toString(top.nOut);
    }
}
