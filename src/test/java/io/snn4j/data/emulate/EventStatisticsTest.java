package io.snn4j.data.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;

import org.junit.jupiter.api.Test;

class EventStatisticsTest {

    @Test
    void computesEveryStatisticOfAHandBuiltStream() {
        // pixel (0,0) at 0, 10, 30 us; pixel (1,0) at 5, 105 us; pixel (2,2) at 50 us
        long[] t = {0, 5, 10, 30, 50, 105};
        short[] x = {0, 1, 0, 0, 2, 1};
        short[] y = {0, 0, 0, 0, 2, 0};
        byte[] p = {1, 0, 1, 1, 0, 0};
        EventStatistics.Sample s = EventStatistics.of(EventStream.of(3, 3, t, x, y, p));
        assertEquals(6, s.eventCount());
        assertEquals(3, s.onCount());
        assertEquals(1.0, s.onOffRatio(), 1e-12);
        assertEquals(0.5, s.onFraction(), 1e-12);
        assertEquals(105, s.durationUs());
        assertEquals(3, s.activePixels());
        // per-pixel intervals 10, 20, 100: mean 43.33, lower median 20, p90 nearest rank ceil(2.7) = 3rd = 100
        assertEquals(130.0 / 3, s.ieiMeanUs(), 1e-9);
        assertEquals(20, s.ieiMedianUs(), 1e-12);
        assertEquals(100, s.ieiP90Us(), 1e-12);
    }

    @Test
    void intervalsAreNaNWithoutRepeatedPixels() {
        EventStatistics.Sample s = EventStatistics.of(EventStream.of(2, 1, new long[] {1, 2},
                new short[] {0, 1}, new short[] {0, 0}, new byte[] {1, 0}));
        assertTrue(Double.isNaN(s.ieiMeanUs()));
        assertEquals(2, s.activePixels());
    }

    @Test
    void summaryAveragesSamplesAndComparesRelatively() {
        EventStatistics.Summary a = new EventStatistics.Accumulator()
                .add(new EventStatistics.Sample(100, 50, 1000, 10, 10, 5, 20))
                .add(new EventStatistics.Sample(300, 100, 3000, 30, 30, 15, 40))
                .summary();
        assertEquals(2, a.sampleCount());
        assertEquals(200, a.eventCount(), 1e-12);
        assertEquals((1.0 + 0.5) / 2, a.onOffRatio(), 1e-12);
        assertEquals(2000, a.durationUs(), 1e-12);
        assertEquals(20, a.activePixels(), 1e-12);
        assertEquals(30, a.ieiP90Us(), 1e-12);
        EventStatistics.Summary b = new EventStatistics.Summary(1, 250, 0.75, 2000, 20, 20, 10, 30);
        double[] d = b.relativeDifference(a);
        assertEquals(0.25, d[0], 1e-12);
        assertEquals(0.0, d[1], 1e-12);
        assertEquals(EventStatistics.Summary.names().size(), d.length);
    }

    @Test
    void emptyAccumulatorRefusesToSummarise() {
        assertThrows(IllegalStateException.class, () -> new EventStatistics.Accumulator().summary());
    }
}
