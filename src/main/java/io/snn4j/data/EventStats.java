package io.snn4j.data;

/**
 * Summary figures of a recording: counts, first and last event, polarity balance, address range, time order and
 * triggers. {@link #of(EventStream)} computes them for a stream in memory; an {@link Accumulator} computes them batch
 * by batch while a recording streams past.
 *
 * <p>Immutable and thread-safe. For an empty recording the time and address fields are 0, {@code first} and
 * {@code last} are null and the ranges are empty ({@code minX > maxX}).
 *
 * @param count          events
 * @param onCount        events with polarity 1
 * @param offCount       events with polarity 0
 * @param first          the first event in file order, or null
 * @param last           the last event in file order, or null
 * @param minX           smallest x
 * @param maxX           largest x
 * @param minY           smallest y
 * @param maxY           largest y
 * @param backwardSteps  times a timestamp is smaller than its predecessor's (0 for time-ordered streams)
 * @param triggerCount   external trigger events (kept apart from the events)
 */
public record EventStats(long count, long onCount, long offCount, Event first, Event last, int minX, int maxX,
                         int minY, int maxY, long backwardSteps, long triggerCount) {

    /** One event, for reporting. */
    public record Event(long timestampUs, int x, int y, int polarity) {
        @Override
        public String toString() {
            return "t = " + timestampUs + " us, x = " + x + ", y = " + y + ", p = " + polarity;
        }
    }

    /** Computes the figures of {@code events}. */
    public static EventStats of(EventStream events) {
        Accumulator a = new Accumulator();
        for (int i = 0; i < events.size(); i++) {
            a.add(events.timestampUs(i), events.x(i), events.y(i), events.polarity(i));
        }
        return a.result();
    }

    /** Timestamp of the first event, microseconds; 0 for an empty recording. */
    public long firstUs() {
        return first == null ? 0 : first.timestampUs();
    }

    /** Timestamp of the last event, microseconds; 0 for an empty recording. */
    public long lastUs() {
        return last == null ? 0 : last.timestampUs();
    }

    /** {@code lastUs - firstUs}; 0 for an empty stream. */
    public long durationUs() {
        return lastUs() - firstUs();
    }

    /** Fraction of ON events, 0..1; NaN for an empty stream. */
    public double onFraction() {
        return count == 0 ? Double.NaN : (double) onCount / count;
    }

    /** Collects the figures batch by batch in constant memory. Not thread-safe. */
    public static final class Accumulator {
        private long count;
        private long on;
        private long backward;
        private long triggers;
        private int minX = Integer.MAX_VALUE;
        private int maxX = Integer.MIN_VALUE;
        private int minY = Integer.MAX_VALUE;
        private int maxY = Integer.MIN_VALUE;
        private long prev = Long.MIN_VALUE;
        private Event first;
        private long lastT;
        private int lastX;
        private int lastY;
        private int lastP;

        /** Adds the events and triggers of {@code batch}. */
        public void add(EventBatch batch) {
            final int n = batch.size();
            final long[] t = batch.timestampsUs();
            final short[] xs = batch.xs();
            final short[] ys = batch.ys();
            final byte[] ps = batch.polarities();
            for (int i = 0; i < n; i++) {
                add(t[i], xs[i], ys[i], ps[i]);
            }
            triggers += batch.triggerCount();
        }

        void add(long t, int x, int y, int p) {
            if (count == 0) {
                first = new Event(t, x, y, p);
            } else if (t < prev) {
                backward++;
            }
            count++;
            on += p;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            prev = t;
            lastT = t;
            lastX = x;
            lastY = y;
            lastP = p;
        }

        public EventStats result() {
            if (count == 0) {
                return new EventStats(0, 0, 0, null, null, 0, -1, 0, -1, 0, triggers);
            }
            return new EventStats(count, on, count - on, first, new Event(lastT, lastX, lastY, lastP), minX, maxX,
                    minY, maxY, backward, triggers);
        }
    }
}
