package io.snn4j.train;

import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;

/**
 * Looks inside HM2-BP for a network with fixed weights (the spec's; the config's {@code initRange} is ignored): the
 * logged cost of a sample from a forward pass, or the whole forward and backward pass of one sample as a
 * {@link SampleTrace}, computed by the trainer's own code (no weight update). Not thread-safe.
 */
public final class Hm2BpInspector {
    private final Hm2BpTrainer.Topology top;
    private final CompiledNetwork net;
    private final float[][] weights;
    private final Worker worker;
    private final SteppedEngine engine;
    private final double[] outDelta;

    /**
     * @param spec   a network the trainer accepts
     * @param config training options (targets, margin, effect ratios)
     * @throws IllegalArgumentException naming every unsupported part of the network
     */
    public Hm2BpInspector(NetworkSpec spec, TrainingConfig config) {
        this.top = new Hm2BpTrainer.Topology(spec, config);
        this.net = CompiledNetwork.compile(spec);
        int layers = top.layerCount();
        weights = new float[layers][];
        for (int k = 0; k < layers; k++) {
            LayerKind kind = top.kind(k);
            weights[k] = kind.toTrainerLayout(kind.specWeights(), top.nIn[k], top.nOut[k]);
        }
        worker = new Worker(top, net);
        engine = new SteppedEngine(net);
        outDelta = new double[top.outputSize];
    }

    /**
     * {@code spec} with the weights of every trainable layer k moved by {@code alpha * step[k]} ({@code step} in the
     * layout of {@link UpdateStats#step}).
     *
     * @throws IllegalArgumentException when the step does not have one entry per weight of each layer
     */
    public static NetworkSpec along(NetworkSpec spec, TrainingConfig config, float[][] step, double alpha) {
        Hm2BpTrainer.Topology top = new Hm2BpTrainer.Topology(spec, config);
        if (step.length != top.layerCount()) {
            throw new IllegalArgumentException("step has " + step.length + " layers, the network "
                    + top.layerCount());
        }
        float[][] w = new float[step.length][];
        for (int k = 0; k < step.length; k++) {
            if (step[k].length != top.params[k]) {
                throw new IllegalArgumentException("step layer " + k + " ('" + top.layer(k).name() + "') has "
                        + step[k].length + " values, the layer " + top.params[k] + " weights");
            }
            w[k] = moved(top.kind(k).specWeights(), step[k], alpha);
        }
        return top.withWeights(w);
    }

    private static float[] moved(float[] w, float[] d, double alpha) {
        float[] m = new float[w.length];
        for (int x = 0; x < w.length; x++) {
            m[x] = (float) (w[x] + alpha * d[x]);
        }
        return m;
    }

    /** The logged cost (sum of squared dead-zone errors, boost 1) of one sample from a forward pass. */
    public double cost(InputSpikes input, int label) {
        check(input, label);
        SimulationResult r = engine.run(input, top.ticks, false);
        int[] counts = r.neuronCounts(net.spec().output());
        return top.loss.deltas(counts, top.outputSize, label, 1, top.threshold[top.layerCount()], outDelta);
    }

    /** One sample forward and backward (boost 1). */
    public SampleTrace trace(InputSpikes input, int label) {
        check(input, label);
        int layers = top.layerCount();
        float[][] grads = new float[layers][];
        for (int k = 0; k < layers; k++) {
            grads[k] = new float[top.params[k]];
        }
        worker.sample(input, label, 1, weights, grads, false);
        SpikeTrains trains = worker.trains();
        String[] names = new String[layers + 1];
        int[][][] spikes = new int[layers + 1][][];
        for (int k = 0; k <= layers; k++) {
            names[k] = net.spec().population(top.pops[k]).name();
            int size = net.spec().population(top.pops[k]).size();
            spikes[k] = new int[size][];
            for (int n = 0; n < size; n++) {
                int g = top.offset[k] + n;
                spikes[k][n] = java.util.Arrays.copyOfRange(trains.times, trains.start[g],
                        trains.start[g] + trains.count[g]);
            }
        }
        int[] targets = new int[top.outputSize];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = top.loss.target(i, label);
        }
        boolean injected = spikes[layers][label].length == 0;
        double[][] deltas = new double[layers][];
        float[][] spsp = new float[layers][];
        double[] inputError = new double[0];
        for (int k = 0; k < layers; k++) {
            deltas[k] = worker.delta(k).clone();
            spsp[k] = new float[0];
            if (top.backward(k) instanceof DenseBackward d) {
                boolean last = k == layers - 1;
                SpikeTrains post = last ? worker.outputTrains() : trains;
                int postOff = last ? 0 : top.offset[k + 1];
                double[] lateral = last && top.lateralStrength != 0 ? worker.lateral() : null;
                d.columns(trains, top.offset[k], post, postOff, weights[k], deltas[k], lateral, top.threshold[k + 1],
                        new float[top.params[k]], false, 0, d.nOut);
                spsp[k] = d.e.clone();
                if (k == 0) {
                    inputError = new double[d.nIn];
                    d.rows(trains, top.offset[0], post, postOff, weights[0], inputError, 1, top.effectRatio, 0,
                            d.nIn);
                }
            }
        }
        return new SampleTrace(label, worker.decision, worker.cost, names, spikes, targets, injected, deltas,
                inputError, spsp);
    }

    private void check(InputSpikes input, int label) {
        if (input.channelCount() != top.nIn[0]) {
            throw new IllegalArgumentException("sample has " + input.channelCount() + " channels, the input population "
                    + top.nIn[0]);
        }
        if (label < 0 || label >= top.outputSize) {
            throw new IllegalArgumentException("label must be in [0, " + top.outputSize + "), was " + label);
        }
    }
}
