package io.snn4j.data.transform;

import static io.snn4j.data.transform.TestEvents.of;
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
        assertEquals(1.89 / 2, model.offsetX(47_500), 1e-12);
        assertEquals(6.53 / 2, model.offsetY(47_500), 1e-12);
        assertEquals(1.89, model.offsetX(105_000), 1e-12);
        assertEquals(6.53, model.offsetY(105_000), 1e-12);
        // end of saccade 2's motion: 105 + 80 ms
        assertEquals(1.89 + 2.88, model.offsetX(185_000), 1e-12);
        assertEquals(0.0, model.offsetY(185_000), 1e-12);
        // after saccade 3
        assertEquals(1.89 + 2.88 - 5.97, model.offsetX(400_000), 1e-12);
        assertEquals(0.0, model.offsetY(400_000), 1e-12);
    }

    @Test
    void movesEventsBackByRoundedOffsetAndDropsThoseLeavingTheSensor() {
        EventStream s = of(34, 34,
                new long[] {0, 10, 10, 1},        // offset (0, 0)
                new long[] {105_000, 10, 10, 1},  // offset (1.89, 6.53): (8.11, 3.47) -> (8, 3)
                new long[] {105_000, 0, 20, 0},   // x -1.89 -> -2: dropped
                new long[] {185_000, 10, 0, 1});  // offset (4.77, 0): (5.23, 0) -> (5, 0)
        assertArrayEquals(new long[][] {{0, 10, 10, 1}, {105_000, 8, 3, 1}, {185_000, 5, 0, 1}},
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
