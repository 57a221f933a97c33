package io.snn4j.data.transform;

import static io.snn4j.data.transform.TestEvents.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static final SplittableRandom UNUSED = new SplittableRandom(0);

    @Test
    void cropTimeKeepsInclusiveWindow() {
        EventStream s = TestEvents.of(4, 4, new long[] {5, 0, 0, 1}, new long[] {10, 1, 0, 1}, new long[] {20, 2, 0, 0},
                new long[] {21, 3, 0, 1});
        assertArrayEquals(new long[][] {{10, 1, 0, 1}, {20, 2, 0, 0}},
                rows(Transforms.cropTime(10, 20).apply(s, UNUSED)));
    }

    @Test
    void cropMovesWindowToOriginAndShrinksSensor() {
        EventStream s = TestEvents.of(6, 6, new long[] {1, 1, 1, 1}, new long[] {2, 2, 3, 0}, new long[] {3, 4, 4, 1},
                new long[] {4, 5, 2, 1});
        EventStream out = Transforms.crop(2, 2, 3, 3).apply(s, UNUSED);
        assertEquals(3, out.width());
        assertEquals(3, out.height());
        assertArrayEquals(new long[][] {{2, 0, 1, 0}, {3, 2, 2, 1}}, rows(out));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.crop(4, 0, 3, 3).apply(s, UNUSED));
        assertTrue(e.getMessage().contains("must lie inside the sensor, was 6 x 6"), e.getMessage());
    }

    @Test
    void denoiseKeepsEventsWithARecentEightNeighbour() {
        EventStream s = TestEvents.of(32, 32,
                new long[] {0, 5, 5, 1},       // nothing before: dropped
                new long[] {100, 6, 6, 0},     // diagonal neighbour (5,5) 100 us before: kept
                new long[] {5000, 20, 20, 1},  // dropped
                new long[] {5100, 20, 20, 1},  // same pixel does not count: dropped
                new long[] {5200, 21, 20, 1},  // (20,20) 100 us before: kept
                new long[] {6199, 22, 21, 1},  // (21,20) 999 us before: kept
                new long[] {8000, 0, 0, 1},    // dropped
                new long[] {9000, 1, 0, 1});   // (0,0) exactly 1000 us before, not < 1000: dropped
        assertArrayEquals(new long[][] {{100, 6, 6, 0}, {5200, 21, 20, 1}, {6199, 22, 21, 1}},
                rows(Transforms.denoise(1000).apply(s, UNUSED)));
    }

    @Test
    void refractoryDropsEventsWithinDeadTimeOfLastKept() {
        EventStream s = TestEvents.of(4, 4,
                new long[] {0, 1, 1, 1},     // kept
                new long[] {500, 1, 1, 0},   // 500 < 1000 after a kept one, any polarity: dropped
                new long[] {999, 1, 1, 1},   // dropped
                new long[] {1000, 1, 1, 1},  // exactly 1000 after the last kept: kept
                new long[] {1200, 2, 1, 1},  // other pixel: kept
                new long[] {1900, 1, 1, 1}); // dropped (900 after 1000)
        assertArrayEquals(new long[][] {{0, 1, 1, 1}, {1000, 1, 1, 1}, {1200, 2, 1, 1}},
                rows(Transforms.refractory(1000).apply(s, UNUSED)));
    }

    @Test
    void timeOrderedTransformsRejectUnorderedInput() {
        EventStream s = TestEvents.of(4, 4, new long[] {10, 0, 0, 1}, new long[] {5, 1, 1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transforms.refractory(1).apply(s, UNUSED));
        assertTrue(e.getMessage().contains("event 1 at 5 us follows 10 us"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.denoise(1).apply(s, UNUSED));
    }

    @Test
    void downsampleDividesCoordinatesAndRoundsSensorUp() {
        EventStream out = Transforms.downsample(2).apply(TestEvents.of(5, 5, new long[] {1, 4, 3, 1},
                new long[] {2, 1, 0, 0}),
                UNUSED);
        assertEquals(3, out.width());
        assertEquals(3, out.height());
        assertArrayEquals(new long[][] {{1, 2, 1, 1}, {2, 0, 0, 0}}, rows(out));
    }

    @Test
    void mergePolaritiesSetsAllToZero() {
        EventStream out = Transforms.mergePolarities().apply(TestEvents.of(2, 2, new long[] {1, 0, 0, 1},
                new long[] {2, 1, 1, 0}), UNUSED);
        assertArrayEquals(new long[][] {{1, 0, 0, 0}, {2, 1, 1, 0}}, rows(out));
    }

    @Test
    void flipsMirrorWithProbabilityOneAndNeverWithZero() {
        EventStream s = TestEvents.of(5, 3, new long[] {1, 0, 0, 1}, new long[] {2, 3, 2, 0});
        assertArrayEquals(new long[][] {{1, 4, 0, 1}, {2, 1, 2, 0}},
                rows(Transforms.randomFlipLeftRight(1).apply(s, new SplittableRandom(1))));
        assertArrayEquals(new long[][] {{1, 0, 2, 1}, {2, 3, 0, 0}},
                rows(Transforms.randomFlipUpDown(1).apply(s, new SplittableRandom(1))));
        assertSame(s, Transforms.randomFlipLeftRight(0).apply(s, new SplittableRandom(1)));
    }

    @Test
    void randomShiftTranslatesByDrawnOffsetAndDropsOutside() {
        EventStream s = TestEvents.random(34, 34, 500, 10_000, 3);
        for (long seed = 0; seed < 20; seed++) {
            SplittableRandom expected = new SplittableRandom(seed);
            int dx = expected.nextInt(5) - 2;
            int dy = expected.nextInt(7) - 3;
            EventStream out = Transforms.randomShift(2, 3).apply(s, new SplittableRandom(seed));
            assertArrayEquals(rows(Transforms.translate(s, dx, dy)), rows(out));
        }
        EventStream edge = TestEvents.of(3, 3, new long[] {1, 0, 0, 1}, new long[] {2, 2, 2, 1});
        assertArrayEquals(new long[][] {{1, 1, 0, 1}}, rows(Transforms.translate(edge, 1, 0)));
    }

    @Test
    void timeJitterWithZeroStdIsIdentityAndOutputIsTimeOrdered() {
        EventStream s = TestEvents.random(34, 34, 2000, 300_000, 5);
        assertArrayEquals(rows(s), rows(Transforms.timeJitter(0).apply(s, new SplittableRandom(1))));
        EventStream out = Transforms.timeJitter(5000).apply(s, new SplittableRandom(1));
        for (int i = 1; i < out.size(); i++) {
            assertTrue(out.timestampUs(i) >= out.timestampUs(i - 1));
            assertTrue(out.timestampUs(i) >= 0);
        }
        assertTrue(out.size() < s.size(), "events jittered below t = 0 are dropped");
    }

    @Test
    void dropEventsDropsAboutTheGivenFraction() {
        EventStream s = TestEvents.random(34, 34, 10_000, 300_000, 5);
        int kept = Transforms.dropEvents(0.25).apply(s, new SplittableRandom(2)).size();
        // binomial(10000, 0.75): sd = 43.3; 5 sd
        assertEquals(7500, kept, 217);
    }

    @Test
    void pipelineIsDeterministicForASeedAndDiffersAcrossSeeds() {
        Transform pipeline = Transforms.compose(Transforms.timeJitter(300), Transforms.randomShift(2, 2),
                Transforms.randomFlipLeftRight(0.5), Transforms.dropEvents(0.1), Transforms.denoise(5000),
                Transforms.refractory(1000));
        EventStream s = TestEvents.random(34, 34, 4000, 300_000, 11);
        long[][] a = rows(pipeline.apply(s, new SplittableRandom(42)));
        long[][] b = rows(pipeline.apply(s, new SplittableRandom(42)));
        long[][] c = rows(pipeline.apply(s, new SplittableRandom(43)));
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.deepEquals(a, c));
    }

    @Test
    void composeAppliesStepsInOrder() {
        EventStream s = TestEvents.of(4, 4, new long[] {1, 0, 0, 1}, new long[] {50, 3, 3, 1});
        Transform cropThenDown = Transforms.cropTime(0, 10).andThen(Transforms.downsample(2));
        assertArrayEquals(new long[][] {{1, 0, 0, 1}}, rows(cropThenDown.apply(s, UNUSED)));
        assertSame(s, Transforms.identity().apply(s, UNUSED));
    }

    @Test
    void factoriesRejectBadParametersNamingThem() {
        assertEquals("denoise: filterUs must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Transforms.denoise(0)).getMessage());
        assertEquals("randomFlipUpDown: probability must be in [0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> Transforms.randomFlipUpDown(1.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.cropTime(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Transforms.timeJitter(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Transforms.downsample(0));
    }
}
