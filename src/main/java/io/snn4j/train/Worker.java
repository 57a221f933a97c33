package io.snn4j.train;

import io.snn4j.backend.Team;
import io.snn4j.engine.SimulationResult;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.event.SpikeRecord;
import io.snn4j.network.CompiledNetwork;
import java.util.Arrays;

/**
 * One thread's share of training: its own {@link SteppedEngine} over the shared compiled network, the spike trains of
 * the last sample and the backward scratch of every layer. Computes one sample's data gradient (hm2bp-spec 5.1 steps
 * 1-3 without the update). Not thread-safe; the shared weights must not change while {@link #sample} runs.
 */
final class Worker {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    private final Hm2BpTrainer.Topology top;
    private final Team helpers;
    private final int parts;
    private final SteppedEngine engine;
    /** The forward pass's spikes, reused from sample to sample. */
    private final SpikeRecord record = new SpikeRecord();
    private final LayerBackward[] back;
    /** The worker's own sample state, used by {@link #sample}. */
    private final SampleRun own;
    /** The sample state the last forward or backward call worked on ({@link #own}, or a batch slot's). */
    private SampleRun run;
    // the fields of {@link #run}, bound by {@link #bind}
    private SpikeTrains trains;
    private SpikeTrains outTrains;
    /** delta of each trainable layer's post population. */
    private double[][] delta;
    private double[] lateral;
    private int[] outCounts;
    private final int[] injected;
    final long[] populationSpikes;
    /** Spikes of every neuron since {@link #clearActivity} (for a {@link TrainingObserver}). */
    final long[] neuronSpikes;

