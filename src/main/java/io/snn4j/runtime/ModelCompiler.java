package io.snn4j.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns decoded fields ({@link ModelDecoder.Raw}) into the runtime's populations and projections, checking every
 * rule the engines' loader checks (LIF parameters, shapes against kinds, weight counts, finite weights, index ranges,
 * delays, sizes before any array is allocated) and collecting all problems before it fails. Weights a file leaves to
 * be drawn ({@code init_range}), random projections and initial potentials are drawn exactly as the engines' loader
 * and compiler draw them (same seeds, same streams), so the runtime and the engines simulate the same network.
 *
 * <p>Not thread-safe; one compiler per model.
 */
final class ModelCompiler {
    /** Largest total neuron count. */
    static final long MAX_NEURONS = 1L << 30;
    /** Largest delay in ticks. */
    static final int MAX_DELAY_TICKS = 1 << 16;
    /** Largest spread of per-synapse delays within one projection. */
    static final int MAX_DELAY_SPREAD = 255;
    /** Largest refractory period in ticks. */
    static final int MAX_REFRACTORY_TICKS = 1 << 24;
    /** Largest array of weights or synapses of one projection. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final ModelDecoder.Raw.Model model;
    private final List<String> problems = new ArrayList<>();
    private final List<Population> pops = new ArrayList<>();
    private final List<Projection> projs = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    /** Per population: its FixedPointProto, or null. */
    private final List<ModelDecoder.Raw.FixedPoint> fixedPoints = new ArrayList<>();
    private int input = -1;
    private int output = -1;
    private boolean integerMode;

    private ModelCompiler(ModelDecoder.Raw.Model model) {
        this.model = model;
    }

    /** Builds the model or throws one exception listing every problem. */
    static SnnModel compile(ModelDecoder.Raw.Model raw, String where) throws ModelFormatException {
        ModelCompiler c = new ModelCompiler(raw);
        if (!(raw.usPerTick > 0) || Double.isInfinite(raw.usPerTick)) {
            c.problems.add("us_per_tick must be > 0 and finite, was " + raw.usPerTick);
        }
        if (raw.network != null) {
            c.network(raw.network);
        } else if (raw.feedForward != null) {
            c.feedForward(raw.feedForward);
        } else {
            c.problems.add("model has no body: give 'network' or 'feed_forward'");
        }
        if (c.problems.isEmpty() && c.pops.isEmpty()) {
            c.problems.add("a network needs at least one population");
        }
        if (!c.problems.isEmpty()) {
            throw new ModelFormatException(where, c.problems);
        }
        return new SnnModel(raw.name, raw.usPerTick, c.pops.toArray(new Population[0]),
                c.projs.toArray(new Projection[0]), c.input, c.output, c.integerMode);
    }

    // ---- general form ------------------------------------------------------------------------------------------

    private void network(ModelDecoder.Raw.Network n) {
        long neurons = 0;
        // integer mode is decided by the populations before any projection reads its quantised weights
        for (ModelDecoder.Raw.Population p : n.populations) {
            if (p.kind == ModelDecoder.Raw.Population.LIF && p.lif.fixedPoint != null
                    && p.lif.fixedPoint.decayShift > 0) {
                integerMode = true;
            }
        }
        for (int i = 0; i < n.populations.size(); i++) {
            population(i, n.populations.get(i));
            neurons += pops.get(pops.size() - 1).size;
        }
        if (neurons > MAX_NEURONS) {
            problems.add("network has " + neurons + " neurons, more than the limit " + MAX_NEURONS);
            return;
        }
        input = lookup(n.input, "network.input");
        if (input >= 0 && !pops.get(input).isInput) {
            problems.add("network.input: population '" + n.input + "' must be an input population, not LIF");
        }
        if (!n.output.isEmpty()) {
            output = lookup(n.output, "network.output");
            if (output >= 0 && pops.get(output).isInput) {
                problems.add("network.output: population '" + n.output + "' must be a LIF population");
            }
        }
        for (int j = 0; j < n.projections.size(); j++) {
            projection(j, n.projections.get(j));
        }
    }

    private int lookup(String name, String field) {
        Integer i = index.get(name);
        if (i == null) {
            problems.add(field + ": '" + name + "' is not a population");
            return -1;
        }
        return i;
    }

    private void add(Population p, ModelDecoder.Raw.FixedPoint fixedPoint) {
        if (index.putIfAbsent(p.name, pops.size()) != null) {
            problems.add("population '" + p.name + "': name used twice");
        }
        pops.add(p);
        fixedPoints.add(fixedPoint);
    }

