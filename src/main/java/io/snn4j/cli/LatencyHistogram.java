package io.snn4j.cli;

/**
 * Counts of non-negative durations in nanoseconds in log-linear buckets (32 per power of two, so a quantile is exact
 * below 64 ns and within 3.2% above): fixed memory however many samples, nothing allocated per sample.
 */
final class LatencyHistogram {
    private final long[] counts = new long[64 * 32];
    private long total;
    private long max;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        max = Math.max(max, v);
    }

    static int index(long v) {
        if (v < 64) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - 5;
        return shift * 32 + (int) (v >>> shift);
    }

    /** The smallest value of bucket {@code i}. */
    static long lowest(int i) {
        if (i < 64) {
            return i;
        }
        int shift = i / 32 - 1;
        return (long) (i - shift * 32) << shift;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The q-quantile (0..1): the lowest value of the bucket holding the sample of rank ceil(q * count). */
    long quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowest(i);
            }
        }
        return max;
    }
}
