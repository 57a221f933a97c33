package io.snn4j.train;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.data.dataset.Datasets;
import io.snn4j.data.dataset.ImageDataset;
import io.snn4j.data.encode.RateEncoder;
import io.snn4j.data.mnist.IdxImages;
import io.snn4j.data.mnist.IdxReader;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.PopulationSpec;
import io.snn4j.network.ProjectionSpec;
import io.snn4j.network.Shape;
import io.snn4j.neuron.LifParameters;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measurement run (not a unit test): the reference MNIST MLP 784-800-10 (nu 20 / 8, T 400, tau_m 64, tau_s 8,
 * refractory 2, targets 35/5/5, lambda 10, beta 0.04) trained on the first N training images, evaluated on the test
 * images. Arguments: datasetDir mode(faithful|minibatch) batch threads trainSamples testSamples epochs [lr].
 *
 * <p>Measured on the 2-core AMD EPYC development machine, JDK 17.0.15, shared with other jobs (load given), one epoch
 * of all 60,000 training images, weights uniform in [-1, 1] from seed 1, test on all 10,000 test images:
 * <ul>
 *   <li>faithful, 2 threads, lr 0.001 (load 7-10): 646.9 s, 92.8 samples/s, train accuracy 93.33 %, test 95.06 %;</li>
 *   <li>minibatch 16, 2 threads, lr 0.004 (load 2-5): 222.4 s, 269.7 samples/s, train 93.41 %, test 95.61 %;</li>
 *   <li>faithful, first 3,000 samples (load 1.3-1.6): 123.6 samples/s on 1 thread, 112.1 samples/s on 2.</li>
 * </ul>
 */
public final class MnistTrainingRun {
    private MnistTrainingRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Mode mode = Mode.valueOf(args[1].toUpperCase(Locale.ROOT));
        int batch = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int nTrain = Integer.parseInt(args[4]);
        int nTest = Integer.parseInt(args[5]);
        int epochs = Integer.parseInt(args[6]);
        double lr = args.length > 7 ? Double.parseDouble(args[7]) : 0.001;
        int ticks = 400;
        Dataset train = Datasets.range(load(dir, "train", ticks, 1), 0, nTrain);
        Dataset test = Datasets.range(load(dir, "t10k", ticks, 2), 0, nTest);
        NetworkSpec spec = mlp(ticks, 1);
        TrainingConfig cfg = TrainingConfig.reference(epochs).withMode(mode, batch).withThreads(threads)
                .withLearningRate(lr);
        try (Hm2BpTrainer t = new Hm2BpTrainer(spec, cfg)) {
            for (int e = 0; e < epochs; e++) {
                EpochStats s = t.trainEpoch(train, (ep, done, total, cost, acc) -> System.out.printf(Locale.ROOT,
                        "  epoch %d: %d/%d cost %.1f train acc %.4f%n", ep, done, total, cost, acc));
                System.out.printf(Locale.ROOT, "epoch %d: %d samples in %.1f s = %.1f samples/s, cost %.1f, "
                                + "train acc %.4f, silent %d, spikes/neuron hidden %.2f output %.2f, lr %.2e%n",
                        s.epoch(), s.samples(), s.seconds(), s.samplesPerSecond(), s.meanCost(), s.accuracy(),
                        s.noOutputSpikes(), s.meanSpikesPerNeuron()[1], s.meanSpikesPerNeuron()[2], s.learningRate());
                long b = System.nanoTime();
                Evaluation ev = t.evaluate(test);
                System.out.printf(Locale.ROOT, "  test: %d samples, accuracy %.4f, no output spikes %d, "
                                + "mean output spikes %.1f (%.1f s)%n", ev.samples(), ev.accuracy(),
                        ev.noOutputSpikes(), ev.meanOutputSpikes(), (System.nanoTime() - b) / 1e9);
            }
        }
    }

    static Dataset load(Path dir, String prefix, int ticks, long seed) throws Exception {
        IdxImages img = IdxReader.readImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
        byte[] lab = IdxReader.readLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
        int[] labels = new int[lab.length];
        for (int i = 0; i < lab.length; i++) {
            labels[i] = lab[i] & 0xFF;
        }
        return ImageDataset.of(img.copyPixels(), img.pixelsPerImage(), labels, RateEncoder.reference(ticks), seed);
    }

    /** 784-800-10 with weights uniform in [-1, 1] (spec 5.5), lateral inhibition 1. */
    static NetworkSpec mlp(int ticks, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] w1 = new float[800 * 784];
        float[] w2 = new float[10 * 800];
        for (int k = 0; k < w1.length; k++) {
            w1[k] = (float) (2 * rng.nextDouble() - 1);
        }
        for (int k = 0; k < w2.length; k++) {
            w2[k] = (float) (2 * rng.nextDouble() - 1);
        }
        return new NetworkSpec("mnist-mlp", 1000, ticks, seed,
                List.of(PopulationSpec.input("input", new Shape(1, 28, 28)),
                        PopulationSpec.lif("hidden", Shape.flat(800), LifParameters.hm2bp(20)),
                        PopulationSpec.lif("output", Shape.flat(10), LifParameters.hm2bp(8))),
                List.of(new ProjectionSpec.Dense("input->hidden", 0, 1, 0, 1, w1),
                        new ProjectionSpec.Dense("hidden->output", 1, 2, 0, 1, w2),
                        new ProjectionSpec.LateralInhibition("output-lateral", 2, 2, 0, 1, 1f)),
                0, 2);
    }
}
