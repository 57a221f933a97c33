package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.network.NetworkSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Convolution and pooling backward passes (hm2bp-spec 6.2, 6.3). */
class ConvBackwardTest {
    private static final int T = 200;
    private final Spsp spsp = new Spsp(64, 8, 2, T);

    private static SpikeTrains trains(SplittableRandom rng, int n, double p, int gap, int silentEvery) {
        int[][] t = new int[n][];
        for (int i = 0; i < n; i++) {
            t[i] = i % silentEvery == silentEvery - 1 ? new int[0] : SpspTest.randomTrain(rng, T, p, gap);
        }
        SpikeTrains s = new SpikeTrains(n);
        s.set(t);
        return s;
    }

    /** The conv layer's gradients equal those of the same layer unrolled into a dense layer with tied weights. */
    @ParameterizedTest
    @CsvSource({"2, 6, 6, 3, 3, 1, 1", "1, 7, 5, 2, 3, 2, 0", "3, 5, 5, 4, 2, 1, 0"})
    void convGradientsEqualTheUnrolledDenseLayerWithTiedWeights(int inC, int inH, int inW, int outC, int k,
                                                                int stride, int pad) {
        int outH = Math.floorDiv(inH + 2 * pad - k, stride) + 1;
        int outW = Math.floorDiv(inW + 2 * pad - k, stride) + 1;
        int nIn = inC * inH * inW;
        int nOut = outC * outH * outW;
        int taps = inC * k * k;
        SplittableRandom rng = new SplittableRandom(nIn * 31L + nOut);
        SpikeTrains pre = trains(rng, nIn, 0.1, 1, 5);
        SpikeTrains post = trains(rng, nOut, 0.05, 3, 4);
        float[] kernel = new float[outC * taps];
        for (int x = 0; x < kernel.length; x++) {
            kernel[x] = (float) (rng.nextDouble() * 2 - 1);
        }
        double[] delta = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            delta[o] = o % 7 == 3 ? 0 : rng.nextDouble() * 2 - 1;
        }
        ConvBackward conv = new ConvBackward(inC, inH, inW, outC, outH, outW, k, stride, pad, spsp);
        float[] convGrad = new float[kernel.length];
        double[] convDeltaIn = new double[nIn];
        conv.backward(pre, 0, post, 0, kernel, delta, null, 5, convGrad, false, convDeltaIn, 12, true);

        float[] dense = new float[nIn * nOut];
        int positions = outH * outW;
        for (int o = 0; o < nOut; o++) {
            int oc = o / positions;
            for (int t = 0; t < taps; t++) {
                int in = conv.inputOf[o * taps + t];
                if (in >= 0) {
                    dense[in * nOut + o] = kernel[oc * taps + t];
                }
            }
        }
        DenseBackward db = new DenseBackward(nIn, nOut, spsp);
        float[] denseGrad = new float[nIn * nOut];
        double[] denseDeltaIn = new double[nIn];
        db.backward(pre, 0, post, 0, dense, delta, null, 5, denseGrad, false, denseDeltaIn, 12, true);

        double[] tied = new double[kernel.length];
        for (int o = 0; o < nOut; o++) {
            int oc = o / positions;
            for (int t = 0; t < taps; t++) {
                int in = conv.inputOf[o * taps + t];
                if (in >= 0) {
                    tied[oc * taps + t] += denseGrad[in * nOut + o];
                }
            }
        }
        for (int x = 0; x < kernel.length; x++) {
            assertEquals(tied[x], convGrad[x], 1e-4 * Math.max(1, Math.abs(tied[x])), "kernel weight " + x);
        }
        for (int j = 0; j < nIn; j++) {
            assertEquals(denseDeltaIn[j], convDeltaIn[j], 1e-5 * Math.max(1, Math.abs(denseDeltaIn[j])), "pre " + j);
        }
    }

    @Test
    void poolingHandsDownDeltaOverAreaTimesEffectRatioWithoutThreshold() {
        SplittableRandom rng = new SplittableRandom(12);
        int c = 2;
        int inH = 4;
        int inW = 4;
        SpikeTrains pre = trains(rng, c * inH * inW, 0.1, 3, 5);
        SpikeTrains post = trains(rng, c * 4, 0.05, 3, 3);
        double[] delta = {0.5, -1, 2, 0, 1.5, -0.5, 0.25, 3};
        PoolBackward pool = new PoolBackward(c, inH, inW, 2, 2, 2, 2, spsp);
        double[] deltaIn = new double[c * inH * inW];
        pool.backward(pre, 0, post, 0, null, delta, null, 2, null, false, deltaIn, 99, true);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < inH; y++) {
                for (int x = 0; x < inW; x++) {
                    int in = (ch * inH + y) * inW + x;
                    int p = (ch * 2 + y / 2) * 2 + x / 2;
                    int op = post.count[p];
                    int oi = pre.count[in];
                    double rho = 1;
                    if (op > 0 && oi > 0) {
                        int[] po = new int[op];
                        int[] pr = new int[oi];
                        System.arraycopy(post.times, post.start[p], po, 0, op);
                        System.arraycopy(pre.times, pre.start[in], pr, 0, oi);
                        rho = spsp.pairwise(po, op, pr, oi) / oi;
                    }
                    assertEquals(delta[p] / 4 * rho, deltaIn[in], 1e-6, "input " + in);
                }
            }
        }
    }

    @Test
    void referenceCnnShapesAre28To24To12To8To4GivingA640InputToTheDenseLayer() {
        NetworkSpec cnn = TrainingFixtures.cnn(400, 1);
        int[] expected = {784, 15 * 24 * 24, 15 * 12 * 12, 40 * 8 * 8, 40 * 4 * 4, 300, 10};
        for (int p = 0; p < expected.length; p++) {
            assertEquals(expected[p], cnn.population(p).size(), cnn.population(p).name());
        }
        assertEquals(640, cnn.population(4).size());
        try (Hm2BpTrainer t = new Hm2BpTrainer(cnn, TrainingConfig.reference(1))) {
            assertEquals(6, t.layerCount());
            assertEquals(15 * 25, t.weights(0).length);
            assertEquals(0, t.weights(1).length);
            assertEquals(40 * 15 * 25, t.weights(2).length);
            assertEquals(640 * 300, t.weights(4).length);
        }
    }
}
