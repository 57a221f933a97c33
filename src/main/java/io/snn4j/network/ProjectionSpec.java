package io.snn4j.network;

import java.util.ArrayList;
import java.util.List;

/**
 * A projection from one population to another (or to itself), delivering each presynaptic spike to synapse type
 * {@link #synapse()} of its targets {@link #delayTicks()} ticks later (or after per-synapse delays where the kind has
 * them). Immutable by contract: the arrays a spec holds are never modified after construction and callers must not
 * modify the arrays its accessors return.
 *
 * <p>What belongs to the network model differs per kind through the methods below (validation, synapse counts,
 * connectivity, weight sharing); higher layers (model files, export, training) handle the kinds through a
 * {@link Visitor}, so that a new kind is a compile error wherever it needs handling.
 */
public sealed interface ProjectionSpec {
    /** Name, unique within the network. */
    String name();

    /** Index of the source population in the network's population list. */
    int source();

    /** Index of the target population. */
    int target();

    /** Synapse type at the target, 0 or 1. */
    int synapse();

    /** Delay in ticks, &gt;= 1 (the smallest delay where the kind has per-synapse delays). */
    int delayTicks();

    /** Largest delay in ticks. */
    default int maxDelayTicks() {
        return delayTicks();
    }

    /** Number of synapses this projection has (as a long: random and dense projections can be large). */
    long synapseCount(NetworkSpec net);

    /** Calls the method of {@code visitor} for this kind and returns its result. */
    <R> R accept(Visitor<R> visitor);

    /**
     * The rules of this kind, checked against its source and target populations: one message per broken rule, each
     * without the projection's name (the caller prefixes it); empty when the kind's parameters are consistent.
     */
    List<String> problems(PopulationSpec src, PopulationSpec tgt);

    /**
     * Heap bytes the compiled connectivity is expected to take (estimated before compiling, for the heap check of the
     * validation); 0 when the parameters are unusable ({@link #problems} says why).
     */
    long connectivityBytes(PopulationSpec src, PopulationSpec tgt);

    /** The compiled connectivity between {@code source} and {@code target} (a valid spec's populations). */
    Connectivity compile(PopulationSpec src, PopulationSpec tgt);

    /** Whether the kind reads its source and target as channels x height x width images (convolution, pooling). */
    default boolean isSpatial() {
        return false;
    }

    /**
     * Weights one target channel shares between all its positions: a convolution's in_channels x kernel x kernel,
     * pooling's single weight; 0 for kinds whose synapses each have their own weight.
     */
    default long sharedWeightsPerChannel() {
        return 0;
    }

    /** Whether the weights are drawn when the projection is compiled (random) rather than held by the spec. */
    default boolean drawsWeights() {
        return false;
    }

    /**
     * The weights the spec holds: the weight array itself (not a copy) of dense, sparse, one-to-one and conv2d
     * projections, pooling's weight or lateral inhibition's strength as a one-element array; null for random
     * projections and where an array is absent (an invalid spec).
     */
    float[] heldWeights();

    /**
     * One method per kind of projection, for code outside the network model whose behaviour differs per kind
     * (model files, export, quantization, partitioning, training): adding a kind makes every visitor fail to compile.
     *
     * @param <R> result type
     */
    interface Visitor<R> {
        R visitDense(Dense d);

        R visitSparse(Sparse s);

        R visitRandom(Random r);

        R visitOneToOne(OneToOne o);

        R visitConv2d(Conv2d c);

        R visitPool(Pool p);

        R visitLateralInhibition(LateralInhibition l);
    }

    /**
     * All-to-all.
     *
     * @param weights row-major target x source (out x in), length target size * source size
     */
    record Dense(String name, int source, int target, int synapse, int delayTicks, float[] weights)
            implements ProjectionSpec {
        @Override
        public long synapseCount(NetworkSpec net) {
            return weights.length;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDense(this);
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            long nIn = src.size();
            long nOut = tgt.size();
            long expected = nIn * nOut;
            if (weights == null) {
                out.add("dense weights absent");
            } else {
                if (weights.length != expected) {
                    out.add("dense weights must have " + nOut + " x " + nIn + " = " + expected
                            + " entries (target x source), had " + weights.length);
                }
                NetworkValidator.checkFinite(weights, out);
            }
            return out;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return (long) src.size() * tgt.size() * 4;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return new DenseConnectivity(src.size(), tgt.size(), delayTicks, weights);
        }

        @Override
        public float[] heldWeights() {
            return weights;
        }
    }

