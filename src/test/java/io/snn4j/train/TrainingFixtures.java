package io.snn4j.train;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.ImageDataset;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.util.SplittableRandom;

/** Small networks and synthetic pattern data for trainer tests. */
final class TrainingFixtures {
    private TrainingFixtures() {
    }

    /**
     * input -> dense hidden (threshold hiddenNu) -> dense output (outNu) with lateral inhibition 1; weights uniform.
     */
    static NetworkSpec mlp(int in, int hidden, int out, double hiddenNu, double outNu, int ticks, long seed,
                           double range) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] w1 = new float[hidden * in];
        float[] w2 = new float[out * hidden];
        for (int k = 0; k < w1.length; k++) {
            w1[k] = (float) (range * (2 * rng.nextDouble() - 1));
        }
        for (int k = 0; k < w2.length; k++) {
            w2[k] = (float) (range * (2 * rng.nextDouble() - 1));
        }
        return new NetworkSpec("mlp", 1000, ticks, seed,
                List.of(PopulationSpec.input("input", Shape.flat(in)),
                        PopulationSpec.lif("hidden", Shape.flat(hidden), LifParameters.hm2bp(hiddenNu)),
                        PopulationSpec.lif("output", Shape.flat(out), LifParameters.hm2bp(outNu))),
                List.of(new ProjectionSpec.Dense("input->hidden", 0, 1, 0, 1, w1),
                        new ProjectionSpec.Dense("hidden->output", 1, 2, 0, 1, w2),
                        new ProjectionSpec.LateralInhibition("output-lateral", 2, 2, 0, 1, 1f)),
                0, 2);
    }

    /**
     * {@code classes} noisy patterns over {@code pixels} inputs: class c lights a block of pixels (value 255) and every
     * pixel has low-level noise; rate coded with the reference encoder.
     */
    static Dataset patterns(int classes, int pixels, int samples, int ticks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] img = new byte[samples * pixels];
        int[] labels = new int[samples];
        int block = pixels / classes;
        for (int s = 0; s < samples; s++) {
            int c = s % classes;
            labels[s] = c;
            for (int p = 0; p < pixels; p++) {
                int v = p / block == c ? 160 + rng.nextInt(96) : rng.nextInt(4) == 0 ? rng.nextInt(120) : 0;
                img[s * pixels + p] = (byte) v;
            }
        }
        return ImageDataset.of(img, pixels, labels, RateEncoder.reference(ticks), seed);
    }

    /** The reference MNIST CNN 28x28-15C5(nu 5)-P2(nu 2)-40C5(nu 12)-P2(nu 4)-300(nu 10)-10(nu 10), lateral 1. */
    static NetworkSpec cnn(int ticks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LifParameters conv1 = new LifParameters(64, 8, 0, 5, true, 2, 0);
        LifParameters conv2 = new LifParameters(64, 8, 0, 12, true, 2, 0);
        return new NetworkSpec("cnn", 1000, ticks, seed,
                List.of(PopulationSpec.input("input", new Shape(1, 28, 28)),
                        PopulationSpec.lif("conv1", new Shape(15, 24, 24), conv1),
                        PopulationSpec.lif("pool1", new Shape(15, 12, 12), LifParameters.hm2bp(2)),
                        PopulationSpec.lif("conv2", new Shape(40, 8, 8), conv2),
                        PopulationSpec.lif("pool2", new Shape(40, 4, 4), LifParameters.hm2bp(4)),
                        PopulationSpec.lif("hidden", Shape.flat(300), LifParameters.hm2bp(10)),
                        PopulationSpec.lif("output", Shape.flat(10), LifParameters.hm2bp(10))),
                List.of(new ProjectionSpec.Conv2d("c1", 0, 1, 0, 1, 1, 15, 5, 1, 0, uniform(rng, 15 * 25, 0.5)),
                        new ProjectionSpec.Pool("p1", 1, 2, 0, 1, 2, 2, 1f),
                        new ProjectionSpec.Conv2d("c2", 2, 3, 0, 1, 15, 40, 5, 1, 0,
                                uniform(rng, 40 * 15 * 25, 0.5)),
                        new ProjectionSpec.Pool("p2", 3, 4, 0, 1, 2, 2, 1f),
                        new ProjectionSpec.Dense("fc", 4, 5, 0, 1, uniform(rng, 300 * 640, 1)),
                        new ProjectionSpec.Dense("out", 5, 6, 0, 1, uniform(rng, 10 * 300, 1)),
                        new ProjectionSpec.LateralInhibition("lat", 6, 6, 0, 1, 1f)),
                0, 6);
    }

    static float[] uniform(SplittableRandom rng, int n, double range) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = (float) (range * (2 * rng.nextDouble() - 1));
        }
        return w;
    }

    /** A small CNN on 1x8x8 inputs: conv 3@3x3 (nu 3) - pool 2 (nu 1) - dense out (nu 5), lateral 1. */
    static NetworkSpec smallCnn(int classes, int ticks, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LifParameters conv = new LifParameters(64, 8, 0, 3, true, 2, 0);
        return new NetworkSpec("small-cnn", 1000, ticks, seed,
                List.of(PopulationSpec.input("input", new Shape(1, 8, 8)),
                        PopulationSpec.lif("conv", new Shape(3, 6, 6), conv),
                        PopulationSpec.lif("pool", new Shape(3, 3, 3), LifParameters.hm2bp(1)),
                        PopulationSpec.lif("output", Shape.flat(classes), LifParameters.hm2bp(5))),
                List.of(new ProjectionSpec.Conv2d("c", 0, 1, 0, 1, 1, 3, 3, 1, 0, uniform(rng, 27, 1.0)),
                        new ProjectionSpec.Pool("p", 1, 2, 0, 1, 2, 2, 1f),
                        new ProjectionSpec.Dense("out", 2, 3, 0, 1, uniform(rng, classes * 27, 1.0)),
                        new ProjectionSpec.LateralInhibition("lat", 3, 3, 0, 1, 1f)),
                0, 3);
    }
}
