package io.snn4j.data;

/**
 * Summary figures of an {@link EventStream}: counts, time span, polarity balance and address range. Computed in one
 * pass by {@link #of(EventStream)}.
 *
 * <p>Immutable and thread-safe. For an empty stream the time and address fields are 0 and the ranges are empty
 * ({@code minX > maxX}).
 *
 * @param count          events
 * @param onCount        events with polarity 1
 * @param offCount       events with polarity 0
 * @param firstUs        timestamp of the first event (file order), microseconds
 * @param lastUs         timestamp of the last event (file order), microseconds
 * @param minX           smallest x
 * @param maxX           largest x
 * @param minY           smallest y
 * @param maxY           largest y
 * @param backwardSteps  times a timestamp is smaller than its predecessor's (0 for time-ordered streams)
 */
public record EventStats(int count, int onCount, int offCount, long firstUs, long lastUs, int minX, int maxX,
                         int minY, int maxY, int backwardSteps) {

    /** Computes the figures of {@code events}. */
    public static EventStats of(EventStream events) {
        final int n = events.size();
        if (n == 0) {
            return new EventStats(0, 0, 0, 0, 0, 0, -1, 0, -1, 0);
        }
        int on = 0;
        int minX = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        int backward = 0;
        long prev = events.timestampUs(0);
        for (int i = 0; i < n; i++) {
            on += events.polarity(i);
            int x = events.x(i);
            int y = events.y(i);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            long t = events.timestampUs(i);
            if (t < prev) {
                backward++;
            }
            prev = t;
        }
        return new EventStats(n, on, n - on, events.timestampUs(0), events.timestampUs(n - 1), minX, maxX, minY,
                maxY, backward);
    }

    /** {@code lastUs - firstUs}; 0 for an empty stream. */
    public long durationUs() {
        return lastUs - firstUs;
    }

    /** Fraction of ON events, 0..1; NaN for an empty stream. */
    public double onFraction() {
        return count == 0 ? Double.NaN : (double) onCount / count;
    }
}