    private void population(int i, ModelDecoder.Raw.Population p) {
        String name = p.name.isEmpty() ? "#" + i : p.name;
        String where = "population '" + name + "'";
        if (p.name.isEmpty()) {
            problems.add("network.populations[" + i + "]: name must not be empty");
        }
        long[] shape = shape(p, where);
        int c = (int) shape[0];
        int h = (int) shape[1];
        int w = (int) shape[2];
        if (p.kind == ModelDecoder.Raw.Population.LIF) {
            ModelDecoder.Raw.Lif l = p.lif;
            if (l.tauSyn.n < 1 || l.tauSyn.n > 2) {
                problems.add(where + ": lif.tau_syn must have one or two entries, had " + l.tauSyn.n);
            }
            double tauSyn0 = l.tauSyn.n > 0 ? l.tauSyn.a[0] : 0;
            double tauSyn1 = l.tauSyn.n > 1 ? l.tauSyn.a[1] : 0;
            boolean ok = lifProblems(where + ": lif.", l.tauMem, tauSyn0, tauSyn1, l.threshold, l.refractory, l.bias);
            float[] init = null;
            if (!(Double.isFinite(l.vInitLow) && Double.isFinite(l.vInitHigh) && l.vInitLow <= l.vInitHigh)) {
                problems.add(where + ": lif.v_init range must be finite with low <= high, was [" + l.vInitLow + ", "
                        + l.vInitHigh + "]");
            } else if (l.vInitLow != 0 || l.vInitHigh != 0) {
                if (integerMode) {
                    problems.add(where + ": initial potentials (lif.v_init_*) are not supported in integer mode");
                } else {
                    init = initialPotentials(pops.size(), c * h * w, l.vInitLow, l.vInitHigh);
                }
            }
            Population.IntegerLif integer = null;
            if (integerMode) {
                integer = integerLif(where, l, c, h, w, tauSyn1 != 0 ? 2 : 1);
            }
            if (!ok) {
                tauSyn0 = 1;
                tauSyn1 = 0;
            }
            add(new Population(name, c, h, w, ok ? l.tauMem : 1, tauSyn0, tauSyn1, ok ? l.threshold : 1, l.strict,
                    ok ? (int) l.refractory : 0, ok ? l.bias : 0, init, integer), l.fixedPoint);
        } else {
            if (p.kind != ModelDecoder.Raw.Population.INPUT) {
                problems.add(where + ": kind must be 'input' or 'lif'");
            }
            add(new Population(name, c, h, w), null);
        }
    }

    /** Channels, height, width of a population (1 x 1 x 1 after a problem). */
    private long[] shape(ModelDecoder.Raw.Population p, String where) {
        if (p.shape != null) {
            long c = p.shape.channels;
            long h = p.shape.height;
            long w = p.shape.width;
            boolean tooBig = c * h > Integer.MAX_VALUE || c * h * w > Integer.MAX_VALUE;
            if (c < 1 || h < 1 || w < 1 || tooBig) {
                problems.add(where + ": shape must have channels, height, width >= 1 and at most 2^31-1 neurons, was "
                        + c + "x" + h + "x" + w);
                return new long[] {1, 1, 1};
            }
            if (p.size != 0 && p.size != c * h * w) {
                problems.add(where + ": size " + p.size + " differs from shape " + c + "x" + h + "x" + w + " = "
                        + c * h * w);
            }
            return new long[] {c, h, w};
        }
        if (p.size < 1 || p.size > Integer.MAX_VALUE) {
            problems.add(where + ": size must be >= 1 (or give a shape), was " + p.size);
            return new long[] {1, 1, 1};
        }
        return new long[] {1, 1, p.size};
    }

    /** Adds the problems of LIF parameters; true when there are none. */
    private boolean lifProblems(String where, double tauMem, double tauSyn0, double tauSyn1, double threshold,
                                long refractory, double bias) {
        int before = problems.size();
        if (!(tauMem >= 1 && tauMem < Double.POSITIVE_INFINITY)) {
            problems.add(where + "tau_mem must be >= 1 tick, was " + tauMem);
        }
        if (!(tauSyn0 >= 1 && tauSyn0 < Double.POSITIVE_INFINITY)) {
            problems.add(where + "tau_syn[0] must be >= 1 tick, was " + tauSyn0);
        }
        if (!(tauSyn1 == 0 || (tauSyn1 >= 1 && tauSyn1 < Double.POSITIVE_INFINITY))) {
            problems.add(where + "tau_syn[1] must be absent or >= 1 tick, was " + tauSyn1);
        }
        if (!(threshold > 1e-6 && threshold < Double.POSITIVE_INFINITY)) {
            problems.add(where + "threshold must be > 1e-6 and finite, was " + threshold);
        }
        if (refractory < 0 || refractory > MAX_REFRACTORY_TICKS) {
            problems.add(where + "refractory_ticks must be in [0, " + MAX_REFRACTORY_TICKS + "], was " + refractory);
        }
        if (!Double.isFinite(bias)) {
            problems.add(where + "bias must be finite, was " + bias);
        }
        return problems.size() == before;
    }

