package io.snn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Macro level of hm2bp-spec 3. */
class RateLossTest {
    private final RateLoss loss = RateLoss.reference();

    @Test
    void deadZoneIsStrict() {
        for (int o = 0; o <= 10; o++) {
            assertEquals(0.0, loss.error(o, 5), 0.0, "undesired count " + o);
        }
        for (int o = 30; o <= 40; o++) {
            assertEquals(0.0, loss.error(o, 35), 0.0, "desired count " + o);
        }
        assertEquals(6.0, loss.error(11, 5), 0.0);
        assertEquals(-6.0, loss.error(29, 35), 0.0);
        assertEquals(-35.0, loss.error(0, 35), 0.0);
    }

    @Test
    void deltasAreBoostedAndDividedByTheThresholdAndTheCostSumsSquaresOutsideTheZone() {
        int[] counts = {0, 12, 5, 41};
        double[] delta = new double[4];
        double cost = loss.deltas(counts, 4, 0, 2.0, 8.0, delta);
        assertEquals(2.0 * -35 / 8, delta[0], 1e-12);
        assertEquals(2.0 * 7 / 8, delta[1], 1e-12);
        assertEquals(0.0, delta[2], 0.0);
        assertEquals(2.0 * 36 / 8, delta[3], 1e-12);
        assertEquals(35 * 35 + 7 * 7 + 36 * 36, cost, 1e-9);
    }

    @Test
    void decisionTakesMostSpikesTiesToLowestAndSilentToZero() {
        assertEquals(2, RateLoss.decide(new int[] {1, 3, 7, 2}, 0, 4));
        assertEquals(1, RateLoss.decide(new int[] {1, 7, 7, 2}, 0, 4));
        assertEquals(0, RateLoss.decide(new int[] {0, 0, 0, 0}, 0, 4));
        assertTrue(RateLoss.silent(new int[] {0, 0, 0}, 0, 3));
        assertFalse(RateLoss.silent(new int[] {0, 1, 0}, 0, 3));
        assertEquals(1, RateLoss.decide(new int[] {9, 9, 1, 5}, 2, 2));
    }
}
