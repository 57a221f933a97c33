package io.snn4j.data.transform;

import static io.snn4j.data.transform.TestEvents.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.EventStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SaccadeStabilizationTest {
    private final SaccadeStabilization model = SaccadeStabilization.nmnist();

    @Test
    void offsetIsPiecewiseLinearAlongTheTriangle() {
        assertEquals(0.0, model.offsetX(0), 1e-12);
        assertEquals(0.0, model.offsetY(15_000), 1e-12);
        // halfway through saccade 1's motion (15..80 ms)
        assertEquals(2.39 / 2, model.offsetX(47_500), 1e-12);
        assertEquals(6.18 / 2, model.offsetY(47_500), 1e-12);
        assertEquals(2.39, model.offsetX(105_000), 1e-12);
        assertEquals(6.18, model.offsetY(105_000), 1e-12);
        // end of saccade 2's motion: 105 + 80 ms
        assertEquals(2.39 + 4.08, model.offsetX(185_000), 1e-12);
        assertEquals(6.18 - 6.63, model.offsetY(185_000), 1e-12);
        // after saccade 3
        assertEquals(2.39 + 4.08 - 5.92, model.offsetX(400_000), 1e-12);
        assertEquals(6.18 - 6.63, model.offsetY(400_000), 1e-12);
    }

    @Test
    void movesEventsBackByRoundedOffsetAndDropsThoseLeavingTheSensor() {
        EventStream s = TestEvents.of(34, 34,
                new long[] {0, 10, 10, 1},        // offset (0, 0)
                new long[] {105_000, 10, 10, 1},  // offset (2.39, 6.18): (7.61, 3.82) -> (8, 4)
                new long[] {105_000, 1, 20, 0},   // x 1 - 2.39 = -1.39 -> -1: dropped
                new long[] {185_000, 10, 0, 1});  // offset (6.47, -0.45): (3.53, 0.45) -> (4, 0)
        assertArrayEquals(new long[][] {{0, 10, 10, 1}, {105_000, 8, 4, 1}, {185_000, 4, 0, 1}},
                rows(model.apply(s, new SplittableRandom(0))));
    }

    @Test
    void rejectsInconsistentModel() {
        assertThrows(IllegalArgumentException.class,
                () -> new SaccadeStabilization(100, 50, 40, new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new SaccadeStabilization(100, 0, 100, new double[] {1}, new double[] {1, 2}));
    }
}
