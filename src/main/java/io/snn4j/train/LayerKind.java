package io.snn4j.train;

import io.snn4j.network.CompiledNetwork;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;

/**
 * What the trainer does differently per kind of trainable layer (dense, conv2d, pooling): weight layout, the engine's
 * weight update, the backward pass and the regulariser. Chosen once per layer by a visitor on the projection kind
 * ({@link #of}); the other kinds cannot be trained through. Immutable.
 */
abstract class LayerKind {
    private LayerKind() {
    }

    /** The trainer's handling of {@code p}, or null when the trainer cannot train through its kind. */
    static LayerKind of(ProjectionSpec p) {
        return p.accept(new ProjectionSpec.Visitor<>() {
            @Override
            public LayerKind visitDense(ProjectionSpec.Dense d) {
                return new DenseKind(d);
            }

            @Override
            public LayerKind visitSparse(ProjectionSpec.Sparse s) {
                return null;
            }

            @Override
            public LayerKind visitRandom(ProjectionSpec.Random r) {
                return null;
            }

            @Override
            public LayerKind visitOneToOne(ProjectionSpec.OneToOne o) {
                return null;
            }

            @Override
            public LayerKind visitConv2d(ProjectionSpec.Conv2d c) {
                return new ConvKind(c);
            }

            @Override
            public LayerKind visitPool(ProjectionSpec.Pool q) {
                return new PoolKind(q);
            }

            @Override
            public LayerKind visitLateralInhibition(ProjectionSpec.LateralInhibition l) {
                return null;
            }
        });
    }

    /**
     * Whether the layer is dense: its weights are held pre-major (the transpose of the spec's layout), its gradients
     * may be kept by rows, and K-FAC keeps statistics for it.
     */
    boolean isDense() {
        return false;
    }

    /** The spec's weights in its own layout (not a copy); empty for a layer without weights. */
    abstract float[] specWeights();

    /** A copy of {@code spec} (the spec's layout) in the trainer's layout, for a layer of nIn x nOut neurons. */
    float[] toTrainerLayout(float[] spec, int nIn, int nOut) {
        return spec.clone();
    }

    /** A copy of {@code trainer} (the trainer's layout) in the spec's layout. */
    float[] toSpecLayout(float[] trainer, int nIn, int nOut) {
        return trainer.clone();
    }

    /** The layer's projection with weights {@code w} (the spec's layout, taken, not copied). */
    abstract ProjectionSpec withWeights(float[] w);

    /**
     * Makes {@code net} simulate projection {@code projection} with weights {@code w} (the trainer's layout). A dense
     * layer keeps reading {@code w} itself: the trainer changes it only between runs and calls this after each change.
     */
    abstract void overwrite(CompiledNetwork net, int projection, float[] w);

    /** A fresh backward pass of the layer for one worker. */
    abstract LayerBackward backward(Shape in, Shape out, Spsp spsp);

    /** Adds the regulariser's gradient (hm2bp-spec 5.7) of weights {@code w} (trainer's layout) into {@code g}. */
    abstract void addRegulariser(float[] w, float[] g, int nIn, int nOut, TrainingConfig config, float[] scratch);

    private static final class DenseKind extends LayerKind {
        private final ProjectionSpec.Dense d;

        DenseKind(ProjectionSpec.Dense d) {
            this.d = d;
        }

        @Override
        boolean isDense() {
            return true;
        }

        @Override
        float[] specWeights() {
            return d.weights();
        }

        @Override
        float[] toTrainerLayout(float[] spec, int nIn, int nOut) {
            return Hm2BpTrainer.transpose(spec, nOut, nIn);
        }

        @Override
        float[] toSpecLayout(float[] trainer, int nIn, int nOut) {
            return Hm2BpTrainer.transpose(trainer, nIn, nOut);
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.Dense(d.name(), d.source(), d.target(), d.synapse(), d.delayTicks(), w);
        }

        @Override
        void overwrite(CompiledNetwork net, int projection, float[] w) {
            net.shareDenseWeights(projection, w); // the trainer's array, changed in place: no copy per update
        }

        @Override
        LayerBackward backward(Shape in, Shape out, Spsp spsp) {
            return new DenseBackward(in.size(), out.size(), spsp);
        }

        @Override
        void addRegulariser(float[] w, float[] g, int nIn, int nOut, TrainingConfig config, float[] scratch) {
            Regulariser.addDense(w, g, nIn, nOut, config.lambda(), config.beta(), config.weightLimit(), scratch);
        }
    }

    private static final class ConvKind extends LayerKind {
        private final ProjectionSpec.Conv2d c;

        ConvKind(ProjectionSpec.Conv2d c) {
            this.c = c;
        }

        @Override
        float[] specWeights() {
            return c.weights();
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return new ProjectionSpec.Conv2d(c.name(), c.source(), c.target(), c.synapse(), c.delayTicks(),
                    c.inChannels(), c.outChannels(), c.kernel(), c.stride(), c.padding(), w);
        }

        @Override
        void overwrite(CompiledNetwork net, int projection, float[] w) {
            net.overwriteConv2dWeights(projection, w);
        }

        @Override
        LayerBackward backward(Shape in, Shape out, Spsp spsp) {
            return new ConvBackward(in.channels(), in.height(), in.width(), out.channels(), out.height(),
                    out.width(), c.kernel(), c.stride(), c.padding(), spsp);
        }

        /** Per output feature map, S averaged over inChannels * kernel^2 (spec 6.2). */
        @Override
        void addRegulariser(float[] w, float[] g, int nIn, int nOut, TrainingConfig config, float[] scratch) {
            Regulariser.addDense(w, g, c.outChannels(), c.inChannels() * c.kernel() * c.kernel(), config.lambda(),
                    config.beta(), config.weightLimit(), scratch, true);
        }
    }

    /** Pooling: no weights to train; errors pass through to the layer below. */
    private static final class PoolKind extends LayerKind {
        private final ProjectionSpec.Pool q;

        PoolKind(ProjectionSpec.Pool q) {
            this.q = q;
        }

        @Override
        float[] specWeights() {
            return new float[0];
        }

        @Override
        ProjectionSpec withWeights(float[] w) {
            return q;
        }

        @Override
        void overwrite(CompiledNetwork net, int projection, float[] w) {
        }

        @Override
        LayerBackward backward(Shape in, Shape out, Spsp spsp) {
            return new PoolBackward(in.channels(), in.height(), in.width(), out.height(), out.width(), q.kernel(),
                    q.stride(), spsp);
        }

        @Override
        void addRegulariser(float[] w, float[] g, int nIn, int nOut, TrainingConfig config, float[] scratch) {
        }
    }
}
