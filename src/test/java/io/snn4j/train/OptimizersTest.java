package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * SGD, stochastic L-BFGS and K-FAC against problems with known solutions, and in the trainer: determinism,
 * thread-count independence and resuming from their state.
 */
class OptimizersTest {

    /** Steps until |x - solution| &lt;= tol |solution| (or max), gradient from {@code grad(x, out)}. */
    private static int stepsToSolve(Optimizer o, double lr, int n, double[] solution, double tol, int max,
                                    BiConsumer<float[], float[]> grad) {
        float[][] w = {new float[n]};
        float[][] g = {new float[n]};
        double norm = 0;
        for (double v : solution) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int step = 0; step < max; step++) {
            double err = 0;
            for (int i = 0; i < n; i++) {
                err += (w[0][i] - solution[i]) * (w[0][i] - solution[i]);
            }
            if (Math.sqrt(err) <= tol * norm) {
                return step;
            }
            grad.accept(w[0], g[0]);
            o.step(w, g, lr);
            if (o.wantsCurvature()) {
                grad.accept(w[0], g[0]);
                o.curvature(w, g);
            }
        }
        return max;
    }

    /** A random symmetric positive definite matrix with eigenvalues spread over [1, cond]. */
    private static double[][] spd(SplittableRandom rng, int n, double cond) {
        double[][] q = new double[n][n];
        for (double[] row : q) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        RealMatrix v = new EigenDecomposition(new Array2DRowRealMatrix(q).add(new Array2DRowRealMatrix(q)
                .transpose())).getV();
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = Math.pow(cond, (double) i / (n - 1));
        }
        RealMatrix d = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            d.setEntry(i, i, lambda[i]);
        }
        return v.multiply(d).multiply(v.transpose()).getData();
    }

    @Test
    void lbfgsSolvesAConvexQuadraticInFarFewerStepsThanSgd() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 30;
        double cond = 100;
        double[][] a = spd(rng, n, cond);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextGaussian();
        }
        double[] solution = new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                .solve(new ArrayRealVector(b)).toArray();
        BiConsumer<float[], float[]> grad = (x, g) -> { // f = x'Ax/2 - b'x, grad = Ax - b
            for (int i = 0; i < n; i++) {
                double s = -b[i];
                for (int j = 0; j < n; j++) {
                    s += a[i][j] * x[j];
                }
                g[i] = (float) s;
            }
        };
        int max = 20000;
        // SGD at its best fixed rate for a quadratic, 2 / (L + mu)
        int sgd = stepsToSolve(new Sgd(new int[] {n}, 0), 2 / (cond + 1), n, solution, 1e-3, max, grad);
        int lbfgs = stepsToSolve(new Lbfgs(new int[] {n}, 10, 1e9), 1, n, solution, 1e-3, max, grad);
        assertTrue(lbfgs < max && sgd > 5 * lbfgs, "L-BFGS " + lbfgs + " steps, SGD " + sgd);
        assertTrue(lbfgs <= 3 * n, "L-BFGS took " + lbfgs + " steps on " + n + " dimensions");
    }

    @Test
    void lbfgsSolvesRegularisedLogisticRegressionInFarFewerStepsThanSgd() {
        SplittableRandom rng = new SplittableRandom(2);
        int d = 8;
        int m = 300;
        double reg = 0.05;
        double[][] x = new double[m][d];
        double[] y = new double[m];
        double[] truth = new double[d];
        for (int j = 0; j < d; j++) {
            truth[j] = rng.nextGaussian();
        }
        for (int s = 0; s < m; s++) {
            double z = 0;
            for (int j = 0; j < d; j++) {
                x[s][j] = rng.nextGaussian() * (1 + j);
                z += x[s][j] * truth[j];
            }
            y[s] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        // the known solution, by Newton's method in double precision
        double[] solution = new double[d];
        for (int it = 0; it < 50; it++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int s = 0; s < m; s++) {
                double p = sigmoid(dot(x[s], solution));
                for (int j = 0; j < d; j++) {
                    g[j] += (p - y[s]) * x[s][j] / m;
                    for (int l = 0; l < d; l++) {
                        h[j][l] += p * (1 - p) * x[s][j] * x[s][l] / m;
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                g[j] += reg * solution[j];
                h[j][j] += reg;
            }
            double[] step = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver()
                    .solve(new ArrayRealVector(g)).toArray();
            for (int j = 0; j < d; j++) {
                solution[j] -= step[j];
            }
        }
        BiConsumer<float[], float[]> grad = (w, g) -> {
            double[] wd = new double[d];
            for (int j = 0; j < d; j++) {
                wd[j] = w[j];
            }
            double[] acc = new double[d];
            for (int s = 0; s < m; s++) {
                double p = sigmoid(dot(x[s], wd));
                for (int j = 0; j < d; j++) {
                    acc[j] += (p - y[s]) * x[s][j] / m;
                }
            }
            for (int j = 0; j < d; j++) {
                g[j] = (float) (acc[j] + reg * wd[j]);
            }
        };
        // SGD's rate: 1 / L with L = max eigenvalue of X'X / (4 m) + reg bounding the Hessian
        double[][] xtx = new double[d][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    xtx[j][l] += row[j] * row[l] / (4 * m);
                }
            }
        }
        double lip = new EigenDecomposition(new Array2DRowRealMatrix(xtx)).getRealEigenvalue(0) + reg;
        int max = 20000;
        int sgd = stepsToSolve(new Sgd(new int[] {d}, 0), 1 / lip, d, solution, 1e-3, max, grad);
        int lbfgs = stepsToSolve(new Lbfgs(new int[] {d}, 10, 1e9), 1, d, solution, 1e-3, max, grad);
        assertTrue(lbfgs < 60 && sgd > 5 * lbfgs, "L-BFGS " + lbfgs + " steps, SGD " + sgd);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void lbfgsDampsPairsOfNegativeCurvatureAndCapsTheStep() {
        // a concave direction: f = -x0^2 / 2 + x1^2, gradient (-x0, 2 x1)
        Lbfgs o = new Lbfgs(new int[] {2}, 5, 0.5);
        float[][] w = {{1, 1}};
        float[][] g = {new float[2]};
        BiConsumer<float[], float[]> grad = (x, out) -> {
            out[0] = -x[0];
            out[1] = 2 * x[1];
        };
        for (int step = 0; step < 5; step++) {
            float[] before = w[0].clone();
            grad.accept(w[0], g[0]);
            o.step(w, g, 1);
            double len = Math.hypot(w[0][0] - before[0], w[0][1] - before[1]);
            assertTrue(len <= 0.5 + 1e-6, "step length " + len);
            grad.accept(w[0], g[0]);
            o.curvature(w, g);
        }
        assertTrue(o.damped > 0, "the first pair has negative curvature along x0 and must be damped");
        assertTrue(o.pairs() > 0);
    }

    /** (A (x) G) in the source-major layout: entry ((j, i), (l, c)) = A[j][l] G[i][c], index j * nOut + i. */
    private static RealMatrix kron(double[] a, int nIn, double[] g, int nOut) {
        RealMatrix f = new Array2DRowRealMatrix(nIn * nOut, nIn * nOut);
        for (int j = 0; j < nIn; j++) {
            for (int i = 0; i < nOut; i++) {
                for (int l = 0; l < nIn; l++) {
                    for (int c = 0; c < nOut; c++) {
                        f.setEntry(j * nOut + i, l * nOut + c, a[j * nIn + l] * g[i * nOut + c]);
                    }
                }
            }
        }
        return f;
    }

    private static double[] flat(double[][] m) {
        int n = m.length;
        double[] f = new double[n * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(m[r], 0, f, r * n, n);
        }
        return f;
    }

    @Test
    void kfacWithExactFactorsEqualsTheDirectNaturalGradientStep() {
        SplittableRandom rng = new SplittableRandom(3);
        int nIn = 5;
        int nOut = 3;
        double damping = 0.01;
        double[] a = flat(spd(rng, nIn, 50));
        double[] g = flat(spd(rng, nOut, 20));
        for (int x = 0; x < g.length; x++) {
            g[x] *= 1e-3; // factors of very different scales: the damping split pi matters
        }
        Kfac k = new Kfac(new int[] {nIn}, new int[] {nOut}, new boolean[] {true}, damping, 0.95, 1, 1e9, null, 1);
        k.setFactors(0, a, g);
        k.invert();
        float[] grad = new float[nIn * nOut];
        for (int x = 0; x < grad.length; x++) {
            grad[x] = (float) rng.nextGaussian();
        }
        k.precondition(0, grad);
        double[] u = k.direction(0);
        // directly: the damped Fisher (A + pi sqrt(gamma) I) (x) (G + sqrt(gamma) / pi I) as one matrix, solved
        double trA = 0;
        double trG = 0;
        for (int i = 0; i < nIn; i++) {
            trA += a[i * nIn + i] / nIn;
        }
        for (int i = 0; i < nOut; i++) {
            trG += g[i * nOut + i] / nOut;
        }
        double pi = Math.sqrt(trA / trG);
        double[] ad = a.clone();
        double[] gd = g.clone();
        for (int i = 0; i < nIn; i++) {
            ad[i * nIn + i] += pi * Math.sqrt(damping);
        }
        for (int i = 0; i < nOut; i++) {
            gd[i * nOut + i] += Math.sqrt(damping) / pi;
        }
        RealVector rhs = new ArrayRealVector(nIn * nOut);
        for (int x = 0; x < grad.length; x++) {
            rhs.setEntry(x, grad[x]);
        }
        double[] direct = new LUDecomposition(kron(ad, nIn, gd, nOut)).getSolver().solve(rhs).toArray();
        for (int x = 0; x < direct.length; x++) {
            assertEquals(direct[x], u[x], 1e-9 * Math.max(1, Math.abs(direct[x])), "entry " + x);
        }
    }

    private static Worker.SlotState slot(float[] pre, float[] factor) {
        return new Worker.SlotState(null, new float[][] {pre}, new float[][] {factor});
    }

    @Test
    void kfacStatisticsAreRunningMeansOfOuterProducts() {
        Kfac k = new Kfac(new int[] {2}, new int[] {2}, new boolean[] {true}, 1e-3, 0.5, 1, 1e9, null, 1);
        Worker.SlotState[] s = {slot(new float[] {1, 2}, new float[] {3, 0}), slot(new float[] {0, 4},
                new float[] {1, 1})};
        k.statistics(s, 2);
        // first step: the batch means, A = ((1,2;2,4) + (0,0;0,16)) / 2, G = ((9,0;0,0) + (1,1;1,1)) / 2
        assertArrayEquals(new double[] {0.5, 1, 1, 10}, k.a[0], 0);
        assertArrayEquals(new double[] {5, 0.5, 0.5, 0.5}, k.g[0], 0);
        k.step(new float[][] {new float[4]}, new float[][] {new float[4]}, 0.1);
        Worker.SlotState[] t = {slot(new float[] {2, 0}, new float[] {0, 2})};
        k.statistics(t, 1);
        // then min(1 - 1/t, decay) = 0.5 of the old value
        assertArrayEquals(new double[] {0.5 * 0.5 + 0.5 * 4, 0.5, 0.5, 5}, k.a[0], 1e-15);
        assertArrayEquals(new double[] {2.5, 0.25, 0.25, 0.25 + 2}, k.g[0], 1e-15);
    }

    @Test
    void kfacDampingAndRefreshBehaveAsSpecified() {
        SplittableRandom rng = new SplittableRandom(4);
        int nIn = 4;
        int nOut = 3;
        double[] a = flat(spd(rng, nIn, 10));
        double[] g = flat(spd(rng, nOut, 10));
        float[] grad = new float[nIn * nOut];
        for (int x = 0; x < grad.length; x++) {
            grad[x] = (float) rng.nextGaussian();
        }
        // overwhelming damping: the step is the gradient divided by gamma (pi sqrt(gamma) * sqrt(gamma) / pi)
        double gamma = 1e14;
        Kfac big = new Kfac(new int[] {nIn}, new int[] {nOut}, new boolean[] {true}, gamma, 0.95, 1, 1e9, null, 1);
        big.setFactors(0, a, g);
        big.invert();
        big.precondition(0, grad);
        for (int x = 0; x < grad.length; x++) {
            assertEquals(grad[x] / gamma, big.direction(0)[x], 1e-5 * Math.abs(grad[x] / gamma) + 1e-30);
        }
        // refresh every 3 steps: the inverses change at steps 0, 3, 6, ... only, though the factors change each step
        Kfac k = new Kfac(new int[] {nIn}, new int[] {nOut}, new boolean[] {true}, 1e-2, 0.9, 3, 1e9, null, 1);
        float[][] w = {new float[nIn * nOut]};
        double[] previous = null;
        for (int step = 0; step < 7; step++) {
            float[] pre = new float[nIn];
            float[] f = new float[nOut];
            for (int i = 0; i < nIn; i++) {
                pre[i] = rng.nextInt(10);
            }
            for (int i = 0; i < nOut; i++) {
                f[i] = (float) rng.nextGaussian();
            }
            k.statistics(new Worker.SlotState[] {slot(pre, f)}, 1);
            k.step(w, new float[][] {grad.clone()}, 0.01);
            double[] now = k.aInv[0].clone();
            if (previous != null) {
                boolean refreshed = step % 3 == 0;
                assertEquals(refreshed, !Arrays.equals(previous, now), "step " + step);
            }
            previous = now;
        }
        // the KL bound: lr^2 nu^2 sum(U . grad) <= kl
        Kfac clipped = new Kfac(new int[] {nIn}, new int[] {nOut}, new boolean[] {true}, 1e-3, 0.95, 1, 1e-6, null, 1);
        clipped.setFactors(0, a, g);
        float[][] wc = {new float[nIn * nOut]};
        clipped.step(wc, new float[][] {grad.clone()}, 1);
        double quad = 0;
        for (int x = 0; x < grad.length; x++) {
            quad += clipped.direction(0)[x] * grad[x];
        }
        assertTrue(clipped.lastNu < 1);
        assertEquals(1e-6, clipped.lastNu * clipped.lastNu * quad, 1e-12);
    }

    @Test
    void optimizerSpecificationsParseValidateAndPrintBack() {
        assertEquals(OptimizerSpec.Kind.ADAM, OptimizerSpec.parse("adam").kind());
        OptimizerSpec k = OptimizerSpec.parse("kfac:damping=0.01,refresh=50");
        assertEquals(0.01, k.get("damping"));
        assertEquals(50, k.get("refresh"));
        assertEquals(0.95, k.get("decay"));
        assertEquals(k, OptimizerSpec.parse(k.toString()));
        OptimizerSpec l = OptimizerSpec.parse("lbfgs:m=5");
        assertEquals(l, OptimizerSpec.parse(l.toString()));
        for (String bad : new String[] {"newton", "lbfgs:m=0", "lbfgs:m=2.5", "kfac:damping=-1", "kfac:refresh=0",
                "sgd:momentum=1", "sgd:nesterov=1", "adam:beta=0.9", "kfac:damping=x", "lbfgs:maxstep=NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("optimizer"), e.getMessage());
        }
    }

    private static final int T = 200;

    private static float[][] train(String optimizer, Backprop b, TrainingConfig c, Dataset data, int epochs) {
        try (Hm2BpTrainer t = new Hm2BpTrainer(TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0), c, b,
                OptimizerSpec.parse(optimizer))) {
            for (int e = 0; e < epochs; e++) {
                t.trainEpoch(data, ProgressListener.NONE);
            }
            return new float[][] {t.weights(0), t.weights(1)};
        }
    }

    @Test
    void everyOptimizerTrainsDeterministicallyWhateverTheThreadCount() {
        Dataset data = TrainingFixtures.patterns(4, 40, 16, T, 5);
        TrainingConfig c = TrainingConfig.reference(2).withLearningRate(0.01).withMode(Mode.MINIBATCH, 4);
        float[][] adam = train("adam", Backprop.FULL, c.withThreads(1), data, 1);
        for (String o : new String[] {"sgd:momentum=0.9", "lbfgs:m=3,maxstep=0.5", "kfac:refresh=2"}) {
            float[][] one = train(o, Backprop.parse("msbp:6"), c.withThreads(1), data, 1);
            float[][] two = train(o, Backprop.parse("msbp:6"), c.withThreads(2), data, 1);
            for (int k = 0; k < one.length; k++) {
                assertArrayEquals(one[k], two[k], o + " layer " + k);
            }
            assertFalse(Arrays.equals(adam[0], one[0]), o + " must differ from Adam");
        }
    }

    @Test
    void resumingAnOptimizersStateContinuesIdentically() {
        Dataset data = TrainingFixtures.patterns(4, 40, 12, T, 6);
        TrainingConfig c = TrainingConfig.reference(2).withLearningRate(0.01).withMode(Mode.MINIBATCH, 3)
                .withThreads(2);
        for (String o : new String[] {"sgd:momentum=0.5", "lbfgs:m=3", "kfac:refresh=3"}) {
            TrainerState mid;
            AuxState aux;
            float[] expected;
            try (Hm2BpTrainer t = new Hm2BpTrainer(TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0), c,
                    Backprop.FULL, OptimizerSpec.parse(o))) {
                t.trainEpoch(data, ProgressListener.NONE);
                mid = t.state();
                aux = t.auxState();
                t.trainEpoch(data, ProgressListener.NONE);
                expected = t.weights(0);
            }
            try (Hm2BpTrainer t = new Hm2BpTrainer(TrainingFixtures.mlp(40, 24, 4, 10, 5, T, 11, 1.0), c,
                    Backprop.FULL, OptimizerSpec.parse(o))) {
                t.restore(mid);
                t.restoreAux(aux);
                t.trainEpoch(data, ProgressListener.NONE);
                assertArrayEquals(expected, t.weights(0), o);
            }
        }
    }
}
