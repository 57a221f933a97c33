package io.snn4j.train;

import io.snn4j.backend.KernelProvider;
import io.snn4j.backend.Kernels;
import io.snn4j.backend.Team;
import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.Prefetcher;
import io.snn4j.data.dataset.Sample;
import io.snn4j.data.encode.Seeds;
import io.snn4j.engine.SteppedEngine;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.neuron.LifParameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Hybrid Macro/Micro Level Backpropagation (Jin, Zhang &amp; Li, NeurIPS 2018) for feed-forward spiking networks
 * (input, dense / conv2d / pooling layers, output with optional lateral inhibition), as hm2bp-spec describes the
 * reference code.
 *
 * <p>Per sample: a forward pass in a {@link SteppedEngine} recording all spikes; the dead-zone output error divided by
 * the output threshold and scaled by the sample's boosting weight; the lateral factor; target spike injection for a
 * silent label neuron; then, layer by layer from the output, S-PSPs, side terms, the weight gradient and the delta of
 * the layer below (from the weights before this sample's update); then the regulariser and Adam per layer.
 *
 * <p>{@link Mode#FAITHFUL}: one Adam step per sample. {@link Mode#MINIBATCH}: the gradients of B samples are computed
 * on worker threads (one engine each) with the same weights, averaged in sample order, then one Adam step. Results do
 * not depend on the thread count: every sample's gradient goes to its own buffer and the sums run in a fixed order.
 *
 * <p>Usage:
 * <pre>
 *   try (Hm2BpTrainer t = new Hm2BpTrainer(spec, TrainingConfig.reference(1).withThreads(2))) {
 *       EpochStats s = t.trainEpoch(train, ProgressListener.NONE);
 *       Evaluation ev = t.evaluate(test);
 *       NetworkSpec trained = t.networkSpec();
 *   }
 * </pre>
 * Not thread-safe: drive one trainer from one thread. Close it to stop its worker threads.
 */
public final class Hm2BpTrainer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Hm2BpTrainer.class.getName());
    /** Elementwise row sums: the same floats with any implementation. */
    private static final Kernels KERNELS = KernelProvider.get();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** The network as the trainer sees it: a chain of dense layers. Immutable. */
    static final class Topology {
        final NetworkSpec spec;
        /** population index of layer k's pre population is pops[k]; the output is pops[layers]. */
        final int[] pops;
        final int[] projection;
        final int[] nIn;
        final int[] nOut;
        /** trainable parameters of layer k (0 for pooling). */
        final int[] params;
        /** the trainer's handling of layer k's kind. */
        final LayerKind[] kinds;
        /** global offset of pops[k]. */
        final int[] offset;
        /** threshold of pops[k] (NaN for the input). */
        final double[] threshold;
        final Spsp[] spsp;
        final int outputSize;
        final float lateralStrength;
        final int ticks;
        final RateLoss loss;
        final boolean effectRatio;

        Topology(NetworkSpec spec, TrainingConfig config) {
            this.spec = spec;
            this.ticks = spec.ticks();
            this.loss = config.loss();
            this.effectRatio = config.effectRatio();
            List<String> problems = new ArrayList<>();
            if (spec.output() < 0) {
                problems.add("the network needs an output population");
            }
            List<Integer> chain = new ArrayList<>();
            List<Integer> projs = new ArrayList<>();
            boolean[] used = new boolean[spec.projections().size()];
            followChain(spec, chain, projs, used, problems);
            float lateral = lateral(spec, used, problems);
            for (int k = 1; k < chain.size() && problems.isEmpty(); k++) {
                PopulationSpec ps = spec.population(chain.get(k));
                LifParameters lif = ps.lif();
                if (lif == null || lif.synapseTypes() != 1 || lif.bias() != 0) {
                    problems.add("population '" + ps.name() + "' must be LIF with one synapse type and no bias");
                } else if (lif.tauMemTicks() == lif.tauSyn0Ticks()) {
                    problems.add("population '" + ps.name() + "': tau_mem must differ from tau_syn");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("HM2-BP trainer, network '" + spec.name() + "': "
                        + String.join("; ", problems));
            }
            int layers = projs.size();
            pops = chain.stream().mapToInt(Integer::intValue).toArray();
            projection = projs.stream().mapToInt(Integer::intValue).toArray();
            nIn = new int[layers];
            nOut = new int[layers];
            params = new int[layers];
            kinds = new LayerKind[layers];
            spsp = new Spsp[layers];
            offset = new int[layers + 1];
            threshold = new double[layers + 1];
            int[] globalOffset = new int[spec.populations().size()];
            for (int p = 1; p < globalOffset.length; p++) {
                globalOffset[p] = globalOffset[p - 1] + spec.population(p - 1).size();
            }
            for (int k = 0; k <= layers; k++) {
                PopulationSpec ps = spec.population(pops[k]);
                offset[k] = globalOffset[pops[k]];
                threshold[k] = ps.isInput() ? Double.NaN : ps.lif().threshold();
            }
            for (int k = 0; k < layers; k++) {
                nIn[k] = spec.population(pops[k]).size();
                nOut[k] = spec.population(pops[k + 1]).size();
                LifParameters lif = spec.population(pops[k + 1]).lif();
                spsp[k] = new Spsp(lif.tauMemTicks(), lif.tauSyn0Ticks(), lif.refractoryTicks(), ticks);
                ProjectionSpec p = spec.projection(projection[k]);
                kinds[k] = LayerKind.of(p);
                params[k] = kinds[k].specWeights().length;
            }
            outputSize = nOut[layers - 1];
            lateralStrength = lateral;
        }

        /**
         * Follows the projections from the input population, one target per population, into {@code chain}
         * (population indices) and {@code projs} (the layers' projections, marked in {@code used}), adding a problem
         * for every fork, cycle, untrainable kind or delay, and when the chain does not end at the output.
         */
        private static void followChain(NetworkSpec spec, List<Integer> chain, List<Integer> projs, boolean[] used,
                                        List<String> problems) {
            int current = spec.input();
            chain.add(current);
            while (problems.isEmpty()) {
                int next = -1;
                for (int j = 0; j < spec.projections().size(); j++) {
                    ProjectionSpec p = spec.projection(j);
                    if (p.source() == current && p.target() != current) {
                        if (next >= 0) {
                            problems.add("population '" + spec.population(current).name()
                                    + "' feeds more than one population; only a feed-forward chain is supported");
                        }
                        next = j;
                    }
                }
                if (next < 0) {
                    break;
                }
                ProjectionSpec p = spec.projection(next);
                used[next] = true;
                if (LayerKind.of(p) == null) {
                    problems.add("projection '" + p.name() + "': the trainer supports dense, conv2d and pool layers, "
                            + "was " + p.getClass().getSimpleName());
                }
                if (p.delayTicks() != 1) {
                    problems.add("projection '" + p.name() + "': delay must be 1 tick, was " + p.delayTicks());
                }
                current = p.target();
                if (chain.contains(current)) {
                    problems.add("population '" + spec.population(current).name() + "' closes a cycle");
                    break;
                }
                chain.add(current);
                projs.add(next);
            }
            if (problems.isEmpty() && current != spec.output()) {
                problems.add("the chain from the input ends at '" + spec.population(current).name()
                        + "', not at the output population");
            }
        }

        /**
         * The strength of the output's lateral inhibition (0 when it has none); every other projection outside the
         * chain is a problem.
         */
        private static float lateral(NetworkSpec spec, boolean[] used, List<String> problems) {
            float lateral = 0;
            for (int j = 0; j < spec.projections().size() && problems.isEmpty(); j++) {
                ProjectionSpec p = spec.projection(j);
                if (used[j]) {
                    continue;
                }
                // a type question: lateral inhibition on the output is the one projection outside the chain allowed
                if (p instanceof ProjectionSpec.LateralInhibition li && p.source() == spec.output()
                        && p.target() == spec.output() && p.delayTicks() == 1) {
                    lateral = li.strength();
                } else {
                    problems.add("projection '" + p.name() + "' is not part of the feed-forward chain");
                }
            }
            return lateral;
        }

        int layerCount() {
            return projection.length;
        }

        /**
         * The network with the weights of each dense and conv2d layer k replaced by {@code w[k]} (taken, not copied;
         * in the spec's layout: dense target-major, conv2d (out, in, kernel, kernel)).
         */
        NetworkSpec withWeights(float[][] w) {
            List<ProjectionSpec> projs = new ArrayList<>(spec.projections());
            for (int k = 0; k < w.length; k++) {
                int j = projection[k];
                projs.set(j, kinds[k].withWeights(w[k]));
            }
            return new NetworkSpec(spec.name(), spec.usPerTick(), spec.ticks(), spec.seed(), spec.populations(), projs,
                    spec.input(), spec.output());
        }

        ProjectionSpec layer(int k) {
            return spec.projection(projection[k]);
        }

        /** Makes {@code net} simulate with layer k's weights {@code w} (the trainer's layout). */
        void overwrite(CompiledNetwork net, int k, float[] w) {
            kinds[k].overwrite(net, projection[k], w);
        }

        /** The trainer's handling of layer k's kind. */
        LayerKind kind(int k) {
            return kinds[k];
        }

        /** A fresh backward pass of layer k for one worker. */
        LayerBackward backward(int k) {
            return kinds[k].backward(spec.population(pops[k]).shape(), spec.population(pops[k + 1]).shape(), spsp[k]);
        }
    }

    private final TrainingConfig config;
    private final Topology top;
    private final CompiledNetwork net;
    private final float[][] weights;
    private final Adam[] adam;
    /** [slot][layer] gradient of one sample of a batch. */
    private final float[][][] slotGrads;
    /**
     * [slot][layer] which rows (pre neurons) of a dense layer's slot gradient hold the sample's values (see
     * {@link Worker#sample}); null for other layers, and in faithful mode unless {@link #staleRows} is kept (faithful
     * with Adam), whose gradients are written whole.
     */
    private final boolean[][][] slotRows;
    /**
     * Faithful mode, per dense layer: the rows of the sample gradient that may hold values of an earlier sample. The
     * faithful worker writes only the rows of the pre neurons that fired ({@code slotRows[0]}), the rest keep what an
     * earlier sample wrote until {@link #clearStaleRows} zeroes them: a few rows per sample instead of every row of
     * every silent input (about 500,000 floats for MNIST), and Adam does not read the rows known to be 0. Only with
     * Adam, which does not write the gradient (the other optimisers add the regulariser into it); null otherwise.
     */
    private final boolean[][] staleRows;
    private final float[][] batchGrad;
    private final float[][] regScratch;
    private final Worker[] workers;
    private final ExecutorService pool;
    /**
     * The threads that split one sample's (or one batch's) dense backward passes, Adam steps and gradient sums, without
     * the pool's queue and wake-up per hand-off (5-50 us each): null with one thread.
     */
    private final Team team;
    private double[] boost = new double[0];
    private int epoch;
    private TrainingObserver observer = TrainingObserver.NONE;
    private UpdateProbe probe;
    /** Samples of the epoch done when the observer's current activity interval began. */
    private int activityFrom;
    /** Sparse backpropagation (meProp / MSBP); {@link Backprop#FULL} by default. */
    private final Backprop backprop;
    private final OptimizerSpec optimizerSpec;
    /** The optimiser of the layers it handles, or null for Adam everywhere (the default). */
    private final Optimizer optimizer;
    /** Per batch slot: MSBP memories and K-FAC statistics, or null when neither is used. */
    private final Worker.SlotState[] slotStates;
    /** Minibatch mode with sparse errors: the batch's shared top-k ({@link SharedBatch}); null otherwise. */
    private final SharedBatch sharedBatch;
    /** CPU nanoseconds of the backward passes of the last epoch, summed over the workers. */
    private long backwardNanos;
    /** Where minibatch gradients are computed when not on the worker threads; null: on them. */
    private BatchGradients remote;
    private long remoteSteps;
    /** Population spikes of the samples {@link #remote} computed this epoch. */
    private long[] remoteSpikes;

    /**
     * @param spec   a feed-forward network: input, dense layers, output (optionally with lateral inhibition)
     * @param config training options
     * @throws IllegalArgumentException naming every unsupported part of the network
     */
    public Hm2BpTrainer(NetworkSpec spec, TrainingConfig config) {
        this(spec, config, Backprop.FULL, OptimizerSpec.ADAM);
    }

    /**
     * @param backprop  full, meProp or MSBP error propagation ({@link Backprop}, {@link SparseErrors})
     * @param optimizer Adam (the reference), SGD, stochastic L-BFGS ({@link Lbfgs}) or K-FAC ({@link Kfac})
     */
    public Hm2BpTrainer(NetworkSpec spec, TrainingConfig config, Backprop backprop, OptimizerSpec optimizer) {
        this.config = config;
        this.backprop = backprop;
        this.optimizerSpec = optimizer;
        this.top = new Topology(spec, config);
        int layers = top.layerCount();
        weights = new float[layers][];
        adam = new Adam[layers];
        regScratch = new float[layers][];
        batchGrad = new float[layers][];
        for (int k = 0; k < layers; k++) {
            int nIn = top.nIn[k];
            int nOut = top.nOut[k];
            LayerKind kind = top.kind(k);
            float[] given = kind.specWeights();
            if (config.initRange() > 0) {
                // uniform init (spec 5.5), drawn in the spec's layout from (seed, layer)
                given = new float[given.length];
                SplittableRandom rng = new SplittableRandom(Seeds.mix(config.seed(), k));
                for (int x = 0; x < given.length; x++) {
                    given[x] = (float) (config.initRange() * (2 * rng.nextDouble() - 1));
                }
            }
            weights[k] = kind.toTrainerLayout(given, nIn, nOut);
            adam[k] = new Adam(given.length);
            regScratch[k] = new float[nOut];
            batchGrad[k] = new float[given.length];
        }
        this.net = CompiledNetwork.compile(spec);
        pushWeights();
        int slots = config.mode() == Mode.FAITHFUL ? 1 : config.batchSize();
        final boolean firedRows = config.mode() == Mode.FAITHFUL && optimizer.kind() == OptimizerSpec.Kind.ADAM;
        slotGrads = new float[slots][layers][];
        slotRows = new boolean[slots][layers][];
        for (int s = 0; s < slots; s++) {
            for (int k = 0; k < layers; k++) {
                // with one slot the sample gradient is the batch gradient
                slotGrads[s][k] = slots == 1 ? batchGrad[k] : new float[top.params[k]];
                if ((slots > 1 || firedRows) && top.kind(k).isDense()) {
                    slotRows[s][k] = new boolean[top.nIn[k]];
                }
            }
        }
        staleRows = firedRows ? new boolean[layers][] : null;
        for (int k = 0; staleRows != null && k < layers; k++) {
            staleRows[k] = slotRows[0][k] == null ? null : new boolean[top.nIn[k]];
        }
        final boolean sparse = slots > 1;
        int threads = config.threads();
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "snn4j-hm2bp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        team = threads > 1 ? new Team(threads, "snn4j-hm2bp-part") : null;
        workers = new Worker[threads];
        for (int w = 0; w < threads; w++) {
            boolean faithful = config.mode() == Mode.FAITHFUL && w == 0;
            Worker worker = faithful && threads > 1 ? new Worker(top, net, team) : new Worker(top, net);
            workers[w] = sparse || (faithful && firedRows) ? worker.writeFiredRowsOnly() : worker;
            workers[w].sparse(backprop);
        }
        this.optimizer = createOptimizer(optimizer);
        boolean memory = backprop.kind() == Backprop.Kind.MSBP;
        boolean stats = this.optimizer != null && this.optimizer.wantsStatistics();
        if (memory || stats) {
            slotStates = new Worker.SlotState[slots];
            for (int s = 0; s < slots; s++) {
                double[][] m = memory ? new double[layers][] : null;
                float[][] pre = stats ? new float[layers][] : null;
                float[][] factor = stats ? new float[layers][] : null;
                for (int k = 0; k < layers; k++) {
                    if (memory) {
                        m[k] = new double[top.nOut[k]];
                    }
                    if (stats && top.kind(k).isDense()) {
                        pre[k] = new float[top.nIn[k]];
                        factor[k] = new float[top.nOut[k]];
                    }
                }
                slotStates[s] = new Worker.SlotState(m, pre, factor);
            }
        } else {
            slotStates = null;
        }
        sharedBatch = slots > 1 && !backprop.isFull() ? new SharedBatch(top, backprop, slots, workers[0]) : null;
    }

    private Optimizer createOptimizer(OptimizerSpec o) {
        int layers = top.layerCount();
        int[] sizes = top.params.clone();
        boolean[] dense = new boolean[layers];
        for (int k = 0; k < layers; k++) {
            dense[k] = top.kind(k).isDense();
        }
        return switch (o.kind()) {
            case ADAM -> null;
            case SGD -> new Sgd(sizes, o.get("momentum"));
            case LBFGS -> new Lbfgs(sizes, (int) o.get("m"), o.get("maxstep"));
            case KFAC -> new Kfac(top.nIn, top.nOut, dense, o.get("damping"), o.get("decay"),
                    (int) o.get("refresh"), o.get("kl"), pool, workers.length);
        };
    }

    public Backprop backprop() {
        return backprop;
    }

    public OptimizerSpec optimizer() {
        return optimizerSpec;
    }

    /**
     * CPU seconds the last epoch's layer backward passes took (with the top-k selection), summed over the workers'
     * threads.
     */
    public double backwardSeconds() {
        return backwardNanos / 1e9;
    }

    private Worker.SlotState slotState(int slot) {
        return slotStates == null ? null : slotStates[slot];
    }

    /** Transposes a rows x cols row-major matrix into a new cols x rows one. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    private void pushWeights() {
        for (int k = 0; k < weights.length; k++) {
            push(k);
        }
    }

    private void push(int k) {
        if (workers != null) { // null while the constructor pushes the initial weights
            for (Worker w : workers) {
                w.weightsChanged();
            }
        }
        top.overwrite(net, k, weights[k]);
    }

    /**
     * Minibatch mode: from now on the per-sample gradients of each batch come from {@code gradients} (for instance a
     * cluster's executors) instead of the worker threads; null returns to the threads. The rest of the step (order,
     * sums, regulariser, Adam) stays here, so the trained weights are the same bytes either way.
     *
     * @throws IllegalStateException in faithful mode
     */
    public void computeBatchesWith(BatchGradients gradients) {
        if (config.mode() != Mode.MINIBATCH) {
            throw new IllegalStateException("batch gradients from elsewhere need minibatch mode, the trainer is in "
                    + config.mode());
        }
        remote = gradients;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Learning rate of epoch {@code e}: base / sqrt(max(1, e)) (the reference logs: epochs 0 and 1 use base). */
    public double learningRate(int e) {
        return config.learningRate() / Math.sqrt(Math.max(1, e));
    }

    /**
     * Trains one epoch over {@code train} (samples visited in the permutation {@link Datasets#shuffledOrder} gives for
     * (seed, epoch) when shuffling is on). Boosting weights are indexed by sample index of {@code train}: pass the same
     * data set every epoch.
     */
    public EpochStats trainEpoch(Dataset train, ProgressListener listener) {
        checkTrainingData(train);
        final int n = train.size();
        // Deviation from the reference: a full seeded permutation per epoch instead of 5000 random pair swaps
        // (spec 5.9), because the weak shuffle keeps most of the file order and is not reproducible.
        int[] order = config.shuffle() ? Datasets.shuffledOrder(n, config.seed(), epoch) : identity(n);
        final double lr = learningRate(epoch);
        for (Worker w : workers) {
            w.clearStats();
        }
        activityFrom = 0;
        remoteSpikes = new long[net.populationCount()];
        long begin = System.nanoTime();
        EpochTally tally = new EpochTally(n);
        if (config.mode() == Mode.FAITHFUL) {
            faithfulEpoch(train, order, lr, tally, listener);
        } else {
            minibatchEpoch(train, order, lr, tally, listener);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        backwardNanos = 0;
        for (Worker w : workers) {
            backwardNanos += w.backwardNanos;
        }
        if (config.boosting()) {
            updateBoost(train, tally.predictions);
        }
        double[] rates = new double[net.populationCount()];
        for (int p = 0; p < rates.length; p++) {
            long spikes = remoteSpikes[p];
            for (Worker w : workers) {
                spikes += w.populationSpikes[p];
            }
            rates[p] = n == 0 ? 0 : (double) spikes / n / net.size(p);
        }
        EpochStats stats = new EpochStats(epoch, n, n == 0 ? 0 : tally.costSum / n,
                n == 0 ? 0 : (double) tally.correct / n, tally.silent, seconds, lr, rates);
        LOG.log(System.Logger.Level.DEBUG, () -> "epoch " + stats.epoch() + ": cost " + stats.meanCost()
                + ", accuracy " + stats.accuracy() + ", " + stats.samplesPerSecond() + " samples/s");
        epoch++;
        return stats;
    }

    /**
     * Checks {@code train} against the network (channels, ticks, labels) and sizes the boosting weights on the first
     * epoch.
     */
    private void checkTrainingData(Dataset train) {
        if (train.channelCount() != top.nIn[0]) {
            throw new IllegalArgumentException("training data has " + train.channelCount()
                    + " channels, the input population " + top.nIn[0]);
        }
        if (train.tickCount() > top.ticks) {
            throw new IllegalArgumentException("training data spans " + train.tickCount()
                    + " ticks, the network runs " + top.ticks);
        }
        final int n = train.size();
        for (int i = 0; i < n; i++) {
            int label = train.label(i);
            if (label >= top.outputSize) {
                throw new IllegalArgumentException("training sample " + i + ": label must be < " + top.outputSize
                        + " (output neurons), was " + label);
            }
        }
        if (boost.length != n) {
            if (boost.length != 0) {
                throw new IllegalArgumentException("training data has " + n + " samples, earlier epochs had "
                        + boost.length + " (boosting weights are per sample)");
            }
            boost = new double[n];
            Arrays.fill(boost, 1.0);
        }
    }

    /** The running sums of one epoch: cost, correct and silent samples, predictions, progress reports. */
    private static final class EpochTally {
        final int[] predictions;
        double costSum;
        int correct;
        int silent;
        int done;
        int nextReport = 1000;

        EpochTally(int n) {
            predictions = new int[n];
        }
    }

    /**
     * Faithful mode, after a sample: zeroes the gradient rows that an earlier sample wrote and this one did not, so
     * that every row this sample did not write is 0, as if the worker had written them all (see {@link #staleRows}).
     */
    private void clearStaleRows() {
        for (int k = 0; staleRows != null && k < staleRows.length; k++) {
            boolean[] written = slotRows[0][k];
            if (written == null) {
                continue;
            }
            boolean[] stale = staleRows[k];
            float[] g = slotGrads[0][k];
            int n = top.nOut[k];
            for (int j = 0; j < written.length; j++) {
                if (stale[j] && !written[j]) {
                    Arrays.fill(g, j * n, (j + 1) * n, 0f);
                }
                stale[j] = written[j];
            }
        }
    }

    /** Faithful mode: batch 1, one optimiser step per sample, in {@code order}. */
    private void faithfulEpoch(Dataset train, int[] order, double lr, EpochTally tally, ProgressListener listener) {
        final int n = train.size();
        Worker w = workers[0];
        try (Prefetcher samples = Prefetcher.start(train, order, 1, 8)) {
            for (int s = 0; s < n; s++) {
                Sample sample = samples.next();
                int idx = order[s];
                w.sample(sample.spikes(), sample.label(), config.boosting() ? boost[idx] : 1, weights,
                        slotGrads[0], false, slotRows[0], slotState(0));
                clearStaleRows();
                boolean look = observer.observes(epoch, s, n);
                if (look) {
                    probe.before(slotGrads[0], weights);
                }
                update(slotGrads[0], 1, lr);
                if (look) {
                    observer.updated(probe.after(weights, epoch, s, n, s + 1, lr, s == n - 1));
                }
                if (optimizer != null && optimizer.wantsCurvature()) {
                    Worker.Stats before = w.stats();
                    w.sample(sample.spikes(), sample.label(), config.boosting() ? boost[idx] : 1, weights,
                            slotGrads[0], false, slotRows[0], null);
                    clearStaleRows();
                    w.restore(before);
                    curvature(slotGrads[0]);
                }
                tally.costSum += w.cost;
                tally.predictions[idx] = w.decision;
                tally.correct += w.decision == sample.label() ? 1 : 0;
                tally.silent += w.silentOutput ? 1 : 0;
                tally.done++;
                observeActivity(tally.done, n);
                if (tally.done >= tally.nextReport || tally.done == n) {
                    listener.progress(epoch, tally.done, n, tally.costSum / tally.done,
                            (double) tally.correct / tally.done);
                    tally.nextReport += 1000;
                }
            }
        }
    }

    /**
     * Minibatch mode: the gradients of {@code batchSize} samples (computed here on the worker threads, or by the
     * {@link BatchGradients} source of {@link #computeBatchesWith}) averaged per optimiser step.
     */
    private void minibatchEpoch(Dataset train, int[] order, double lr, EpochTally tally, ProgressListener listener) {
        final int n = train.size();
        final int b = config.batchSize();
        final double[] costs = new double[b];
        final int[] decisions = new int[b];
        final boolean[] silents = new boolean[b];
        for (int from = 0; from < n; from += b) {
            final int count = Math.min(b, n - from);
            final int base = from;
            if (remote != null) {
                remoteBatch(order, base, count, costs, decisions, silents);
            } else {
                localBatch(train, order, base, count, costs, decisions, silents);
            }
            for (int slot = 0; slot < count; slot++) {
                int idx = order[base + slot];
                tally.costSum += costs[slot];
                tally.predictions[idx] = decisions[slot];
                tally.correct += decisions[slot] == train.label(idx) ? 1 : 0;
                tally.silent += silents[slot] ? 1 : 0;
            }
            // Deviation from the reference (which asserts batch 1 with effect ratios, spec 4.4): minibatch mode
            // keeps per-sample effect ratios, averages the B data gradients and adds the regulariser once per
            // step, because it exists to use several cores on independent samples.
            sumSlots(count);
            final int u = from / b;
            final int updates = (n + b - 1) / b;
            boolean look = observer.observes(epoch, u, updates);
            if (look) {
                probe.before(batchGrad, weights);
            }
            update(batchGrad, count, lr);
            if (look) {
                observer.updated(probe.after(weights, epoch, u, updates, from + count, lr, u == updates - 1));
            }
            if (optimizer != null && optimizer.wantsCurvature()) {
                curvatureBatch(train, order, base, count);
            }
            tally.done += count;
            observeActivity(tally.done, n);
            if (tally.done >= tally.nextReport || tally.done == n) {
                listener.progress(epoch, tally.done, n, tally.costSum / tally.done,
                        (double) tally.correct / tally.done);
                while (tally.nextReport <= tally.done) {
                    tally.nextReport += 1000;
                }
            }
        }
    }

    /** Sets who watches the following epochs ({@link TrainingObserver#NONE}, the default, for nobody). */
    public void observe(TrainingObserver observer) {
        if (observer == null) {
            throw new IllegalArgumentException("observer must not be null (use TrainingObserver.NONE)");
        }
        this.observer = observer;
        if (probe == null && observer != TrainingObserver.NONE) {
            probe = new UpdateProbe(top);
        }
    }

    /** Closes the observer's activity interval when it is full or the epoch ends ({@code done == n}). */
    private void observeActivity(int done, int n) {
        int every = observer.activityInterval();
        if (every <= 0 || (done - activityFrom < every && done != n)) {
            return;
        }
        long[] sum = new long[net.neuronCount()];
        for (Worker w : workers) {
            for (int g = 0; g < sum.length; g++) {
                sum[g] += w.neuronSpikes[g];
            }
            w.clearActivity();
        }
        observer.activity(new ActivityStats(epoch, done, done - activityFrom, sum));
        activityFrom = done;
    }

    /**
     * The state of a minibatch whose sparse errors share one top-k: per batch slot, the sample between its phases
     * ({@link Worker.SampleRun}) and its selected columns; per layer whose error is made sparse, the selection's
     * scratch ({@link SparseErrors#applyShared}).
     */
    private static final class SharedBatch {
        final Worker.SampleRun[] runs;
        /** Per layer: null for the layers whose error stays full. */
        final SparseErrors[] select;
        final int[][] cols;
        final int[] count;
        final double[][] deltas;
        final double[][] memories;

        SharedBatch(Topology top, Backprop backprop, int slots, Worker worker) {
            int layers = top.layerCount();
            runs = new Worker.SampleRun[slots];
            for (int s = 0; s < slots; s++) {
                runs[s] = worker.newRun();
            }
            select = new SparseErrors[layers];
            int widest = 0;
            for (int k = 0; k < layers; k++) {
                if (k < layers - 1 || backprop.outputSparse()) {
                    select[k] = new SparseErrors(top.nOut[k]);
                    widest = Math.max(widest, top.nOut[k]);
                }
            }
            cols = new int[slots][widest];
            count = new int[slots];
            deltas = new double[slots][];
            memories = new double[slots][];
        }
    }

    /** Slots 0..count-1 of a batch computed on the worker threads. */
    private void localBatch(Dataset train, int[] order, int base, int count, double[] costs, int[] decisions,
                                        boolean[] silents) {
        if (sharedBatch != null) {
            sharedBatch(train, order, base, count, true);
            for (int slot = 0; slot < count; slot++) {
                Worker.SampleRun r = sharedBatch.runs[slot];
                costs[slot] = r.cost;
                decisions[slot] = r.decision;
                silents[slot] = r.silentOutput;
            }
            return;
        }
        forSlots(count, (w, slot) -> {
            int idx = order[base + slot];
            InputSpikes in = train.load(idx);
            w.sample(in, train.label(idx), config.boosting() ? boost[idx] : 1, weights,
                    slotGrads[slot], false, slotRows[slot], slotState(slot));
            costs[slot] = w.cost;
            decisions[slot] = w.decision;
            silents[slot] = w.silentOutput;
        });
    }

    /** What one worker does for one batch slot. */
    private interface SlotTask {
        void run(Worker w, int slot);
    }

    /**
     * Runs {@code task} for slots 0..count-1 on the worker threads and waits: slots are taken in turn by whichever
     * worker is free; a slot's result does not depend on the worker.
     */
    private void forSlots(int count, SlotTask task) {
        final AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers.length);
        for (Worker w : workers) {
            futures.add(pool.submit(() -> {
                for (int slot = next.getAndIncrement(); slot < count; slot = next.getAndIncrement()) {
                    task.run(w, slot);
                }
            }));
        }
        await(futures);
    }

    /**
     * Slots 0..count-1 of a minibatch with sparse errors: every sample runs forward and backward down to the first
     * layer whose error is made sparse; the batch's shared top-k of that layer is selected
     * ({@link SparseErrors#applyShared}, with each slot's MSBP memory when {@code withMemory}); every sample continues
     * on that selection to the next such layer, and so on. The selection's CPU time counts to the backward passes.
     */
    private void sharedBatch(Dataset train, int[] order, int base, int count, boolean withMemory) {
        final SharedBatch b = sharedBatch;
        forSlots(count, (w, slot) -> {
            int idx = order[base + slot];
            w.begin(b.runs[slot], train.load(idx), train.label(idx), config.boosting() ? boost[idx] : 1, weights,
                    slotGrads[slot], false, slotRows[slot], withMemory ? slotState(slot) : null);
        });
        for (int k = b.runs[0].next; k >= 0; k = b.runs[0].next) {
            long t0 = CPU.getCurrentThreadCpuTime();
            boolean memory = withMemory && slotStates != null && slotStates[0].memory != null;
            for (int s = 0; s < count; s++) {
                b.deltas[s] = b.runs[s].delta[k];
                b.memories[s] = memory ? slotStates[s].memory[k] : null;
            }
            b.select[k].applyShared(b.deltas, count, top.nOut[k], backprop.keep(top.nOut[k]), b.memories,
                    backprop.alpha(), b.cols, b.count);
            workers[0].backwardNanos += CPU.getCurrentThreadCpuTime() - t0;
            forSlots(count, (w, slot) -> w.resume(b.runs[slot], b.cols[slot], b.count[slot], weights,
                    slotGrads[slot], false, slotRows[slot], withMemory ? slotState(slot) : null));
        }
    }

    /** Slots 0..count-1 of a batch computed by {@link #remote}, written into the slot buffers. */
    private void remoteBatch(int[] order, int base, int count, double[] costs, int[] decisions, boolean[] silents) {
        int[] indices = Arrays.copyOfRange(order, base, base + count);
        double[] weight = new double[count];
        for (int slot = 0; slot < count; slot++) {
            weight[slot] = config.boosting() ? boost[indices[slot]] : 1;
        }
        SampleGradient[] g = remote.compute(remoteSteps++, indices, weight, weights);
        if (g == null || g.length != count) {
            throw new IllegalStateException("batch gradients: expected " + count + " sample gradients, got "
                    + (g == null ? "none" : g.length));
        }
        for (int slot = 0; slot < count; slot++) {
            fillSlot(slot, g[slot]);
            costs[slot] = g[slot].cost();
            decisions[slot] = g[slot].decision();
            silents[slot] = g[slot].silentOutput();
            for (int p = 0; p < remoteSpikes.length && p < g[slot].populationSpikes().length; p++) {
                remoteSpikes[p] += g[slot].populationSpikes()[p];
            }
        }
    }

    /** Writes one sample gradient into slot {@code slot}'s buffers as a minibatch worker would have. */
    private void fillSlot(int slot, SampleGradient g) {
        if (g.values().length != weights.length) {
            throw new IllegalArgumentException("sample gradient has " + g.values().length + " layers, the network "
                    + weights.length);
        }
        for (int k = 0; k < weights.length; k++) {
            float[] dst = slotGrads[slot][k];
            int[] written = g.rows()[k];
            float[] v = g.values()[k];
            if (written == null || !top.kind(k).isDense()) {
                if (written != null || v.length != dst.length) {
                    throw new IllegalArgumentException("sample gradient of layer " + k + ": expected all "
                            + dst.length + " values, got " + v.length + (written != null ? " in rows" : ""));
                }
                System.arraycopy(v, 0, dst, 0, v.length);
                continue;
            }
            int n = top.nOut[k];
            if ((long) written.length * n != v.length) {
                throw new IllegalArgumentException("sample gradient of layer " + k + ": " + written.length
                        + " rows need " + (long) written.length * n + " values, got " + v.length);
            }
            boolean[] r = slotRows[slot][k];
            if (r != null) {
                Arrays.fill(r, false);
            } else {
                Arrays.fill(dst, 0f); // one slot: the slot buffer is the whole batch gradient
            }
            int previous = -1;
            for (int i = 0; i < written.length; i++) {
                int j = written[i];
                if (j <= previous || j >= top.nIn[k]) {
                    throw new IllegalArgumentException("sample gradient of layer " + k + ": rows must increase "
                            + "within [0, " + top.nIn[k] + "), row " + i + " was " + j);
                }
                previous = j;
                if (r != null) {
                    r[j] = true;
                }
                System.arraycopy(v, i * n, dst, j * n, n);
            }
        }
    }

    /**
     * batchGrad = mean over slots 0..count-1 of the slot gradients, summed in slot order; split into row (or index)
     * ranges on the worker threads, each float summed the same way whatever the split.
     */
    private void sumSlots(int count) {
        final int parts = workers.length;
        forParts(p -> {
            for (int k = 0; k < batchGrad.length; k++) {
                final boolean byRows = slotRows[0][k] != null;
                final int units = byRows ? top.nIn[k] : batchGrad[k].length;
                final int a = (int) ((long) units * p / parts);
                final int b = (int) ((long) units * (p + 1) / parts);
                if (byRows) {
                    sumRows(k, count, a, b);
                } else {
                    sumRange(k, count, a, b);
                }
            }
        });
    }

    /** Runs parts 0 .. threads-1 at once on the team (the calling thread among its threads), or part 0 alone. */
    private void forParts(IntConsumer part) {
        if (team == null) {
            part.accept(0);
        } else {
            team.run(part);
        }
    }

    /**
     * Rows [ja, jb) of dense layer k: a row that no slot wrote is 0; otherwise the written rows are added in slot order
     * and scaled by 1/count. Skipping the unwritten rows (exact zeros) leaves every sum as it would be with them.
     */
    private void sumRows(int k, int count, int ja, int jb) {
        final float[] g = batchGrad[k];
        final int n = top.nOut[k];
        final float scale = 1f / count;
        for (int j = ja; j < jb; j++) {
            final int row = j * n;
            boolean first = true;
            for (int s = 0; s < count; s++) {
                if (!slotRows[s][k][j]) {
                    continue;
                }
                if (first) {
                    System.arraycopy(slotGrads[s][k], row, g, row, n);
                    first = false;
                } else {
                    KERNELS.addTo(g, row, slotGrads[s][k], row, n);
                }
            }
            if (first) {
                Arrays.fill(g, row, row + n, 0f);
            } else if (count > 1) {
                for (int i = row; i < row + n; i++) {
                    g[i] *= scale;
                }
            }
        }
    }

    /** Entries [a, b) of layer k's gradient (written whole by every slot): the mean in slot order. */
    private void sumRange(int k, int count, int a, int b) {
        final float[] g = batchGrad[k];
        System.arraycopy(slotGrads[0][k], a, g, a, b - a);
        for (int s = 1; s < count; s++) {
            KERNELS.addTo(g, a, slotGrads[s][k], a, b - a);
        }
        if (count > 1) {
            final float scale = 1f / count;
            for (int i = a; i < b; i++) {
                g[i] *= scale;
            }
        }
    }

    /** Regulariser and one Adam step per layer on {@code grads} (modified), then the engines see the new weights. */
    private void update(float[][] grads, int samples, double lr) {
        if (optimizer != null) {
            stepOptimizer(grads, samples, lr);
        }
        for (int k = grads.length - 1; k >= 0; k--) {
            if (top.params[k] == 0 || (optimizer != null && optimizer.handles(k))) {
                continue;
            }
            boolean dense = top.kind(k).isDense();
            if (workers.length > 1 && dense && top.nOut[k] >= 2 * workers.length) {
                updateSplit(k, grads[k], lr);
                continue;
            }
            if (dense) {
                long t = adam[k].beginStep();
                updateDense(k, grads[k], lr, t, 0, top.nOut[k]);
            } else {
                top.kind(k).addRegulariser(weights[k], grads[k], top.nIn[k], top.nOut[k], config, regScratch[k]);
                long t = adam[k].beginStep();
                adam[k].apply(weights[k], grads[k], 0, grads[k].length, lr, t);
            }
            push(k);
        }
    }

    /**
     * The regulariser's gradient added into {@code grads[k]} for every layer the optimiser handles (hm2bp-spec 5.7,
     * the same terms Adam's path adds), so that every optimiser minimises the same regularised loss.
     */
    private void addRegulariser(float[][] grads) {
        for (int k = 0; k < grads.length; k++) {
            if (top.params[k] == 0 || !optimizer.handles(k)) {
                continue;
            }
            top.kind(k).addRegulariser(weights[k], grads[k], top.nIn[k], top.nOut[k], config, regScratch[k]);
        }
    }

    /** One step of the optimiser on the layers it handles; the engines then see the new weights. */
    private void stepOptimizer(float[][] grads, int samples, double lr) {
        addRegulariser(grads);
        if (optimizer.wantsStatistics()) {
            optimizer.statistics(slotStates, samples);
        }
        optimizer.step(weights, grads, lr);
        for (int k = 0; k < weights.length; k++) {
            if (top.params[k] > 0 && optimizer.handles(k)) {
                push(k);
            }
        }
    }

    /** Hands the optimiser the regularised gradient of the last step's samples at the new weights. */
    private void curvature(float[][] grads) {
        addRegulariser(grads);
        optimizer.curvature(weights, grads);
    }

    /**
     * The gradient of batch slots 0 .. count-1 again at the weights after the step, for the optimiser's curvature pair
     * (oLBFGS: gradient differences on the same samples). MSBP memories are neither read nor written (the pass uses
     * the top-k without memory), and the spike statistics and backward times of the epoch do not count it.
     */
    private void curvatureBatch(Dataset train, int[] order, int base, int count) {
        Worker.Stats[] before = new Worker.Stats[workers.length];
        for (int wi = 0; wi < workers.length; wi++) {
            before[wi] = workers[wi].stats();
        }
        if (sharedBatch != null) {
            sharedBatch(train, order, base, count, false);
        } else {
            forSlots(count, (w, slot) -> {
                int idx = order[base + slot];
                w.sample(train.load(idx), train.label(idx), config.boosting() ? boost[idx] : 1, weights,
                        slotGrads[slot], false, slotRows[slot], null);
            });
        }
        for (int wi = 0; wi < workers.length; wi++) {
            workers[wi].restore(before[wi]);
        }
        sumSlots(count);
        curvature(batchGrad);
    }

    /**
     * Regulariser and Adam step of dense layer k on the worker threads; elementwise identical to the single-threaded
     * update. With the regulariser (its factors are per post neuron, over every pre neuron) split by post-neuron
     * columns; without, by pre-neuron rows: each thread then writes one contiguous range instead of part of every row,
     * so the threads do not write into the same cache lines at every row's split point.
     */
    private void updateSplit(int k, float[] grad, double lr) {
        final int parts = workers.length;
        final int nOut = top.nOut[k];
        final int nIn = top.nIn[k];
        final long t = adam[k].beginStep();
        final boolean byRows = !Regulariser.active(config.lambda(), config.beta());
        final boolean[] written = staleRows == null ? null : slotRows[0][k];
        final int units = byRows ? nIn : nOut;
        forParts(p -> {
            final int a = units * p / parts;
            final int b = units * (p + 1) / parts;
            if (byRows) {
                adam[k].applyRows(weights[k], grad, written, a, b, nOut, lr, t);
            } else {
                updateDense(k, grad, lr, t, a, b);
            }
        });
        push(k);
    }

    /**
     * Post-neuron columns [a, b) of dense layer k: the regulariser's factors (from the weights before the step), then
     * Adam step t with the regulariser's decay added to the gradient on the fly (one pass over the weights).
     */
    private void updateDense(int k, float[] grad, double lr, long t, int a, int b) {
        final float[] w = weights[k];
        final int nIn = top.nIn[k];
        final int nOut = top.nOut[k];
        // faithful mode: the rows the sample did not write are 0 (clearStaleRows) and need not be read
        boolean[] written = staleRows == null ? null : slotRows[0][k];
        if (Regulariser.coefficients(w, nIn, nOut, config.lambda(), config.beta(), config.weightLimit(),
                regScratch[k], a, b)) {
            adam[k].applyDecayed(w, grad, written, nIn, nOut, a, b, regScratch[k], lr, t);
        } else {
            adam[k].apply(w, grad, written, nIn, nOut, a, b, lr, t);
        }
    }

    /** Boosting after an epoch (spec 5.6): misclassified samples of class c grow by exp(err_c / 20). */
    private void updateBoost(Dataset train, int[] predictions) {
        int n = train.size();
        int classes = top.outputSize;
        double[] wrong = new double[classes];
        double[] all = new double[classes];
        for (int i = 0; i < n; i++) {
            int c = train.label(i);
            if (c >= classes) {
                continue;
            }
            all[c] += boost[i];
            if (predictions[i] != c) {
                wrong[c] += boost[i];
            }
        }
        for (int i = 0; i < n; i++) {
            int c = train.label(i);
            if (c < classes && predictions[i] != c && all[c] > 0) {
                boost[i] *= Math.exp(wrong[c] / all[c] / 20);
            }
        }
    }

    /** Classifies every sample of {@code test} with the current weights, on the worker threads. */
    public Evaluation evaluate(Dataset test) {
        if (test.channelCount() != top.nIn[0]) {
            throw new IllegalArgumentException("test data has " + test.channelCount()
                    + " channels, the input population " + top.nIn[0]);
        }
        return DatasetRun.of(net, top.ticks, test, pool, workers.length).evaluation(test);
    }

    static void await(List<Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException("training worker failed", c);
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The network with the current weights (dense weights target-major as {@link ProjectionSpec.Dense} wants). */
    public NetworkSpec networkSpec() {
        float[][] w = new float[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            w[k] = top.kind(k).toSpecLayout(weights[k], top.nIn[k], top.nOut[k]);
        }
        return top.withWeights(w);
    }

    /** Number of trainable layers. */
    public int layerCount() {
        return weights.length;
    }

    /** Name of the projection of trainable layer k (0 = the first from the input). */
    public String layerName(int k) {
        return top.layer(k).name();
    }

    /**
     * A copy of layer k's weights: dense source-major ({@code j * nOut + i}), conv2d in the spec's
     * (out, in, kernel, kernel) order, empty for pooling.
     */
    public float[] weights(int k) {
        return weights[k].clone();
    }

    /** A copy of the full trainer state. */
    public TrainerState state() {
        int layers = weights.length;
        float[][] w = new float[layers][];
        float[][] m = new float[layers][];
        float[][] v = new float[layers][];
        long[] steps = new long[layers];
        for (int k = 0; k < layers; k++) {
            w[k] = weights[k].clone();
            m[k] = adam[k].m.clone();
            v[k] = adam[k].v.clone();
            steps[k] = adam[k].steps;
        }
        return new TrainerState(epoch, config.seed(), w, m, v, steps, boost.clone());
    }

    /**
     * Restores a state taken from a trainer of the same network.
     *
     * @throws IllegalArgumentException when a layer count or array length differs
     */
    public void restore(TrainerState s) {
        int layers = weights.length;
        if (s.weights().length != layers || s.adamM().length != layers || s.adamV().length != layers
                || s.adamSteps().length != layers) {
            throw new IllegalArgumentException("trainer state has " + s.weights().length + " layers, the network "
                    + layers);
        }
        for (int k = 0; k < layers; k++) {
            int len = weights[k].length;
            if (s.weights()[k].length != len || s.adamM()[k].length != len || s.adamV()[k].length != len) {
                throw new IllegalArgumentException("trainer state layer " + k + ": arrays must have length " + len);
            }
        }
        for (int k = 0; k < layers; k++) {
            System.arraycopy(s.weights()[k], 0, weights[k], 0, weights[k].length);
            System.arraycopy(s.adamM()[k], 0, adam[k].m, 0, weights[k].length);
            System.arraycopy(s.adamV()[k], 0, adam[k].v, 0, weights[k].length);
            adam[k].steps = s.adamSteps()[k];
        }
        boost = s.boostWeights().clone();
        epoch = s.epoch();
        pushWeights();
    }

    /** MSBP memories and the optimiser's state, copied (empty for full backpropagation with Adam). */
    public AuxState auxState() {
        AuxState out = new AuxState();
        if (slotStates != null && slotStates[0].memory != null) {
            for (int s = 0; s < slotStates.length; s++) {
                for (int k = 0; k < weights.length; k++) {
                    out.doubles().put("msbp.memory." + s + "." + k, slotStates[s].memory[k].clone());
                }
            }
        }
        if (optimizer != null) {
            optimizer.save(out);
        }
        return out;
    }

    /**
     * Restores what {@link #auxState} returned from a trainer of the same network, backpropagation and optimiser.
     *
     * @throws IllegalArgumentException naming a missing array or a wrong length
     */
    public void restoreAux(AuxState in) {
        if (slotStates != null && slotStates[0].memory != null) {
            for (int s = 0; s < slotStates.length; s++) {
                for (int k = 0; k < weights.length; k++) {
                    double[] m = slotStates[s].memory[k];
                    System.arraycopy(in.doubles("msbp.memory." + s + "." + k, m.length), 0, m, 0, m.length);
                }
            }
        }
        if (optimizer != null) {
            optimizer.restore(in);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        if (team != null) {
            team.close();
        }
    }
}
