package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Per-recording statistics of event data, used to compare emulated with real recordings, and their mean over a set
 * of recordings.
 *
 * <p>Inter-event intervals are per pixel: the time from one event of a pixel to the next event of the same pixel (any
 * polarity), pooled over all pixels of a recording. Stateless and thread-safe; {@link Accumulator} is not.
 */
public final class EventStatistics {
    private EventStatistics() {
    }

    /**
     * Statistics of one recording.
     *
     * @param eventCount   number of events
     * @param onCount      number of ON events
     * @param durationUs   last minus first timestamp, microseconds (0 when fewer than two events)
     * @param activePixels pixels with at least one event
     * @param ieiMeanUs    mean per-pixel inter-event interval, microseconds (NaN when no pixel has two events)
     * @param ieiMedianUs  median of the same intervals (lower median)
     * @param ieiP90Us     90th percentile of the same intervals (nearest rank)
     */
    public record Sample(int eventCount, int onCount, long durationUs, int activePixels, double ieiMeanUs,
                         double ieiMedianUs, double ieiP90Us) {
        /** ON events per OFF event (infinite when there are no OFF events). */
        public double onOffRatio() {
            return (double) onCount / (eventCount - onCount);
        }

        /** Fraction of events that are ON (NaN without events). */
        public double onFraction() {
            return (double) onCount / eventCount;
        }
    }

    /**
     * Mean of each statistic over a set of recordings (intervals: mean of the per-recording values).
     *
     * @param sampleCount recordings summarised
     */
    public record Summary(int sampleCount, double eventCount, double onOffRatio, double durationUs,
                          double activePixels, double ieiMeanUs, double ieiMedianUs, double ieiP90Us) {
        private static final List<String> NAMES = List.of("events/sample", "ON/OFF ratio", "duration (ms)",
                "active pixels", "per-pixel IEI mean (ms)", "per-pixel IEI median (ms)", "per-pixel IEI p90 (ms)");

        /** Names of the statistics with their display units, in the order of {@link #values()}. */
        public static List<String> names() {
            return NAMES;
        }

        /** The statistics in display units (durations in milliseconds), in the order of {@link #names()}. */
        public double[] values() {
            return new double[] {eventCount, onOffRatio, durationUs / 1000, activePixels, ieiMeanUs / 1000,
                ieiMedianUs / 1000, ieiP90Us / 1000};
        }

        /**
         * Relative difference of each statistic from a reference: (this - reference) / reference, in the order of
         * {@link #names()}.
         */
        public double[] relativeDifference(Summary reference) {
            double[] a = values();
            double[] b = reference.values();
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = (a[i] - b[i]) / b[i];
            }
            return d;
        }
    }

    /** Computes the statistics of one time-ordered recording. */
    public static Sample of(EventStream events) {
        int n = events.size();
        int width = events.width();
        int pixels = width * events.height();
        long[] last = new long[pixels];
        Arrays.fill(last, Long.MIN_VALUE);
        double[] intervals = new double[n];
        int intervalCount = 0;
        int active = 0;
        int on = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int p = events.y(i) * width + events.x(i);
            long t = events.timestampUs(i);
            on += events.polarity(i);
            if (last[p] == Long.MIN_VALUE) {
                active++;
            } else {
                long d = t - last[p];
                intervals[intervalCount++] = d;
                sum += d;
            }
            last[p] = t;
        }
        long duration = n < 2 ? 0 : events.timestampUs(n - 1) - events.timestampUs(0);
        double mean = Double.NaN;
        double median = Double.NaN;
        double p90 = Double.NaN;
        if (intervalCount > 0) {
            // R-1, the inverse of the empirical distribution: the nearest-rank percentile (median = lower median)
            Percentile nearestRank = new Percentile().withEstimationType(Percentile.EstimationType.R_1);
            mean = sum / intervalCount;
            median = nearestRank.evaluate(intervals, 0, intervalCount, 50);
            p90 = nearestRank.evaluate(intervals, 0, intervalCount, 90);
        }
        return new Sample(n, on, duration, active, mean, median, p90);
    }

    /** Sums per-recording statistics into a {@link Summary}. Not thread-safe. */
    public static final class Accumulator {
        private int count;
        private double events;
        private double ratio;
        private double duration;
        private double active;
        private double ieiMean;
        private double ieiMedian;
        private double ieiP90;
        private int ieiCount;

        public Accumulator add(Sample s) {
            count++;
            events += s.eventCount();
            ratio += s.onOffRatio();
            duration += s.durationUs();
            active += s.activePixels();
            if (!Double.isNaN(s.ieiMeanUs())) {
                ieiCount++;
                ieiMean += s.ieiMeanUs();
                ieiMedian += s.ieiMedianUs();
                ieiP90 += s.ieiP90Us();
            }
            return this;
        }

        public Accumulator add(EventStream events) {
            return add(of(events));
        }

        /** @throws IllegalStateException when nothing was added */
        public Summary summary() {
            if (count == 0) {
                throw new IllegalStateException("no recordings added");
            }
            return new Summary(count, events / count, ratio / count, duration / count, active / count,
                    ieiMean / ieiCount, ieiMedian / ieiCount, ieiP90 / ieiCount);
        }
    }
}
