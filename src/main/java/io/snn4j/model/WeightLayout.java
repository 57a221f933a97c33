package io.snn4j.model;

import io.snn4j.network.Connectivity;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;

/**
 * How the integer values of a fixed-point projection (schema 1.1 {@code quantized}) line up with its float weights:
 * dense, sparse and conv2d projections have one value per held weight, one-to-one projections one per neuron, each
 * scaled by the channel of the target neuron it reaches; pooling and lateral inhibition have one value per target
 * channel. Chosen once per projection by a visitor on the kind; random projections have no layout (their weights are
 * drawn at load time). Immutable; reads the spec's arrays without copying them.
 */
public abstract class WeightLayout {
    private WeightLayout() {
    }

    /** The layout of {@code pr} between {@code src} and {@code tgt}, or null for a random projection. */
    public static WeightLayout of(ProjectionSpec pr, PopulationSpec src, PopulationSpec tgt) {
        return pr.accept(new ProjectionSpec.Visitor<>() {
            @Override
            public WeightLayout visitDense(ProjectionSpec.Dense d) {
                return new DenseLayout(d, src.size());
            }

            @Override
            public WeightLayout visitSparse(ProjectionSpec.Sparse s) {
                return new SparseLayout(s);
            }

            @Override
            public WeightLayout visitRandom(ProjectionSpec.Random r) {
                return null;
            }

            @Override
            public WeightLayout visitOneToOne(ProjectionSpec.OneToOne o) {
                return new OneToOneLayout(o, tgt.size());
            }

            @Override
            public WeightLayout visitConv2d(ProjectionSpec.Conv2d c) {
                return new Conv2dLayout(c, tgt.shape());
            }

            @Override
            public WeightLayout visitPool(ProjectionSpec.Pool p) {
                return new ChannelLayout(p, p.weight()) {
                    @Override
                    ProjectionSpec uniform(float w) {
                        return new ProjectionSpec.Pool(p.name(), p.source(), p.target(), p.synapse(), p.delayTicks(),
                                p.kernel(), p.stride(), w);
                    }
                };
            }

            @Override
            public WeightLayout visitLateralInhibition(ProjectionSpec.LateralInhibition l) {
                return new ChannelLayout(l, -l.strength()) {
                    @Override
                    ProjectionSpec uniform(float w) {
                        return new ProjectionSpec.LateralInhibition(l.name(), l.source(), l.target(), l.synapse(),
                                l.delayTicks(), -w);
                    }
                };
            }
        });
    }

    /** The layout of projection {@code pr} of {@code net}, or null for a random projection. */
    public static WeightLayout of(NetworkSpec net, ProjectionSpec pr) {
        return of(pr, net.population(pr.source()), net.population(pr.target()));
    }

    /** Number of integer values, for a target population of {@code channels} scale channels. */
    public abstract int valueCount(int channels);

    /** Float weight of value i (the weight a spike delivers: lateral inhibition's is {@code -strength}). */
    public abstract float weight(int i);

    /** Scale channel of value i, given the channel of every target neuron. */
    public abstract int channel(int i, int[] channelOf);

    /** |weight(i) - q scale|, the rounding error of value i held as {@code q} at {@code scale}. */
    public double error(int i, int q, float scale) {
        return Math.abs(weight(i) - q * scale);
    }

    /**
     * Adds |q| of every synapse into {@code sums[target neuron]}: what one tick adds to each neuron when every source
     * spikes (convolution: an upper bound, the whole kernel of the neuron's channel; padding only removes taps).
     *
     * @param q    read; the values, {@link #valueCount} of them
     * @param sums written; one entry per target neuron
     */
    public abstract void addMagnitudes(NetworkSpec net, int[] q, int[] channelOf, long[] sums);

    /**
     * The projection with weight i replaced by {@code values[i] * scales[channel(i)]}; pooling and lateral inhibition
     * whose products differ between channels become explicit sparse projections.
     */
    public abstract ProjectionSpec withValues(NetworkSpec net, int[] values, float[] scales, int[] channelOf);

    /** One value per held weight (or per neuron), each a single synapse into {@link #neuron(int)}. */
    private abstract static class Explicit extends WeightLayout {
        /** The target neuron of value i. */
        abstract int neuron(int i);

        abstract ProjectionSpec withWeights(float[] w);

        @Override
        public int channel(int i, int[] channelOf) {
            return channelOf[neuron(i)];
        }

        @Override
        public void addMagnitudes(NetworkSpec net, int[] q, int[] channelOf, long[] sums) {
            for (int i = 0; i < q.length; i++) {
                sums[neuron(i)] += Math.abs(q[i]);
            }
        }

        @Override
        public ProjectionSpec withValues(NetworkSpec net, int[] values, float[] scales, int[] channelOf) {
            float[] w = new float[values.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = values[i] * scales[channel(i, channelOf)];
            }
            return withWeights(w);
        }
    }

    private static final class DenseLayout extends Explicit {
        private final ProjectionSpec.Dense d;
        private final int sourceSize;