    /**
     * Explicit synapse lists of equal length.
     *
     * @param delays per-synapse delays (each &gt;= 1), or null when every synapse has {@code delayTicks}
     */
    record Sparse(String name, int source, int target, int synapse, int delayTicks, int[] pre, int[] post,
                  float[] weights, int[] delays) implements ProjectionSpec {
        @Override
        public int maxDelayTicks() {
            if (delays == null) {
                return delayTicks;
            }
            int m = delayTicks;
            for (int d : delays) {
                m = Math.max(m, d);
            }
            return m;
        }

        @Override
        public long synapseCount(NetworkSpec net) {
            return pre.length;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSparse(this);
        }

        private int listLength() {
            return pre == null ? 0 : pre.length;
        }

        /** Whether pre, post, weights (and delays if given) are present with equal lengths. */
        private boolean listsAgree() {
            int n = listLength();
            return post != null && weights != null && post.length == n && weights.length == n
                    && (delays == null || delays.length == n);
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            long nIn = src.size();
            long nOut = tgt.size();
            int n = listLength();
            if (!listsAgree()) {
                out.add("sparse pre, post, weights (and delays if given) must have equal lengths, were " + n + ", "
                        + NetworkValidator.len(post) + ", " + NetworkValidator.len(weights) + ", "
                        + NetworkValidator.len(delays));
                return out;
            }
            for (int i = 0; i < n; i++) {
                if (pre[i] < 0 || pre[i] >= nIn) {
                    out.add("synapse " + i + ": pre must be in [0, " + nIn + "), was " + pre[i]);
                    break;
                }
                if (post[i] < 0 || post[i] >= nOut) {
                    out.add("synapse " + i + ": post must be in [0, " + nOut + "), was " + post[i]);
                    break;
                }
            }
            if (delays != null && n > 0) {
                delayProblems(out);
            }
            NetworkValidator.checkFinite(weights, out);
            return out;
        }

        private void delayProblems(List<String> out) {
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int d : delays) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            int most = NetworkValidator.MAX_DELAY_TICKS;
            int spread = NetworkValidator.MAX_DELAY_SPREAD;
            if (min < 1 || max > most) {
                out.add("delays must be in [1, " + most + "] ticks, were " + min + ".." + max);
            } else if (max - min > spread) {
                out.add("per-synapse delays may span at most " + spread + " ticks, spanned " + min + ".." + max);
            } else if (min != delayTicks) {
                out.add("delay must equal the smallest per-synapse delay " + min + ", was " + delayTicks);
            }
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return listsAgree() ? listLength() * (delays == null ? 8L : 9L) + src.size() * 4L : 0;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return CsrConnectivity.fromLists(src.size(), tgt.size(), this);
        }

