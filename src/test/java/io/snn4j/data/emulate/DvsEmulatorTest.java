package io.snn4j.data.emulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DvsEmulatorTest {
    private static final float[] DIGIT = new BuiltinDigits(7).image(3);

    private static EventStream emulate(DvsEmulatorConfig config, long seed) {
        return new DvsEmulator(config).emulate(DIGIT, 28, 28, new SplittableRandom(seed));
    }

    /** A scene of uniform log intensity that may change over time (all pixels alike). */
    private static DvsEmulator.Scene uniform(java.util.function.IntToDoubleFunction logAtStep) {
        return (step, out) -> Arrays.fill(out, (float) logAtStep.applyAsDouble(step));
    }

    private static DvsEmulatorConfig.Builder quiet() {
        return DvsEmulatorConfig.builder().noiseRateHz(0).jitterUs(0).thresholdMismatch(0);
    }

    @Test
    void sameSeedGivesIdenticalEvents() {
        EventStream a = emulate(DvsEmulatorConfig.nmnistLike(), 42);
        EventStream b = emulate(DvsEmulatorConfig.nmnistLike(), 42);
        assertTrue(a.size() > 1000, "a digit under three saccades gives thousands of events, got " + a.size());
        assertArrayEquals(a.copyTimestampsUs(), b.copyTimestampsUs());
        assertArrayEquals(a.copyXs(), b.copyXs());
        assertArrayEquals(a.copyYs(), b.copyYs());
        assertArrayEquals(a.copyPolarities(), b.copyPolarities());
    }

    @Test
    void differentSeedGivesDifferentEvents() {
        EventStream a = emulate(DvsEmulatorConfig.nmnistLike(), 1);
        EventStream b = emulate(DvsEmulatorConfig.nmnistLike(), 2);
        assertFalse(Arrays.equals(a.copyTimestampsUs(), b.copyTimestampsUs()));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 99})
    void eventsAreTimeOrderedAndInsideTheSensorAndRecording(long seed) {
        DvsEmulatorConfig config = DvsEmulatorConfig.nmnistLike();
        EventStream s = emulate(config, seed);
        assertEquals(34, s.width());
        assertEquals(34, s.height());
        for (int i = 0; i < s.size(); i++) {
            assertTrue(s.x(i) >= 0 && s.x(i) < 34 && s.y(i) >= 0 && s.y(i) < 34, "address of event " + i);
            assertTrue(s.timestampUs(i) >= 0 && s.timestampUs(i) <= config.recordingUs(), "time of event " + i);
            if (i > 0) {
                assertTrue(s.timestampUs(i) >= s.timestampUs(i - 1), "event " + i + " out of time order");
            }
        }
    }

    @Test
    void staticImageWithoutMotionOrNoiseGivesNoEvents() {
        EventStream s = emulate(quiet().noMotion().jitterUs(300).build(), 5);
        assertEquals(0, s.size());
    }

    @Test
    void blankImageGivesNoEventsWithoutNoise() {
        EventStream s = new DvsEmulator(quiet().build()).emulate(new float[28 * 28], 28, 28,
                new SplittableRandom(1));
        assertEquals(0, s.size());
    }

    @Test
    void inkInOneCornerGivesEventsOnlyWithinReachOfThePath() {
        // a 4 x 4 block at image (0..3, 0..3); image centre 13.5 sits at sensor 16.5 + path offset (x in -2.5..2.5,
        // y in -1.5..3.5), blur adds 2 px and bilinear sampling 1: x <= 6 + 2.5 + 3 = 11.5, y <= 6 + 3.5 + 3 = 12.5
        float[] image = new float[28 * 28];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image[y * 28 + x] = 255;
            }
        }
        EventStream s = new DvsEmulator(quiet().build()).emulate(image, 28, 28, new SplittableRandom(2));
        assertTrue(s.size() > 50, "events from the block: " + s.size());
        for (int i = 0; i < s.size(); i++) {
            assertTrue(s.x(i) <= 12 && s.y(i) <= 13, "event " + i + " at (" + s.x(i) + ", " + s.y(i) + ")");
        }
    }

    @Test
    void noiseAloneGivesAboutTheConfiguredRate() {
        DvsEmulatorConfig config = quiet().noMotion().noiseRateHz(2).build();
        EventStream s = emulate(config, 11);
        // expected 2 Hz * 1156 pixels * 0.31 s = 716.7 events; Poisson sd 26.8, so +-5 sd is +-134
        assertEquals(716.7, s.size(), 134);
    }

    @Test
    void brightnessStepUpGivesOnlyOnEventsAndTheExpectedCount() {
        DvsEmulatorConfig config = quiet().refractoryUs(0).threshold(0.34).build();
        DvsEmulator emulator = new DvsEmulator(config);
        double low = Math.log(0.2);
        double high = Math.log(0.8);
        EventStream s = emulator.simulate(uniform(k -> k < 100 ? low : high), new SplittableRandom(3));
        int[] perPixel = new int[34 * 34];
        for (int i = 0; i < s.size(); i++) {
            assertEquals(1, s.polarity(i), "event " + i + " after a step up must be ON");
            perPixel[s.y(i) * 34 + s.x(i)]++;
        }
        // ln(0.8 / 0.2) / 0.34 = 4.08 thresholds; the initial reference phase is within +-0.45 thresholds,
        // so each pixel crosses floor(4.08 +- 0.45) = 3 or 4 levels
        for (int p = 0; p < perPixel.length; p++) {
            assertTrue(perPixel[p] == 3 || perPixel[p] == 4, "pixel " + p + " gave " + perPixel[p] + " events");
        }
    }

    @Test
    void brightnessStepDownGivesOnlyOffEvents() {
        DvsEmulator emulator = new DvsEmulator(quiet().build());
        double low = Math.log(0.2);
        double high = Math.log(0.8);
        EventStream s = emulator.simulate(uniform(k -> k < 100 ? high : low), new SplittableRandom(3));
        assertTrue(s.size() >= 34 * 34, "expected events from every pixel, got " + s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, s.polarity(i), "event " + i + " after a step down must be OFF");
        }
    }

    @Test
    void linearLogRampGivesEventsOneThresholdApartInTimeBetweenSteps() {
        // no low-pass, no jitter: L(t) = 0.1 per ms, theta = 0.3, so each pixel fires every 3000 us exactly
        DvsEmulatorConfig config = quiet().photoreceptorTauUs(0).refractoryUs(0).threshold(0.3).stepUs(170).build();
        DvsEmulator emulator = new DvsEmulator(config);
        EventStream s = emulator.simulate(uniform(k -> 0.1 * k * 170 / 1000.0), new SplittableRandom(8));
        long[] last = new long[34 * 34];
        Arrays.fill(last, -1);
        boolean offGrid = false;
        for (int i = 0; i < s.size(); i++) {
            int p = s.y(i) * 34 + s.x(i);
            if (last[p] >= 0) {
                assertEquals(3000, (double) (s.timestampUs(i) - last[p]), 1.0, "interval at pixel " + p);
            }
            last[p] = s.timestampUs(i);
            offGrid |= s.timestampUs(i) % 170 != 0;
        }
        assertTrue(offGrid, "event times must be interpolated between steps");
        // 0.1 / ms over 310 ms is 31 log units, 103 thresholds per pixel
        assertEquals(103.3 * 34 * 34, s.size(), 34 * 34);
    }

    @Test
    void refractoryPeriodDropsCrossingsThatFollowTooSoon() {
        // a ramp of 1 threshold per 500 us with a 1200 us refractory period: at most one event per 1200 us
        DvsEmulatorConfig config = quiet().photoreceptorTauUs(0).refractoryUs(1200).threshold(0.3).build();
        EventStream s = new DvsEmulator(config).simulate(uniform(k -> 0.6 * k * 200 / 1000.0),
                new SplittableRandom(8));
        long[] last = new long[34 * 34];
        Arrays.fill(last, Long.MIN_VALUE / 2);
        for (int i = 0; i < s.size(); i++) {
            int p = s.y(i) * 34 + s.x(i);
            assertTrue(s.timestampUs(i) - last[p] >= 1199, "events of pixel " + p + " closer than refractory");
            last[p] = s.timestampUs(i);
        }
        // one in every three crossings (at 0, 1500, 3000 us ...) survives: 310 ms / 1.5 ms = 207 per pixel
        assertEquals(206.7 * 34 * 34, s.size(), 2 * 34 * 34);
    }

    @Test
    void higherContrastThresholdGivesFewerEvents() {
        int low = emulate(quiet().threshold(0.2).build(), 4).size();
        int mid = emulate(quiet().threshold(0.34).build(), 4).size();
        int high = emulate(quiet().threshold(0.6).build(), 4).size();
        assertTrue(low > mid && mid > high, "events at thresholds 0.2 / 0.34 / 0.6: " + low + " / " + mid + " / "
                + high);
    }

    @Test
    void eventsFollowTheImageMovingRightInTheSecondHalfOfTheTriangle() {
        // saccade 3 runs from vertex 2 (x +2.5) back to vertex 0 (x -2.5): the event centroid moves left
        DvsEmulatorConfig config = quiet().build();
        EventStream s = emulate(config, 6);
        double early = 0;
        int earlyCount = 0;
        double late = 0;
        int lateCount = 0;
        for (int i = 0; i < s.size(); i++) {
            long t = s.timestampUs(i);
            if (t >= 208_000 && t < 238_000) {
                early += s.x(i);
                earlyCount++;
            } else if (t >= 268_000 && t < 298_000) {
                late += s.x(i);
                lateCount++;
            }
        }
        assertTrue(early / earlyCount - late / lateCount > 2,
                "centroid x early " + early / earlyCount + " late " + late / lateCount);
    }

    @Test
    void acceptsUnsignedBytesLikeFloats() {
        byte[] bytes = new byte[DIGIT.length];
        float[] rounded = new float[DIGIT.length];
        for (int i = 0; i < DIGIT.length; i++) {
            int v = Math.round(DIGIT[i]);
            bytes[i] = (byte) v;
            rounded[i] = v;
        }
        DvsEmulator e = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        EventStream a = e.emulate(bytes, 28, 28, new SplittableRandom(9));
        EventStream b = e.emulate(rounded, 28, 28, new SplittableRandom(9));
        assertArrayEquals(a.copyTimestampsUs(), b.copyTimestampsUs());
    }

    @Test
    void rejectsImageOfWrongSizeOrRange() {
        DvsEmulator e = new DvsEmulator(DvsEmulatorConfig.nmnistLike());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> e.emulate(new float[10], 28, 28, new SplittableRandom(1)));
        assertTrue(size.getMessage().contains("28 x 28 needs 784 pixels, array has 10"), size.getMessage());
        float[] bad = new float[4];
        bad[3] = 256;
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> e.emulate(bad, 2, 2, new SplittableRandom(1)));
        assertTrue(range.getMessage().contains("pixel 3 (x 1, y 1) must be in 0..255, was 256.0"),
                range.getMessage());
    }

    @Test
    void configListsEveryProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DvsEmulatorConfig.builder().threshold(-1).noiseRateHz(-2).sensorSize(300, 34).build());
        String m = e.getMessage();
        assertTrue(m.contains("thresholdOn must be in (0, 10], was -1.0"), m);
        assertTrue(m.contains("thresholdOff"), m);
        assertTrue(m.contains("noiseRateHz must be in 0..10000, was -2.0"), m);
        assertTrue(m.contains("sensorWidth must be in 1..255, was 300"), m);
    }

    @Test
    void configRejectsSaccadesThatOutlastTheRecording() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DvsEmulatorConfig.builder().saccadeTiming(0, 104_000, 90_000).recordingUs(200_000).build());
        assertTrue(e.getMessage().contains("third saccade must end by recordingUs = 200000, ends at"),
                e.getMessage());
    }

    @Test
    void tabulatedPathInterpolatesLinearlyBetweenWaypointsAndHoldsTheLast() {
        DvsEmulatorConfig config = quiet().stepUs(100).pathTable(1_000, new double[] {0, 2, 2},
                new double[] {0, 0, -1}).build();
        DvsEmulator e = new DvsEmulator(config);
        // step k ends at 100 k us
        assertEquals(0.0, e.pathX(0), 1e-6);
        assertEquals(1.0, e.pathX(5), 1e-6);
        assertEquals(0.6, e.pathX(3), 1e-6);
        assertEquals(2.0, e.pathX(15), 1e-6);
        assertEquals(-0.5, e.pathY(15), 1e-6);
        assertEquals(2.0, e.pathX(50), 1e-6);
        assertEquals(-1.0, e.pathY(50), 1e-6);
        assertEquals(-1.0, e.pathY(e.stepCount()), 1e-6);
    }

    @Test
    void triangleAndNoMotionReplaceTheDefaultTabulatedPath() {
        DvsEmulatorConfig d = DvsEmulatorConfig.nmnistLike();
        assertTrue(d.hasPathTable());
        assertEquals(63, d.pathXsPx().length);
        assertFalse(DvsEmulatorConfig.builder().noMotion().build().hasPathTable());
        DvsEmulator still = new DvsEmulator(DvsEmulatorConfig.builder().noMotion().build());
        assertEquals(0.0, still.pathX(700), 0.0);
        DvsEmulator triangle = new DvsEmulator(DvsEmulatorConfig.builder().triangle(-2.5, -1.5, 0, 3.5, 2.5, -1.5)
                .saccadeTiming(0, 104_000, 90_000).build());
        // halfway through the first raised-cosine move (45 ms = step 225): half way from vertex 0 to vertex 1
        assertEquals(-1.25, triangle.pathX(225), 1e-5);
        assertEquals(1.0, triangle.pathY(225), 1e-5);
    }

    @Test
    void configComparesTablesByValueAndCopiesThem() {
        double[] xs = {0, 1};
        DvsEmulatorConfig a = DvsEmulatorConfig.builder().pathTable(5_000, xs, new double[] {0, 1}).build();
        DvsEmulatorConfig b = DvsEmulatorConfig.builder().pathTable(5_000, new double[] {0, 1}, new double[] {0, 1})
                .build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        xs[1] = 7;
        assertEquals(a, b);
        a.pathXsPx()[1] = 9;
        assertEquals(1.0, a.pathXsPx()[1]);
        assertFalse(a.equals(DvsEmulatorConfig.builder().pathTable(5_000, new double[] {0, 2}, new double[] {0, 1})
                .build()));
        assertEquals(a, a.toBuilder().build());
    }

    @Test
    void configRejectsBadTables() {
        String m = assertThrows(IllegalArgumentException.class, () -> DvsEmulatorConfig.builder()
                .pathTable(5_000, new double[] {1}, new double[] {1}).build()).getMessage();
        assertTrue(m.contains("a tabulated path needs at least 2 waypoints, has 1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> DvsEmulatorConfig.builder()
                .pathTable(5_000, new double[] {1, 2}, new double[] {1}).build()).getMessage();
        assertTrue(m.contains("pathXsPx and pathYsPx must be non-null and of equal length"), m);
        m = assertThrows(IllegalArgumentException.class, () -> DvsEmulatorConfig.builder()
                .pathTable(0, new double[] {1, Double.NaN}, new double[] {1, 2}).build()).getMessage();
        assertTrue(m.contains("pathStepUs must be >= 1, was 0"), m);
        assertTrue(m.contains("path waypoint 1 must be finite and within +-1000, was (NaN, 2.0)"), m);
    }
}
