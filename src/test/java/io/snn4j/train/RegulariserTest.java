package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegulariserTest {
    @Test
    void addsLambdaBetaWOverLimitTimesExpOfBetaTimesMeanSquareMinusOne() {
        // 2 pre x 2 post, source-major: w[j * 2 + i]
        float[] w = {1f, -2f, 3f, 4f};
        float[] g = {0.1f, 0f, 0f, -0.1f};
        double lambda = 10;
        double beta = 0.04;
        double limit = 8;
        Regulariser.addDense(w, g, 2, 2, lambda, beta, limit, new float[2]);
        // post 0: weights 1 and 3, S = ((1/8)^2 + (3/8)^2)/2 = 0.078125; post 1: -2 and 4, S = 0.15625
        double s0 = (1.0 / 64 + 9.0 / 64) / 2;
        double s1 = (4.0 / 64 + 16.0 / 64) / 2;
        assertEquals(0.1 + lambda * beta * (1 / limit) * Math.exp(beta * (s0 - 1)), g[0], 1e-6);
        assertEquals(lambda * beta * (-2 / limit) * Math.exp(beta * (s1 - 1)), g[1], 1e-6);
        assertEquals(lambda * beta * (3 / limit) * Math.exp(beta * (s0 - 1)), g[2], 1e-6);
        assertEquals(-0.1 + lambda * beta * (4 / limit) * Math.exp(beta * (s1 - 1)), g[3], 1e-6);
    }

    @Test
    void zeroLambdaLeavesTheGradient() {
        float[] g = {1f};
        Regulariser.addDense(new float[] {5f}, g, 1, 1, 0, 0.04, 8, new float[1]);
        assertEquals(1f, g[0], 0f);
    }
}