        @Override
        public float[] heldWeights() {
            return weights;
        }
    }

    /**
     * Each (pre, post) pair connected with probability p; see {@link RandomConnectivity} for the exact draw.
     *
     * @param delayMaxTicks delays uniform in [delayTicks, delayMaxTicks]; equal to delayTicks for a fixed delay
     */
    record Random(String name, int source, int target, int synapse, int delayTicks, double p, long seed,
                  float weight, float weightSpread, int delayMaxTicks, boolean allowSelf) implements ProjectionSpec {
        @Override
        public int maxDelayTicks() {
            return delayMaxTicks;
        }

        @Override
        public long synapseCount(NetworkSpec net) {
            return Math.round(p * net.population(source).size() * (double) net.population(target).size());
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRandom(this);
        }

        private boolean probabilityValid() {
            return p >= 0 && p <= 1;
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            if (!probabilityValid()) {
                out.add("p must be in [0, 1], was " + p);
                return out;
            }
            if (!Float.isFinite(weight) || !Float.isFinite(weightSpread) || weightSpread < 0) {
                out.add("weight must be finite and weight_spread finite and >= 0, were " + weight + " and "
                        + weightSpread);
            }
            if (delayMaxTicks < delayTicks || delayMaxTicks - delayTicks > NetworkValidator.MAX_DELAY_SPREAD
                    || delayMaxTicks > NetworkValidator.MAX_DELAY_TICKS) {
                out.add("delay_max must be in [delay, delay + " + NetworkValidator.MAX_DELAY_SPREAD + "], was "
                        + delayMaxTicks + " with delay " + delayTicks);
            }
            double expected = expectedSynapses(src, tgt);
            long limit = NetworkValidator.MAX_SYNAPSES_PER_PROJECTION;
            if (expected > limit * 0.99) {
                out.add("p = " + p + " gives about " + (long) expected + " synapses, more than the limit " + limit
                        + " of one projection");
            }
            return out;
        }

        private double expectedSynapses(PopulationSpec src, PopulationSpec tgt) {
            long nIn = src.size();
            long nOut = tgt.size();
            return p * nIn * nOut;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            if (!probabilityValid()) {
                return 0;
            }
            boolean delays = delayMaxTicks > delayTicks;
            return (long) (expectedSynapses(src, tgt) * (delays ? 9 : 8) * 1.01) + src.size() * 4L;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return CsrConnectivity.fromRandom(src.size(), tgt.size(), this);
        }

        @Override
        public boolean drawsWeights() {
            return true;
        }

        @Override
        public float[] heldWeights() {
            return null;
        }
    }

    /** Neuron i to neuron i; {@code weights} has one entry per neuron, or a single shared entry. */
    record OneToOne(String name, int source, int target, int synapse, int delayTicks, float[] weights)
            implements ProjectionSpec {
        public float weight(int i) {
            return weights.length == 1 ? weights[0] : weights[i];
        }

        @Override
        public long synapseCount(NetworkSpec net) {
            return net.population(source).size();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOneToOne(this);
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            long nIn = src.size();
            long nOut = tgt.size();
            if (nIn != nOut) {
                out.add("one-to-one needs equal sizes, source '" + src.name() + "' has " + nIn + " and target '"
                        + tgt.name() + "' " + nOut);
            }
            if (weights == null || (weights.length != 1 && weights.length != nIn)) {
                out.add("one-to-one weights must have 1 or " + nIn + " entries, had " + NetworkValidator.len(weights));
            } else {
                NetworkValidator.checkFinite(weights, out);
            }
            return out;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return src.size() * 4L;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return new OneToOneConnectivity(src.size(), delayTicks, weights);
        }

        @Override
        public float[] heldWeights() {
            return weights;
        }
    }

    /**
     * 2-D convolution with shared weights (PyTorch semantics, no bias): weights (outChannels, inChannels, kernel,
     * kernel); the source shape is the input, the target shape the output.
     */
    record Conv2d(String name, int source, int target, int synapse, int delayTicks, int inChannels,
                  int outChannels, int kernel, int stride, int padding, float[] weights) implements ProjectionSpec {
        public float weight(int oc, int ic, int ky, int kx) {
            return weights[((oc * inChannels + ic) * kernel + ky) * kernel + kx];
        }

        /** Output extent for an input extent {@code in}: floor((in + 2 padding - kernel) / stride) + 1. */
        public int outputExtent(int in) {
            return Math.floorDiv(in + 2 * padding - kernel, stride) + 1;
        }

        @Override
        public long synapseCount(NetworkSpec net) {
            Shape t = net.population(target).shape();
            return (long) t.size() * inChannels * kernel * kernel;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitConv2d(this);
        }

        private boolean geometryValid() {
            return kernel >= 1 && stride >= 1 && padding >= 0 && inChannels >= 1 && outChannels >= 1;
        }

        private long weightCount() {
            return (long) outChannels * inChannels * kernel * kernel;
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            if (!geometryValid()) {
                out.add("conv2d needs kernel, stride, in_channels, out_channels >= 1 and padding >= 0, were " + kernel
                        + ", " + stride + ", " + inChannels + ", " + outChannels + ", " + padding);
                return out;
            }
            Shape si = src.shape();
            Shape so = tgt.shape();
            if (si.channels() != inChannels) {
                out.add("in_channels " + inChannels + " differs from source '" + src.name() + "' shape " + si);
            }
            int oh = outputExtent(si.height());
            int ow = outputExtent(si.width());
            if (oh < 1 || ow < 1 || so.channels() != outChannels || so.height() != oh || so.width() != ow) {
                out.add("target '" + tgt.name() + "' shape " + so + " differs from the conv2d output "
                        + outChannels + "x" + oh + "x" + ow + " of source shape " + si);
            }
            long expected = weightCount();
            if (weights == null) {
                out.add("conv2d weights absent");
            } else {
                if (weights.length != expected) {
                    out.add("conv2d weights must have " + outChannels + " x " + inChannels + " x " + kernel + " x "
                            + kernel + " = " + expected + " entries, had " + weights.length);
                }
                NetworkValidator.checkFinite(weights, out);
            }
            return out;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return geometryValid() ? weightCount() * 4 : 0;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return new Conv2dConnectivity(src.shape(), tgt.shape(), this);
        }

        @Override
        public boolean isSpatial() {
            return true;
        }

        @Override
        public long sharedWeightsPerChannel() {
            return (long) inChannels * kernel * kernel;
        }

        @Override
        public float[] heldWeights() {
            return weights;
        }
    }

    /**
     * Spiking sum pooling: each target sums its kernel x kernel window of the same channel with weight {@code weight}.
     */
    record Pool(String name, int source, int target, int synapse, int delayTicks, int kernel, int stride,
                float weight) implements ProjectionSpec {
        public int outputExtent(int in) {
            return (in - kernel) / stride + 1;
        }

        @Override
        public long synapseCount(NetworkSpec net) {
            return (long) net.population(target).size() * kernel * kernel;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPool(this);
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            if (kernel < 1 || stride < 1) {
                out.add("pool needs kernel and stride >= 1, were " + kernel + " and " + stride);
                return out;
            }
            if (!Float.isFinite(weight)) {
                out.add("pool weight must be finite, was " + weight);
            }
            Shape si = src.shape();
            Shape so = tgt.shape();
            int oh = outputExtent(si.height());
            int ow = outputExtent(si.width());
            if (si.height() < kernel || si.width() < kernel || so.channels() != si.channels() || so.height() != oh
                    || so.width() != ow) {
                out.add("target '" + tgt.name() + "' shape " + so + " differs from the pooling output "
                        + si.channels() + "x" + oh + "x" + ow + " of source shape " + si);
            }
            return out;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return 0;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return new PoolConnectivity(src.shape(), tgt.shape(), this);
        }

        @Override
        public boolean isSpatial() {
            return true;
        }

        @Override
        public long sharedWeightsPerChannel() {
            return 1;
        }

        @Override
        public float[] heldWeights() {
            return new float[] {weight};
        }
    }

    /** Within one population: a spike of neuron l adds {@code -strength} to every other neuron. */
    record LateralInhibition(String name, int source, int target, int synapse, int delayTicks, float strength)
            implements ProjectionSpec {
        @Override
        public long synapseCount(NetworkSpec net) {
            long n = net.population(source).size();
            return n * (n - 1);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLateralInhibition(this);
        }

        @Override
        public List<String> problems(PopulationSpec src, PopulationSpec tgt) {
            List<String> out = new ArrayList<>();
            if (source != target) {
                out.add("lateral inhibition must project a population onto itself, was '" + src.name()
                        + "' -> '" + tgt.name() + "'");
            }
            if (!Float.isFinite(strength)) {
                out.add("strength must be finite, was " + strength);
            }
            return out;
        }

        @Override
        public long connectivityBytes(PopulationSpec src, PopulationSpec tgt) {
            return 0;
        }

        @Override
        public Connectivity compile(PopulationSpec src, PopulationSpec tgt) {
            return new LateralConnectivity(src.size(), delayTicks, -strength);
        }

        @Override
        public float[] heldWeights() {
            return new float[] {strength};
        }
    }
}
