package io.snn4j.network;

/**
 * A projection from one population to another (or to itself), delivering each presynaptic spike to synapse type
 * {@link #synapse()} of its targets {@link #delayTicks()} ticks later (or after per-synapse delays where the kind has
 * them). Immutable by contract: the arrays a spec holds are never modified after construction and callers must not
 * modify the arrays its accessors return.
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
    }

    /** Within one population: a spike of neuron l adds {@code -strength} to every other neuron. */
    record LateralInhibition(String name, int source, int target, int synapse, int delayTicks, float strength)
            implements ProjectionSpec {
        @Override
        public long synapseCount(NetworkSpec net) {
            long n = net.population(source).size();
            return n * (n - 1);
        }
    }
}