    /**
     * Initial potentials of population {@code p}, drawn as the engines' compiler draws them: uniform in [low, high]
     * from {@code SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (p + 1)))}, neuron by neuron, rounded to float.
     */
    private float[] initialPotentials(int p, int size, double low, double high) {
        SplittableRandom rng = new SplittableRandom(model.seed ^ (0x9E3779B97F4A7C15L * (p + 1)));
        double span = high - low;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) (low + span * rng.nextDouble());
        }
        return v;
    }

    /** Integer-mode constants of a LIF population, expanded per neuron; null after a problem. */
    private Population.IntegerLif integerLif(String where, ModelDecoder.Raw.Lif l, int c, int h, int w, int types) {
        ModelDecoder.Raw.FixedPoint f = l.fixedPoint;
        String at = where + ": lif.fixed_point.";
        if (f == null || f.decayShift == 0) {
            problems.add(where + ": integer mode needs lif.fixed_point with decay_shift > 0 in every LIF population "
                    + "(another population has one), this one has " + (f == null ? "no fixed_point" : "decay_shift 0"));
            return null;
        }
        int before = problems.size();
        if (f.decayShift > 30) {
            problems.add(at + "decay_shift must be in [1, 30], was " + f.decayShift);
            return null;
        }
        long one = 1L << f.decayShift;
        if (f.decayMem > one) {
            problems.add(at + "decay_mem must be in [0, 2^decay_shift = " + one + "], was " + f.decayMem);
        }
        if (f.decaySyn.n != types) {
            problems.add(at + "decay_syn must have one entry per synapse type (" + types + "), had " + f.decaySyn.n);
        } else {
            for (int k = 0; k < types; k++) {
                if (f.decaySyn.a[k] < 1 || f.decaySyn.a[k] > one) {
                    problems.add(at + "decay_syn[" + k + "] must be in [1, " + one + "], was " + f.decaySyn.a[k]);
                }
            }
        }
        if (f.accumulatorBits < 2 || f.accumulatorBits > 32) {
            problems.add(at + "accumulator_bits must be in [2, 32] for integer mode, was " + f.accumulatorBits);
        }
        if (f.fracBits > 30) {
            problems.add(at + "frac_bits must be in [0, 30], was " + f.fracBits);
        }
        int scales = f.thresholdState.n;
        if (scales < 1 || channelOf(0, scales, c, h, w) < 0) {
            problems.add(at + "threshold_state must have one entry per scale, a number that divides the "
                    + (long) c * h * w + " neurons, had " + scales);
        }
        if (f.scales.n != 0 && f.scales.n != scales) {
            problems.add(at + "threshold_state has " + scales + " entries but scales " + f.scales.n);
        }
        if (f.biasState.n != 0 && f.biasState.n != scales) {
            problems.add(at + "bias_state must be empty or have one entry per threshold_state (" + scales + "), had "
                    + f.biasState.n);
        }
        long limit = f.accumulatorBits >= 2 && f.accumulatorBits <= 32 ? (1L << (f.accumulatorBits - 1)) - 1 : 0;
        for (int k = 0; k < scales; k++) {
            if (f.thresholdState.a[k] < 1 || f.thresholdState.a[k] > limit) {
                problems.add(at + "threshold_state[" + k + "] must be in [1, " + limit + "], was "
                        + f.thresholdState.a[k]);
                break;
            }
        }
        for (int k = 0; k < f.biasState.n; k++) {
            if (Math.abs(f.biasState.a[k]) > limit) {
                problems.add(at + "bias_state[" + k + "] must be in [-" + limit + ", " + limit + "], was "
                        + f.biasState.a[k]);
                break;
            }
        }
        if (problems.size() != before) {
            return null;
        }
        int size = c * h * w;
        long[] threshold = new long[size];
        long[] bias = f.biasState.n == 0 ? null : new long[size];
        boolean anyBias = false;
        for (int i = 0; i < size; i++) {
            int ch = channelOf(i, scales, c, h, w);
            threshold[i] = f.thresholdState.a[ch];
            if (bias != null) {
                bias[i] = f.biasState.a[ch];
                anyBias |= bias[i] != 0;
            }
        }
        return new Population.IntegerLif((int) f.fracBits, (int) f.decayShift, f.decayMem, f.decaySyn.a[0],
                types == 2 ? f.decaySyn.a[1] : 0, limit, threshold, anyBias ? bias : null);
    }

    /**
     * Index of the per-channel value of neuron i when there are {@code count} values (model.proto: output channel c
     * of neuron n is n / (size / count)); -1 when count does not divide the population's size.
     */
    static int channelOf(int i, int count, int c, int h, int w) {
        long size = (long) c * h * w;
        if (count < 1 || size % count != 0) {
            return -1;
        }
        return (int) (i / (size / count));
    }

    private void projection(int j, ModelDecoder.Raw.Projection p) {
        String name = p.name.isEmpty() ? "#" + j : p.name;
        String where = "projection '" + name + "'";
        Integer src = index.get(p.source);
        Integer tgt = index.get(p.target);
        if (src == null) {
            problems.add(where + ": source '" + p.source + "' is not a population");
        }
        if (tgt == null) {
            problems.add(where + ": target '" + p.target + "' is not a population");
        }
        if (src == null || tgt == null) {
            return;
        }
        for (Projection q : projs) {
            if (q.name.equals(name)) {
                problems.add(where + ": name used twice");
            }
        }
        Population s = pops.get(src);
        Population t = pops.get(tgt);
        if (t.isInput) {
            problems.add(where + ": target '" + t.name + "' is an input population and cannot receive spikes");
            return;
        }
        if (p.synapse >= t.synapseTypes) {
            problems.add(where + ": synapse must be in [0, " + t.synapseTypes + ") for target '" + t.name
                    + "', was " + p.synapse);
            return;
        }
        long delay = p.delay == 0 ? 1 : p.delay;
        if (delay > MAX_DELAY_TICKS) {
            problems.add(where + ": delay must be in [1, " + MAX_DELAY_TICKS + "] ticks, was " + delay);
            return;
        }
        int syn = (int) p.synapse;
        int d = (int) delay;
        int before = problems.size();
        Projection built = switch (p.kind) {
            case Schema.ProjectionProto.DENSE -> {
                float[] w = weights(p.weights, p.initRange, (long) s.size * t.size, where, "dense", j);
                if (w == null) {
                    yield null;
                }
                int[] q = quantized(p, where, w.length, t);
                yield problems.size() != before ? null
                        : new Projection.Dense(name, src, tgt, syn, d, s.size, t.size, w, q);
            }
            case Schema.ProjectionProto.SPARSE -> sparse(p, name, where, src, tgt, s, t, syn, d);
            case Schema.ProjectionProto.RANDOM -> random(p, name, where, src, tgt, s, t, syn, d, j);
            case Schema.ProjectionProto.ONE_TO_ONE -> {
                if (s.size != t.size) {
                    problems.add(where + ": one-to-one needs equal sizes, source '" + s.name + "' has " + s.size
                            + " and target '" + t.name + "' " + t.size);
                    yield null;
                }
                float[] w = p.weights.toArray();
                if (w.length != 1 && w.length != s.size) {
                    problems.add(where + ": one_to_one.weights must have 1 or " + s.size + " entries, had "
                            + w.length);
                    yield null;
                }
                finite(w, where);
                int[] q = quantized(p, where, t.size, t);
                yield problems.size() != before ? null
                        : new Projection.OneToOne(name, src, tgt, syn, d, s.size, w, q);
            }
            case Schema.ProjectionProto.CONV2D -> {
                long stride = p.stride == 0 ? 1 : p.stride;
                if (p.kernel < 1 || p.inChannels < 1 || p.outChannels < 1 || p.kernel > 4096 || stride > 4096
                        || p.padding > 4096) {
                    problems.add(where + ": conv2d needs kernel, in_channels, out_channels >= 1 and kernel, stride, "
                            + "padding <= 4096, were " + p.kernel + ", " + p.inChannels + ", " + p.outChannels + ", "
                            + stride + ", " + p.padding);
                    yield null;
                }
                if (s.channels != p.inChannels) {
                    problems.add(where + ": conv2d.in_channels " + p.inChannels + " differs from source '" + s.name
                            + "' shape " + shapeOf(s));
                }
                long oh = Math.floorDiv(s.height + 2 * p.padding - p.kernel, stride) + 1;
                long ow = Math.floorDiv(s.width + 2 * p.padding - p.kernel, stride) + 1;
                if (oh < 1 || ow < 1 || t.channels != p.outChannels || t.height != oh || t.width != ow) {
                    problems.add(where + ": target '" + t.name + "' shape " + shapeOf(t) + " differs from the conv2d "
                            + "output " + p.outChannels + "x" + oh + "x" + ow + " of source shape " + shapeOf(s));
                }
                long count = p.outChannels * p.inChannels * p.kernel * p.kernel;
                float[] w = weights(p.weights, p.initRange, count, where, "conv2d", j);
                if (w == null || problems.size() != before) {
                    yield null;
                }
                int[] q = quantized(p, where, w.length, t);
                yield problems.size() != before ? null
                        : new Projection.Conv2d(name, src, tgt, syn, d, s, t, (int) p.kernel, (int) stride,
                        (int) p.padding, w, q);
            }
            case Schema.ProjectionProto.POOL -> {
                long stride = p.stride == 0 ? p.kernel : p.stride;
                float weight = p.weight == 0 ? 1f : p.weight;
                if (p.kernel < 1 || stride < 1 || p.kernel > s.height || p.kernel > s.width) {
                    problems.add(where + ": pool kernel " + p.kernel + " and stride " + stride
                            + " do not fit source shape " + shapeOf(s));
                    yield null;
                }
                if (!Float.isFinite(weight)) {
                    problems.add(where + ": pool.weight must be finite, was " + weight);
                }
                long oh = (s.height - p.kernel) / stride + 1;
                long ow = (s.width - p.kernel) / stride + 1;
                if (t.channels != s.channels || t.height != oh || t.width != ow) {
                    problems.add(where + ": target '" + t.name + "' shape " + shapeOf(t) + " differs from the pooling "
                            + "output " + s.channels + "x" + oh + "x" + ow + " of source shape " + shapeOf(s));
                }
                int[] q = perChannel(p, where, t);
                yield problems.size() != before ? null
                        : new Projection.Pool(name, src, tgt, syn, d, s, t, (int) p.kernel, (int) stride, weight, q);
            }
            case Schema.ProjectionProto.LATERAL_INHIBITION -> {
                if (!src.equals(tgt)) {
                    problems.add(where + ": lateral inhibition must project a population onto itself, was '" + s.name
                            + "' -> '" + t.name + "'");
                }
                if (!Float.isFinite(p.weight)) {
                    problems.add(where + ": lateral_inhibition.strength must be finite, was " + p.weight);
                }
                int[] q = perChannel(p, where, t);
                yield problems.size() != before ? null
                        : new Projection.Lateral(name, tgt, syn, d, t.size, -p.weight, q);
            }
            default -> {
                problems.add(where + ": kind must be one of dense, sparse, random, one_to_one, conv2d, pool, "
                        + "lateral_inhibition");
                yield null;
            }
        };
        if (built != null) {
            projs.add(built);
        }
    }

    private static String shapeOf(Population p) {
        return p.channels + "x" + p.height + "x" + p.width;
    }

    private Projection sparse(ModelDecoder.Raw.Projection p, String name, String where, int src, int tgt,
                              Population s, Population t, int syn, int delay) {
        int n = p.pre.n;
        boolean withDelays = p.delays.n > 0;
        if (p.post.n != n || p.weights.n != n || (withDelays && p.delays.n != n)) {
            problems.add(where + ": sparse pre, post, weights (and delays if given) must have equal lengths, were "
                    + n + ", " + p.post.n + ", " + p.weights.n + ", " + (withDelays ? p.delays.n : "absent"));
            return null;
        }
        int[] pre = new int[n];
        int[] post = new int[n];
        for (int k = 0; k < n; k++) {
            if (p.pre.a[k] >= s.size) {
                problems.add(where + ": sparse synapse " + k + ": pre must be in [0, " + s.size + "), was "
                        + p.pre.a[k]);
                return null;
            }
            if (p.post.a[k] >= t.size) {
                problems.add(where + ": sparse synapse " + k + ": post must be in [0, " + t.size + "), was "
                        + p.post.a[k]);
                return null;
            }
            pre[k] = (int) p.pre.a[k];
            post[k] = (int) p.post.a[k];
        }
        float[] w = p.weights.toArray();
        if (!finite(w, where)) {
            return null;
        }
        int[] delays = null;
        int min = delay;
        int max = delay;
        if (withDelays && n > 0) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int k = 0; k < n; k++) {
                lo = Math.min(lo, p.delays.a[k]);
                hi = Math.max(hi, p.delays.a[k]);
            }
            if (lo < 1 || hi > MAX_DELAY_TICKS) {
                problems.add(where + ": sparse.delays must be in [1, " + MAX_DELAY_TICKS + "] ticks, were " + lo + ".."
                        + hi);
                return null;
            }
            if (hi - lo > MAX_DELAY_SPREAD) {
                problems.add(where + ": per-synapse delays may span at most " + MAX_DELAY_SPREAD + " ticks, spanned "
                        + lo + ".." + hi);
                return null;
            }
            delays = new int[n];
            for (int k = 0; k < n; k++) {
                delays[k] = (int) p.delays.a[k];
            }
            min = (int) lo;
            max = (int) hi;
        }
        int before = problems.size();
        int[] q = quantized(p, where, n, t);
        if (problems.size() != before) {
            return null;
        }
        return new Projection.Sparse(name, src, tgt, syn, min, s.size, t.size, pre, post, w, delays, max, q);
    }

    /**
     * A random projection, drawn as the engines draw it: one {@code SplittableRandom(seed)} (the model seed mixed
     * with the projection index when the projection gives none) walks the sources in order and skips geometrically
     * to the next connected target, then draws the weight and the delay.
     */
    private Projection random(ModelDecoder.Raw.Projection p, String name, String where, int src, int tgt,
                              Population s, Population t, int syn, int delay, int j) {
        if (integerMode) {
            problems.add(where + ": random projections have no quantised weights, so integer mode cannot run them");
            return null;
        }
        if (!(p.p >= 0 && p.p <= 1)) {
            problems.add(where + ": random.p must be in [0, 1], was " + p.p);
            return null;
        }
        if (!Float.isFinite(p.weight) || !Float.isFinite(p.weightSpread) || p.weightSpread < 0) {
            problems.add(where + ": random.weight must be finite and weight_spread finite and >= 0, were " + p.weight
                    + " and " + p.weightSpread);
            return null;
        }
        long delayMax = p.delayMax == 0 ? delay : p.delayMax;
        if (delayMax < delay || delayMax - delay > MAX_DELAY_SPREAD || delayMax > MAX_DELAY_TICKS) {
            problems.add(where + ": random.delay_max must be in [delay, delay + " + MAX_DELAY_SPREAD + "], was "
                    + delayMax + " with delay " + delay);
            return null;
        }
        double expected = p.p * s.size * t.size;
        if (expected > MAX_ARRAY * 0.99 || expected * 13 > Runtime.getRuntime().maxMemory()) {
            problems.add(where + ": random.p = " + p.p + " gives about " + (long) expected + " synapses, more than "
                    + "this JVM can hold");
            return null;
        }
        long seed = p.seed != 0 ? p.seed : mix(model.seed, j);
        int nIn = s.size;
        int nOut = t.size;
        int span = (int) delayMax - delay;
        boolean self = src == tgt;
        int cap = (int) Math.min(MAX_ARRAY, (long) (expected * 1.1) + 16);
        int[] pre = new int[cap];
        int[] post = new int[cap];
        float[] w = new float[cap];
        int[] delays = span > 0 ? new int[cap] : null;
        int n = 0;
        if (p.p > 0) {
            SplittableRandom rng = new SplittableRandom(seed);
            double logQ = p.p >= 1 ? 0 : Math.log1p(-p.p);
            for (int i = 0; i < nIn; i++) {
                long k = -1;
                while (true) {
                    if (p.p >= 1) {
                        k++;
                    } else {
                        double skip = Math.floor(Math.log1p(-rng.nextDouble()) / logQ);
                        k += 1 + (skip > nOut ? nOut : (long) skip);
                    }
                    if (k >= nOut) {
                        break;
                    }
                    float weight = p.weightSpread > 0
                            ? (float) (p.weight + p.weightSpread * (2 * rng.nextDouble() - 1)) : p.weight;
                    int dd = span > 0 ? delay + rng.nextInt(span + 1) : delay;
                    if (self && !p.allowSelf && k == i) {
                        continue;
                    }
                    if (n == pre.length) {
                        int grown = (int) Math.min(MAX_ARRAY, 2L * n);
                        if (grown == n) {
                            problems.add(where + ": random projection has more than " + MAX_ARRAY + " synapses");
                            return null;
                        }
                        pre = Arrays.copyOf(pre, grown);
                        post = Arrays.copyOf(post, grown);
                        w = Arrays.copyOf(w, grown);
                        if (delays != null) {
                            delays = Arrays.copyOf(delays, grown);
                        }
                    }
                    pre[n] = i;
                    post[n] = (int) k;
                    w[n] = weight;
                    if (delays != null) {
                        delays[n] = dd;
                    }
                    n++;
                }
            }
        }
        return new Projection.Sparse(name, src, tgt, syn, delay, nIn, nOut, Arrays.copyOf(pre, n),
                Arrays.copyOf(post, n), Arrays.copyOf(w, n), delays == null ? null : Arrays.copyOf(delays, n),
                (int) delayMax, null);
    }

    /** The seed of projection j's draws when it gives none: the model seed mixed with j (SplitMix64 finaliser). */
    static long mix(long seed, int j) {
        long z = seed + 0x9E3779B97F4A7C15L * (j + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Given weights (count checked, finite), or weights drawn uniform in [-range, range] from
     * {@code SplittableRandom(mix(seed, j))} when none are given; null after a problem.
     */
    private float[] weights(ModelDecoder.Raw.Floats given, float initRange, long expected, String where, String kind,
                            int j) {
        if (given.n > 0) {
            if (given.n != expected) {
                problems.add(where + ": " + kind + ".weights must have " + expected + " entries, had " + given.n);
                return null;
            }
            float[] w = given.toArray();
            return finite(w, where) ? w : null;
        }
        if (!(initRange > 0) || !Float.isFinite(initRange)) {
            problems.add(where + ": " + kind + " needs weights or an init_range > 0, had neither");
            return null;
        }
        if (expected > MAX_ARRAY || expected > Runtime.getRuntime().maxMemory() / 8) {
            problems.add(where + ": " + kind + " would draw " + expected + " weights (" + (expected >> 18)
                    + " MB), more than this JVM can hold");
            return null;
        }
        SplittableRandom rng = new SplittableRandom(mix(model.seed, j));
        float[] w = new float[(int) expected];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (initRange * (2 * rng.nextDouble() - 1));
        }
        return w;
    }

    private boolean finite(float[] w, String where) {
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                problems.add(where + ": weight " + i + " is " + w[i] + " (must be finite)");
                return false;
            }
        }
        return true;
    }

    /**
     * The projection's quantised weights in the order of its float weights ({@code count} of them), checked; null
     * when absent (a problem in integer mode) or after a problem.
     */
    private int[] quantized(ModelDecoder.Raw.Projection p, String where, long count, Population target) {
        int[] values = quantizedValues(p, where);
        if (values == null) {
            return null;
        }
        if (values.length != count) {
            problems.add(where + ": quantized must have " + count + " values (as the float weights), had "
                    + values.length);
            return null;
        }
        return integerMode ? values : null;
    }

    /** Pool and lateral inhibition: one quantised value per scale, expanded to one per target neuron. */
    private int[] perChannel(ModelDecoder.Raw.Projection p, String where, Population t) {
        int[] values = quantizedValues(p, where);
        if (values == null) {
            return null;
        }
        if (values.length < 1 || channelOf(0, values.length, t.channels, t.height, t.width) < 0) {
            problems.add(where + ": quantized must have one value per scale of the target (a number that divides its "
                    + t.size + " neurons), had " + values.length);
            return null;
        }
        int[] byTarget = new int[t.size];
        for (int i = 0; i < t.size; i++) {
            byTarget[i] = values[channelOf(i, values.length, t.channels, t.height, t.width)];
        }
        return integerMode ? byTarget : null;
    }

    /** The integer values of a projection's QuantizedWeightsProto; null when absent or invalid. */
    private int[] quantizedValues(ModelDecoder.Raw.Projection p, String where) {
        ModelDecoder.Raw.Quantized q = p.quantized;
        if (q == null) {
            if (integerMode) {
                problems.add(where + ": integer mode needs quantized weights in every projection, none given");
            }
            return null;
        }
        if (q.bits != 8 && q.bits != 16) {
            problems.add(where + ": quantized.bits must be 8 or 16, was " + q.bits);
            return null;
        }
        int n8 = q.int8Values == null ? 0 : q.int8Values.length;
        if (q.bits == 8 && q.values.n > 0 || q.bits == 16 && n8 > 0) {
            problems.add(where + ": quantized " + q.bits + "-bit values belong in "
                    + (q.bits == 8 ? "int8_values" : "values") + " only");
            return null;
        }
        int[] out;
        if (q.bits == 8) {
            out = new int[n8];
            for (int i = 0; i < n8; i++) {
                out[i] = q.int8Values[i];
            }
        } else {
            out = new int[q.values.n];
            for (int i = 0; i < out.length; i++) {
                long v = q.values.a[i];
                if (v < -32767 || v > 32767) {
                    problems.add(where + ": quantized value " + i + " must be in [-32767, 32767], was " + v);
                    return null;
                }
                out[i] = (int) v;
            }
        }
        return out;
    }

    // ---- compact feed-forward form -----------------------------------------------------------------------------

    private void feedForward(ModelDecoder.Raw.FeedForward f) {
        ModelDecoder.Raw.Shape in = f.input;
        if (in.channels < 1 || in.height < 1 || in.width < 1 || in.channels * in.height * in.width > Integer.MAX_VALUE) {
            problems.add("feed_forward.input: shape must have channels, height, width >= 1, was " + in.channels + "x"
                    + in.height + "x" + in.width);
            return;
        }
        add(new Population("input", (int) in.channels, (int) in.height, (int) in.width), null);
        input = 0;
        if (f.layers.isEmpty()) {
            problems.add("feed_forward: needs at least one layer");
            return;
        }
        long neurons = pops.get(0).size;
        for (int l = 0; l < f.layers.size(); l++) {
            if (!layer(f, l)) {
                return;
            }
            neurons += pops.get(pops.size() - 1).size;
            if (neurons > MAX_NEURONS) {
                problems.add("network has " + neurons + " neurons, more than the limit " + MAX_NEURONS);
                return;
            }
        }
        output = pops.size() - 1;
        if (f.outputLateralInhibition != 0) {
            if (!Float.isFinite(f.outputLateralInhibition)) {
                problems.add("feed_forward.output_lateral_inhibition must be finite, was "
                        + f.outputLateralInhibition);
                return;
            }
            Population out = pops.get(output);
            projs.add(new Projection.Lateral(out.name + "-lateral", output, 0, 1, out.size,
                    -f.outputLateralInhibition, null));
        }
    }

    /** Adds layer l; false when its shape cannot be determined. */
    private boolean layer(ModelDecoder.Raw.FeedForward f, int l) {
        ModelDecoder.Raw.Layer layer = f.layers.get(l);
        String name = layer.name.isEmpty() ? "layer" + l : layer.name;
        String where = "layer '" + name + "'";
        int prev = pops.size() - 1;
        Population ps = pops.get(prev);
        double tauMem = layer.tauMem != 0 ? layer.tauMem : f.tauMem != 0 ? f.tauMem : 64;
        double tauSyn = layer.tauSyn != 0 ? layer.tauSyn : f.tauSyn != 0 ? f.tauSyn : 8;
        long refractory = layer.refractory != 0 ? layer.refractory : f.refractory;
        int me = pops.size();
        int j = projs.size();
        String projName = ps.name + "->" + name;
        int before = problems.size();
        if (!lifProblems(where + ": ", tauMem, tauSyn, 0, layer.threshold, refractory, 0)) {
            return false;
        }
        switch (layer.kind) {
            case Schema.LayerProto.DENSE -> {
                long size = layer.size;
                if (size < 1 || size > Integer.MAX_VALUE) {
                    problems.add(where + ": dense size must be >= 1, was " + size);
                    return false;
                }
                Population p = new Population(name, 1, 1, (int) size, tauMem, tauSyn, 0, layer.threshold, false,
                        (int) refractory, 0, null, null);
                add(p, null);
                float[] w = weights(layer.weights, layer.initRange, size * ps.size, where, "dense", j);
                if (w != null) {
                    projs.add(new Projection.Dense(projName, prev, me, 0, 1, ps.size, p.size, w, null));
                }
            }
            case Schema.LayerProto.CONV2D -> {
                long stride = layer.stride == 0 ? 1 : layer.stride;
                long k = layer.kernel;
                long ch = layer.size;
                if (k < 1 || ch < 1 || k > 4096 || stride > 4096 || layer.padding > 4096) {
                    problems.add(where + ": conv2d with " + ch + " channels, kernel " + k + ", stride " + stride
                            + ", padding " + layer.padding + " is not valid");
                    return false;
                }
                long oh = Math.floorDiv(ps.height + 2 * layer.padding - k, stride) + 1;
                long ow = Math.floorDiv(ps.width + 2 * layer.padding - k, stride) + 1;
                if (oh < 1 || ow < 1 || ch * oh * ow > Integer.MAX_VALUE) {
                    problems.add(where + ": conv2d with " + ch + " channels, kernel " + k + ", stride " + stride
                            + ", padding " + layer.padding + " gives no valid output from input shape "
                            + shapeOf(ps));
                    return false;
                }
                Population p = new Population(name, (int) ch, (int) oh, (int) ow, tauMem, tauSyn, 0, layer.threshold,
                        true, (int) refractory, 0, null, null);
                add(p, null);
                float[] w = weights(layer.weights, layer.initRange, ch * ps.channels * k * k, where, "conv2d", j);
                if (w != null) {
                    projs.add(new Projection.Conv2d(projName, prev, me, 0, 1, ps, p, (int) k, (int) stride,
                            (int) layer.padding, w, null));
                }
            }
            case Schema.LayerProto.POOL -> {
                long k = layer.kernel;
                long stride = layer.stride == 0 ? k : layer.stride;
                if (k < 1 || stride < 1 || k > ps.height || k > ps.width) {
                    problems.add(where + ": pool kernel " + k + " and stride " + stride + " do not fit input shape "
                            + shapeOf(ps));
                    return false;
                }
                Population p = new Population(name, ps.channels, (int) ((ps.height - k) / stride + 1),
                        (int) ((ps.width - k) / stride + 1), tauMem, tauSyn, 0, layer.threshold, false,
                        (int) refractory, 0, null, null);
                add(p, null);
                projs.add(new Projection.Pool(projName, prev, me, 0, 1, ps, p, (int) k, (int) stride, 1f, null));
            }
            default -> {
                problems.add(where + ": kind must be dense, conv2d or pool");
                return false;
            }
        }
        return problems.size() == before;
    }
}