        DenseLayout(ProjectionSpec.Dense d, int sourceSize) {
            this.d = d;
            this.sourceSize = sourceSize;
        }

        @Override
        public int valueCount(int channels) {
            return d.weights().length;
        }

        @Override
        public float weight(int i) {
            return d.weights()[i];
        }

        @Override
        int neuron(int i) {
            return i / sourceSize;
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.Dense(d.name(), d.source(), d.target(), d.synapse(), d.delayTicks(), w);
        }
    }

    private static final class SparseLayout extends Explicit {
        private final ProjectionSpec.Sparse s;

        SparseLayout(ProjectionSpec.Sparse s) {
            this.s = s;
        }

        @Override
        public int valueCount(int channels) {
            return s.weights().length;
        }

        @Override
        public float weight(int i) {
            return s.weights()[i];
        }

        @Override
        int neuron(int i) {
            return s.post()[i];
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.Sparse(s.name(), s.source(), s.target(), s.synapse(), s.delayTicks(), s.pre(),
                    s.post(), w, s.delays());
        }
    }

    private static final class OneToOneLayout extends Explicit {
        private final ProjectionSpec.OneToOne o;
        private final int size;

        OneToOneLayout(ProjectionSpec.OneToOne o, int size) {
            this.o = o;
            this.size = size;
        }

        @Override
        public int valueCount(int channels) {
            return size;
        }

        @Override
        public float weight(int i) {
            return o.weight(i);
        }

        @Override
        int neuron(int i) {
            return i;
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.OneToOne(o.name(), o.source(), o.target(), o.synapse(), o.delayTicks(), w);
        }
    }

    /** Values in the order of the kernel weights (out, in, ky, kx); value i belongs to output channel i / per. */
    private static final class Conv2dLayout extends Explicit {
        private final ProjectionSpec.Conv2d c;
        /** Weights per output channel. */
        private final int per;
        /** Neurons per output channel of the target. */
        private final int planeSize;

        Conv2dLayout(ProjectionSpec.Conv2d c, Shape target) {
            this.c = c;
            this.per = c.inChannels() * c.kernel() * c.kernel();
            this.planeSize = target.height() * target.width();
        }

        @Override
        public int valueCount(int channels) {
            return c.weights().length;
        }

        @Override
        public float weight(int i) {
            return c.weights()[i];
        }

        /** The first neuron of the value's output channel (every neuron of the channel shares its scale). */
        @Override
        int neuron(int i) {
            return (i / per) * planeSize;
        }

        @Override
        public void addMagnitudes(NetworkSpec net, int[] q, int[] channelOf, long[] sums) {
            for (int n = 0; n < sums.length; n++) {
                int oc = n / planeSize;
                for (int k = 0; k < per; k++) {
                    sums[n] += Math.abs(q[oc * per + k]);
                }
            }
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.Conv2d(c.name(), c.source(), c.target(), c.synapse(), c.delayTicks(),
                    c.inChannels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), w);
        }
    }

    /** Pooling and lateral inhibition: one shared weight, one value per target channel. */
    private abstract static class ChannelLayout extends WeightLayout {
        private final ProjectionSpec pr;
        private final float delivered;

        ChannelLayout(ProjectionSpec pr, float delivered) {
            this.pr = pr;
            this.delivered = delivered;
        }

        /** The same kind delivering {@code w} everywhere. */
        abstract ProjectionSpec uniform(float w);

        @Override
        public int valueCount(int channels) {
            return channels;
        }

        @Override
        public float weight(int i) {
            return delivered;
        }

        @Override
        public int channel(int i, int[] channelOf) {
            return i;
        }

        @Override
        public double error(int i, int q, float scale) {
            return Math.abs((double) delivered - q * scale);
        }

        @Override
        public void addMagnitudes(NetworkSpec net, int[] q, int[] channelOf, long[] sums) {
            for (int[] targets : Connectivity.targetsOf(net, pr)) {
                for (int o : targets) {
                    sums[o] += Math.abs(q[channelOf[o]]);
                }
            }
        }

        @Override
        public ProjectionSpec withValues(NetworkSpec net, int[] values, float[] scales, int[] channelOf) {
            boolean uniform = true;
            for (int c = 1; c < values.length; c++) {
                uniform &= values[c] * scales[c] == values[0] * scales[0];
            }
            if (uniform) {
                return uniform(values[0] * scales[0]);
            }
            int[][] targets = Connectivity.targetsOf(net, pr);
            int n = 0;
            for (int[] row : targets) {
                n += row.length;
            }
            int[] pre = new int[n];
            int[] post = new int[n];
            float[] w = new float[n];
            int k = 0;
            for (int i = 0; i < targets.length; i++) {
                for (int o : targets[i]) {
                    int c = channelOf[o];
                    pre[k] = i;
                    post[k] = o;
                    w[k++] = values[c] * scales[c];
                }
            }
            return new ProjectionSpec.Sparse(pr.name(), pr.source(), pr.target(), pr.synapse(), pr.delayTicks(),
                    pre, post, w, null);
        }
    }
}
