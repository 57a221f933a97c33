package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.event.InputSpikes;
import io.snn4j.network.NetworkSpec;
import io.snn4j.network.ProjectionSpec;
import org.junit.jupiter.api.Test;

class Hm2BpInspectorTest {
    private static final int TICKS = 400;

    /**
     * Each sample's trace against the plain-loop restatement of the reference ({@link ReferenceStep}): the spikes of
     * every layer, both S-PSP matrices (pairwise form of spec 2.2, after the target injection at the output), the
     * output and hidden deltas and the error reaching the inputs, over samples that include a target injection.
     */
    @Test
    void traceEqualsAPlainLoopRestatementOfTheReference() {
        NetworkSpec spec = TrainingFixtures.mlp(40, 24, 4, 10, 5, TICKS, 11, 1.0);
        Dataset data = TrainingFixtures.patterns(4, 40, 12, TICKS, 21);
        TrainingConfig c = TrainingConfig.reference(1);
        ReferenceStep ref = new ReferenceStep(TICKS, 10, 5, 1f, c, c.learningRate());
        float[][] w1 = targetMajor(((ProjectionSpec.Dense) spec.projection(0)).weights(), 24, 40);
        float[][] w2 = targetMajor(((ProjectionSpec.Dense) spec.projection(1)).weights(), 4, 24);
        Hm2BpInspector inspector = new Hm2BpInspector(spec, c);
        int injected = 0;
        for (int s = 0; s < data.size(); s++) {
            InputSpikes in = data.load(s);
            int label = data.label(s);
            SampleTrace t = inspector.trace(in, label);
            boolean[][] x = new boolean[TICKS][40];
            for (int k = 0; k < in.size(); k++) {
                x[in.tick(k)][in.channel(k)] = true;
            }
            boolean[][] h = ref.forward(x, w1, 10, 0);
            boolean[][] o = ref.forward(h, w2, 5, 1f);
            int[][] xs = ReferenceStep.times(x);
            int[][] hs = ReferenceStep.times(h);
            int[][] os = ReferenceStep.times(o);
            int[][][] got = t.spikes();
            for (int n = 0; n < 40; n++) {
                assertArrayEquals(xs[n], got[0][n], "sample " + s + " input " + n);
            }
            for (int n = 0; n < 24; n++) {
                assertArrayEquals(hs[n], got[1][n], "sample " + s + " hidden " + n);
            }
            for (int n = 0; n < 4; n++) {
                assertArrayEquals(os[n], got[2][n], "sample " + s + " output " + n);
            }
            double[] dOut = new double[4];
            for (int i = 0; i < 4; i++) {
                dOut[i] = c.loss().error(os[i].length, c.loss().target(i, label)) / 5;
                assertEquals(dOut[i], t.deltas()[1][i], 1e-12, "sample " + s + " output delta " + i);
            }
            assertEquals(os[label].length == 0, t.injected());
            if (t.injected()) {
                injected++;
                int every = TICKS / 35;
                os[label] = new int[(TICKS - 1) / every];
                for (int m = 0; m < os[label].length; m++) {
                    os[label][m] = (m + 1) * every;
                }
            }
            float[][] e = t.spsp();
            for (int j = 0; j < 24; j++) {
                for (int i = 0; i < 4; i++) {
                    assertEquals(ref.effect(os[i], hs[j]), e[1][j * 4 + i], 2e-5, "sample " + s + " e2 " + i + "|" + j);
                }
            }
            for (int j = 0; j < 40; j++) {
                for (int i = 0; i < 24; i++) {
                    assertEquals(ref.effect(hs[i], xs[j]), e[0][j * 24 + i], 2e-5, "sample " + s + " e1 " + i + "|"
                            + j);
                }
            }
            double[] dHid = new double[24];
            for (int j = 0; j < 24; j++) {
                double sum = 0;
                for (int i = 0; i < 4; i++) {
                    double ratio = os[i].length > 0 && hs[j].length > 0 ? ref.effect(os[i], hs[j]) / hs[j].length : 1;
                    sum += dOut[i] * w2[i][j] * ratio;
                }
                dHid[j] = sum / 10;
                assertEquals(dHid[j], t.deltas()[0][j], 1e-5 * (1 + Math.abs(dHid[j])), "sample " + s
                        + " hidden delta");
            }
            for (int j = 0; j < 40; j++) {
                double sum = 0;
                for (int i = 0; i < 24; i++) {
                    double ratio = hs[i].length > 0 && xs[j].length > 0 ? ref.effect(hs[i], xs[j]) / xs[j].length : 1;
                    sum += dHid[i] * w1[i][j] * ratio;
                }
                assertEquals(sum, t.inputError()[j], 1e-5 * (1 + Math.abs(sum)), "sample " + s + " input error " + j);
            }
            assertEquals(t.cost(), inspector.cost(in, label), 0.0, "sample " + s);
        }
        assertTrue(injected > 0, "no sample had a silent label neuron");
    }

    @Test
    void alongMovesEveryLayerByAlphaTimesTheStep() {
        NetworkSpec spec = TrainingFixtures.mlp(6, 3, 2, 10, 5, 50, 3, 1.0);
        TrainingConfig c = TrainingConfig.reference(1);
        float[][] step = {new float[18], new float[6]};
        step[0][4] = 0.5f;
        step[1][5] = -2f;
        NetworkSpec moved = Hm2BpInspector.along(spec, c, step, 3);
        float[] w0 = ((ProjectionSpec.Dense) spec.projection(0)).weights();
        float[] m0 = ((ProjectionSpec.Dense) moved.projection(0)).weights();
        float[] w1 = ((ProjectionSpec.Dense) spec.projection(1)).weights();
        float[] m1 = ((ProjectionSpec.Dense) moved.projection(1)).weights();
        for (int x = 0; x < 18; x++) {
            assertEquals(x == 4 ? w0[x] + 1.5f : w0[x], m0[x], 1e-6f);
        }
        for (int x = 0; x < 6; x++) {
            assertEquals(x == 5 ? w1[x] - 6f : w1[x], m1[x], 1e-6f);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hm2BpInspector.along(spec, c, new float[][] {new float[18], new float[5]}, 1));
        assertTrue(e.getMessage().contains("('hidden->output') has 5 values, the layer 6 weights"), e.getMessage());
    }

    private static float[][] targetMajor(float[] w, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(w, i * cols, m[i], 0, cols);
        }
        return m;
    }
}
