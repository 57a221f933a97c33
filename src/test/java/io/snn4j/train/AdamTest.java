package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdamTest {
    @Test
    void firstStepMovesEachWeightByLearningRateAgainstTheGradientSign() {
        Adam adam = new Adam(4);
        float[] w = {1f, 1f, 1f, 1f};
        float[] g = {0.5f, -3f, 1e-3f, 0f};
        adam.apply(w, g, 0, 4, 0.01, adam.beginStep());
        assertEquals(1 - 0.01, w[0], 1e-6);
        assertEquals(1 + 0.01, w[1], 1e-6);
        assertEquals(1 - 0.01, w[2], 1e-5); // |g| >> eps = 1e-8
        assertEquals(1, w[3], 0.0);
        assertEquals(1, adam.steps);
    }

    @Test
    void biasCorrectionKeepsAConstantGradientStepAtTheLearningRate() {
        Adam adam = new Adam(1);
        float[] w = {0f};
        for (int s = 0; s < 50; s++) {
            adam.apply(w, new float[] {2f}, 0, 1, 0.001, adam.beginStep());
        }
        assertEquals(-0.05, w[0], 1e-5); // 50 steps of lr each
        assertEquals(50, adam.steps);
    }
}