    /** Per layer: top-k scratch when the layer's error is made sparse ({@link #sparse}), else null. */
    private SparseErrors[] sparse;
    private int[][] sparseCols;
    private int[] keep;
    private double alpha;
    /**
     * CPU nanoseconds this worker's thread spent in the layers' backward passes (with the top-k selection) since
     * {@link #clearStats}: thread CPU time, so that other processes on a loaded machine do not inflate it (helper
     * threads of a split faithful pass are not counted).
     */
    long backwardNanos;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Results of the last {@link #sample} call. */
    double cost;
    int decision;
    boolean silentOutput;

    Worker(Hm2BpTrainer.Topology top, CompiledNetwork net) {
        this(top, net, null);
    }

    /**
     * A worker whose dense layers write only the gradient rows of pre neurons that fired ({@link #sample} reports
     * which), for minibatch mode, where the rows of a batch are summed.
     */
    static Worker sparseRows(Hm2BpTrainer.Topology top, CompiledNetwork net) {
        return new Worker(top, net, null).writeFiredRowsOnly();
    }

    /**
     * Makes this worker's dense layers write only the gradient rows of pre neurons that fired ({@link #sample} reports
     * which when given {@code rows}); the caller knows the other rows are 0 or zeroes them. Returns this worker.
     */
    Worker writeFiredRowsOnly() {
        for (LayerBackward b : back) {
            if (b instanceof DenseBackward d) {
                d.sparseRows(true);
            }
        }
        return this;
    }

    /**
     * @param helpers when not null, the forward pass's large deliveries and the dense layers' backward passes are split
     *                into its parts (the calling thread runs some of them); for faithful mode, where one sample at a
     *                time is trained
     */
    Worker(Hm2BpTrainer.Topology top, CompiledNetwork net, Team helpers) {
        this.helpers = helpers;
        this.parts = helpers == null ? 1 : helpers.size();
        this.top = top;
        this.engine = new SteppedEngine(net).splitAcross(helpers);
        int layers = top.layerCount();
        back = new LayerBackward[layers];
        for (int k = 0; k < layers; k++) {
            back[k] = top.backward(k);
        }
        own = new SampleRun(top, net.neuronCount());
        bind(own);
        // spikes at m * floor(T / desired), m = 1, 2, ..., t < T (36 spikes for T = 400, desired 35)
        int every = Math.max(1, top.ticks / Math.max(1, top.loss.desired()));
        int n = top.loss.desired() == 0 ? 0 : (top.ticks - 1) / every;
        injected = new int[n];
        for (int m = 0; m < n; m++) {
            injected[m] = (m + 1) * every;
        }
        populationSpikes = new long[net.populationCount()];
        neuronSpikes = new long[net.neuronCount()];
    }

    /**
     * Runs one sample forward and backward and writes (or adds) its data gradient into {@code grads[k]} for every
     * layer k, using the weights {@code weights[k]} (read).
     */
    void sample(InputSpikes input, int label, double boost, float[][] weights, float[][] grads, boolean accumulate) {
        sample(input, label, boost, weights, grads, accumulate, null);
    }

    /**
     * As above; when {@code rows} is not null, {@code rows[k]} (for the dense layers of a {@link #sparseRows} worker;
     * null entries are skipped) receives which gradient rows of layer k hold this sample's values: those of the pre
     * neurons that fired, none when all of the layer's deltas were 0. The other rows are 0 and were not written.
     */
    void sample(InputSpikes input, int label, double boost, float[][] weights, float[][] grads, boolean accumulate,
                boolean[][] rows) {
        sample(input, label, boost, weights, grads, accumulate, rows, null);
    }

    /**
     * Per-slot state a sample reads and writes beside its gradient: MSBP's memory per layer (null entries, or a null
     * array, for none) and, when {@code pre} is not null, each dense layer's pre-neuron spike counts and
     * backpropagated factors ({@link DenseBackward#factor}) for K-FAC's statistics.
     */
    static final class SlotState {
        final double[][] memory;
        final float[][] pre;
        final float[][] factor;

        SlotState(double[][] memory, float[][] pre, float[][] factor) {
            this.memory = memory;
            this.pre = pre;
            this.factor = factor;
        }
    }

    /** Makes the errors of the layers {@code b} names sparse in later {@link #sample} calls ({@link SparseErrors}). */
    void sparse(Backprop b) {
        int layers = top.layerCount();
        if (b.isFull()) {
            sparse = null;
            return;
        }
        sparse = new SparseErrors[layers];
        sparseCols = new int[layers][];
        keep = new int[layers];
        alpha = b.alpha();
        for (int k = 0; k < layers; k++) {
            if (k < layers - 1 || b.outputSparse()) {
                sparse[k] = new SparseErrors(top.nOut[k]);
                sparseCols[k] = new int[top.nOut[k]];
                keep[k] = b.keep(top.nOut[k]);
            }
        }
    }

    /** The top-k scratch of layer k (tests), or null. */
    SparseErrors sparseErrors(int k) {
        return sparse == null ? null : sparse[k];
    }

    /** As above, with the slot's state (may be null). */
    void sample(InputSpikes input, int label, double boost, float[][] weights, float[][] grads, boolean accumulate,
                boolean[][] rows, SlotState slot) {
        bind(own);
        forward(input, label, boost);
        backwardFrom(top.layerCount() - 1, weights, grads, accumulate, rows, slot, null, 0, false);
    }

    /**
     * One sample's state between the phases of a minibatch whose sparse errors are selected for the whole batch
     * (meProp's unified top-k, {@link SparseErrors#applyShared}): its spike trains, deltas and lateral factors, its
     * results and the layer whose backward pass comes next. Owned by a batch slot; any worker may continue it.
     */
    static final class SampleRun {
        final SpikeTrains trains;
        final SpikeTrains outTrains;
        final double[][] delta;
        final double[] lateral;
        final int[] outCounts;
        double cost;
        int decision;
        boolean silentOutput;
        /** The layer whose backward pass waits for the batch's selection, or -1 when the sample is done. */
        int next = -1;

        SampleRun(Hm2BpTrainer.Topology top, int neurons) {
            trains = new SpikeTrains(neurons);
            outTrains = new SpikeTrains(top.outputSize);
            delta = new double[top.layerCount()][];
            for (int k = 0; k < delta.length; k++) {
                delta[k] = new double[top.nOut[k]];
            }
            lateral = new double[top.outputSize];
            outCounts = new int[top.outputSize];
        }
    }

    /** A fresh sample state for {@link #begin} / {@link #resume} (one per batch slot). */
    SampleRun newRun() {
        return new SampleRun(top, own.trains.count.length);
    }

    private void bind(SampleRun r) {
        run = r;
        trains = r.trains;
        outTrains = r.outTrains;
        delta = r.delta;
        lateral = r.lateral;
        outCounts = r.outCounts;
    }

    /**
     * First phase of a sample in a minibatch with a shared top-k: the forward pass and the backward passes of the
     * layers above the first layer whose error is made sparse; {@code r.next} is then that layer (or -1 when none
     * is), whose deltas (in {@code r.delta}) wait for {@link #resume}.
     */
    void begin(SampleRun r, InputSpikes input, int label, double boost, float[][] weights, float[][] grads,
               boolean accumulate, boolean[][] rows, SlotState slot) {
        bind(r);
        forward(input, label, boost);
        r.next = backwardFrom(top.layerCount() - 1, weights, grads, accumulate, rows, slot, null, 0, true);
    }

    /**
     * Continues {@code r} at its waiting layer with the batch's selection: {@code r.delta[r.next]} already masked
     * to the shared set and {@code cols[0 .. nc)} its non-zero entries (ascending); then on down to the next layer
     * that waits ({@code r.next}) or to the end (-1).
     */
    void resume(SampleRun r, int[] cols, int nc, float[][] weights, float[][] grads, boolean accumulate,
                boolean[][] rows, SlotState slot) {
        bind(r);
        r.next = backwardFrom(r.next, weights, grads, accumulate, rows, slot, cols, nc, true);
    }

    /** The forward pass, the output error, the lateral factors and the target injection of one sample. */
    private void forward(InputSpikes input, int label, double boost) {
        SimulationResult result = engine.run(input, top.ticks, record);
        trains.fill(result.spikes());
        for (int p = 0; p < populationSpikes.length; p++) {
            populationSpikes[p] += result.populationSpikes(p);
        }
        for (int g = 0; g < neuronSpikes.length; g++) {
            neuronSpikes[g] += trains.count[g];
        }
        final int outOff = top.offset[top.layerCount()];
        final int nOutput = top.outputSize;
        for (int i = 0; i < nOutput; i++) {
            outCounts[i] = trains.count[outOff + i];
        }
        silentOutput = RateLoss.silent(outCounts, 0, nOutput);
        decision = RateLoss.decide(outCounts, 0, nOutput);
        int last = top.layerCount() - 1;
        cost = top.loss.deltas(outCounts, nOutput, label, boost, top.threshold[last + 1], delta[last]);
        run.cost = cost;
        run.decision = decision;
        run.silentOutput = silentOutput;
        if (top.lateralStrength != 0) {
            lateralFactors(outOff, label);
        }
        // Target spike injection after the error and the lateral factor, before the S-PSPs (spec 4.5).
        outTrains.copyFrom(trains, outOff, nOutput, outCounts[label] == 0 ? label : -1, injected);
    }

    /**
     * The backward passes of layers {@code from}, {@code from - 1}, ..., 0. A layer whose error is made sparse takes
     * its own top-k ({@link SparseErrors#apply}) unless {@code shared}: then the first such layer uses the given
     * selection {@code cols} when not null, and the pass stops before the next one, returning its index (-1 when the
     * pass reached the end).
     */
    private int backwardFrom(int from, float[][] weights, float[][] grads, boolean accumulate, boolean[][] rows,
                             SlotState slot, int[] cols, int nc, boolean shared) {
        final int last = top.layerCount() - 1;
        boolean given = cols != null;
        for (int k = from; k >= 0; k--) {
            SpikeTrains post = k == last ? outTrains : trains;
            int postOff = k == last ? 0 : top.offset[k + 1];
            int preOff = top.offset[k];
            double[] deltaIn = k > 0 ? delta[k - 1] : null;
            double[] layerLat = k == last && top.lateralStrength != 0 ? lateral : null;
            double nuIn = k > 0 ? top.threshold[k] : 1;
            boolean sparseLayer = sparse != null && sparse[k] != null;
            if (sparseLayer && shared && !given) {
                return k; // the batch's selection for this layer comes first
            }
            long t0 = THREADS.getCurrentThreadCpuTime();
            if (sparseLayer) {
                int[] layerCols = cols;
                int layerNc = nc;
                if (given) {
                    given = false;
                } else {
                    double[] memory = slot == null || slot.memory == null ? null : slot.memory[k];
                    layerCols = sparseCols[k];
                    layerNc = sparse[k].apply(delta[k], top.nOut[k], keep[k], memory, alpha, layerCols);
                }
                if (back[k] instanceof DenseBackward d) {
                    d.backwardSparse(trains, preOff, post, postOff, weights[k], delta[k], layerLat,
                            top.threshold[k + 1], grads[k], accumulate, deltaIn, nuIn, top.effectRatio,
                            layerCols, layerNc);
                } else { // conv and pooling layers: the masked error through the full pass
                    back[k].backward(trains, preOff, post, postOff, weights[k], delta[k], layerLat,
                            top.threshold[k + 1], grads[k], accumulate, deltaIn, nuIn, top.effectRatio);
                }
            } else if (helpers != null && back[k] instanceof DenseBackward d && d.nOut >= 2 * parts) {
                splitDense(d, preOff, post, postOff, weights[k], delta[k], layerLat, top.threshold[k + 1], grads[k],
                        accumulate, deltaIn, nuIn);
            } else {
                back[k].backward(trains, preOff, post, postOff, weights[k], delta[k], layerLat,
                        top.threshold[k + 1], grads[k], accumulate, deltaIn, nuIn, top.effectRatio);
            }
            backwardNanos += THREADS.getCurrentThreadCpuTime() - t0;
            if (slot != null && slot.pre != null && slot.pre[k] != null && back[k] instanceof DenseBackward d) {
                float[] a = slot.pre[k];
                for (int j = 0; j < a.length; j++) {
                    a[j] = trains.count[preOff + j];
                }
                if (DenseBackward.allZero(delta[k], top.nOut[k])) {
                    Arrays.fill(slot.factor[k], 0f);
                } else {
                    System.arraycopy(d.factor(), 0, slot.factor[k], 0, top.nOut[k]);
                }
            }
            if (rows != null && rows[k] != null) {
                boolean any = !DenseBackward.allZero(delta[k], top.nOut[k]);
                boolean[] r = rows[k];
                for (int j = 0; j < r.length; j++) {
                    r[j] = any && trains.count[preOff + j] > 0;
                }
            }
        }
        return -1;
    }

    /**
     * One dense layer's backward pass split across the helper threads: post-neuron column ranges, then pre-neuron row
     * ranges (bit-identical to the unsplit pass, see {@link DenseBackward}).
     */
    private void splitDense(DenseBackward d, int preOff, SpikeTrains post, int postOff, float[] w, double[] dOut,
                            double[] lat, double nuOut, float[] grad, boolean accumulate, double[] deltaIn,
                            double nuIn) {
        if (d.skip(dOut, grad, accumulate, deltaIn)) {
            return;
        }
        final int nOut = d.nOut;
        final int nIn = d.nIn;
        helpers.run(p -> d.columns(trains, preOff, post, postOff, w, dOut, lat, nuOut, grad, accumulate,
                nOut * p / parts, nOut * (p + 1) / parts));
        if (deltaIn == null) {
            return;
        }
        helpers.run(p -> d.rows(trains, preOff, post, postOff, w, deltaIn, nuIn, top.effectRatio, nIn * p / parts,
                nIn * (p + 1) / parts));
    }

    /** Lateral factor L_j of every output neuron from the un-injected output trains (spec 4.6). */
    private void lateralFactors(int outOff, int label) {
        final int n = top.outputSize;
        final Spsp spsp = top.spsp[top.layerCount() - 1];
        final double nu = top.threshold[top.layerCount()];
        final double s2 = (double) top.lateralStrength * top.lateralStrength;
        for (int j = 0; j < n; j++) {
            int oj = trains.count[outOff + j];
            double dj = (oj > 0 || j == label) ? 1 / nu : 0;
            double sum = 0;
            for (int l = 0; l < n; l++) {
                if (l == j) {
                    continue;
                }
                int ol = trains.count[outOff + l];
                double dl = (ol > 0 || l == label) ? 1 / nu : 0;
                if (dl == 0 || dj == 0) {
                    continue;
                }
                double erJl = ratio(spsp, outOff + l, outOff + j, oj, ol);
                double erLj = ratio(spsp, outOff + j, outOff + l, ol, oj);
                sum += erJl * dl * erLj * dj;
            }
            double denominator = 1 - s2 * sum;
            // no guard, as the reference (spec 10.1 item 3); a near-singular loop is only logged
            if (denominator <= 1e-3) {
                LOG.log(System.Logger.Level.DEBUG, "lateral factor denominator {0} for output {1}", denominator, j);
            }
            lateral[j] = 1 / denominator;
        }
    }

    /** e_{post|pre} / o_pre, or 1 when either neuron is silent. */
    private double ratio(Spsp spsp, int post, int pre, int oPre, int oPost) {
        if (oPre == 0 || oPost == 0) {
            return 1;
        }
        return spsp.pairwise(trains.times, trains.start[post], oPost, trains.times, trains.start[pre], oPre) / oPre;
    }

    /** Spike trains of the last sample (tests). */
    SpikeTrains trains() {
        return trains;
    }

    double[] lateral() {
        return lateral;
    }

    /** The output trains the last backward pass used (after any target injection). */
    SpikeTrains outputTrains() {
        return outTrains;
    }

    /** Delta of the post population of layer k from the last sample. */
    double[] delta(int k) {
        return delta[k];
    }

    /** The shared weights were updated (or replaced): per-weights caches of the layers are dropped. */
    void weightsChanged() {
        for (LayerBackward b : back) {
            if (b instanceof DenseBackward d) {
                d.weightsChanged();
            }
        }
    }

    void clearStats() {
        Arrays.fill(populationSpikes, 0);
        backwardNanos = 0;
        clearActivity();
    }

    void clearActivity() {
        Arrays.fill(neuronSpikes, 0);
    }

    /** The statistics a sample adds to (spike counts, backward time), to undo an extra gradient pass. */
    record Stats(long[] populationSpikes, long[] neuronSpikes, long backwardNanos) {
    }

    Stats stats() {
        return new Stats(populationSpikes.clone(), neuronSpikes.clone(), backwardNanos);
    }

    void restore(Stats s) {
        System.arraycopy(s.populationSpikes(), 0, populationSpikes, 0, populationSpikes.length);
        System.arraycopy(s.neuronSpikes(), 0, neuronSpikes, 0, neuronSpikes.length);
        backwardNanos = s.backwardNanos();
    }
}
