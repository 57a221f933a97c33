package io.snn4j.data.transform;

import io.snn4j.data.EventStream;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Factories of the standard event transforms. Semantics follow tonic's transforms of the same names where one exists;
 * differences are stated per method. Every factory validates its parameters at once (messages name the parameter, the
 * rule and the value). All returned transforms are immutable and thread-safe; events are handled as primitive arrays.
 */
public final class Transforms {
    private Transforms() {
    }

    /** Applies {@code steps} in order, passing one generator through all of them; no steps is the identity. */
    public static Transform compose(Transform... steps) {
        Transform[] copy = steps.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new IllegalArgumentException("compose: step " + i + " must not be null");
            }
        }
        return new Composed(copy);
    }

    /** The identity. */
    public static Transform identity() {
        return compose();
    }

    /**
     * Keeps events with {@code minUs <= t <= maxUs} (both ends inclusive, as tonic's CropTime). Timestamps are not
     * shifted.
     */
    public static Transform cropTime(long minUs, long maxUs) {
        if (minUs > maxUs) {
            throw new IllegalArgumentException("cropTime: minUs must be <= maxUs, were " + minUs + " and " + maxUs);
        }
        return new CropTime(minUs, maxUs);
    }

    /**
     * Keeps the window {@code x0 <= x < x0 + width, y0 <= y < y0 + height} and moves it to the origin; the output
     * sensor is {@code width x height}. The window must lie inside the input sensor (checked when applied).
     */
    public static Transform crop(int x0, int y0, int width, int height) {
        if (x0 < 0 || y0 < 0) {
            throw new IllegalArgumentException("crop: x0 and y0 must be >= 0, were " + x0 + " and " + y0);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("crop: width and height must be >= 1, were " + width + " and "
                    + height);
        }
        return new Crop(x0, y0, width, height);
    }

    /**
     * Removes isolated noise: an event is kept when some event at one of the 8 pixels around it (its 3 x 3
     * neighbourhood without the pixel itself, any polarity) came earlier in the stream with
     * {@code t - tNeighbour < filterUs}. Every event, kept or not, counts as a neighbour for later ones.
     *
     * <p>Differs from tonic's Denoise, which looks at the 4 edge neighbours only and treats every pixel as having
     * fired at time 0 (so it keeps all events before {@code filterUs}); here diagonal neighbours count too (a
     * one-pixel-wide diagonal edge is kept) and pixels that have not fired never support an event. Input must be in
     * time order.
     */
    public static Transform denoise(long filterUs) {
        if (filterUs < 1) {
            throw new IllegalArgumentException("denoise: filterUs must be >= 1, was " + filterUs);
        }
        return new Denoise(filterUs);
    }

    /**
     * Per-pixel dead time: an event is dropped when the last kept event at the same pixel (either polarity) is less
     * than {@code periodUs} before it ({@code t - tLastKept < periodUs}). Input must be in time order.
     */
    public static Transform refractory(long periodUs) {
        if (periodUs < 0) {
            throw new IllegalArgumentException("refractory: periodUs must be >= 0, was " + periodUs);
        }
        return new Refractory(periodUs);
    }

    /**
     * Spatial downsampling by an integer factor: {@code x' = x / factor, y' = y / factor} (integer division), sensor
     * {@code ceil(width / factor) x ceil(height / factor)}. Events are kept (binning merges coinciding ones).
     */
    public static Transform downsample(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("downsample: factor must be >= 1, was " + factor);
        }
        return new Downsample(factor);
    }

    /** Sets every polarity to 0, as tonic's MergePolarities. */
    public static Transform mergePolarities() {
        return MergePolarities.INSTANCE;
    }

    /**
     * Adds Gaussian noise {@code N(0, stdUs^2)} to each timestamp, rounded to the microsecond; events that would get a
     * negative time are dropped, and the result is stably re-sorted by time. Draws one Gaussian per event.
     */
    public static Transform timeJitter(double stdUs) {
        if (!(stdUs >= 0) || Double.isInfinite(stdUs)) {
            throw new IllegalArgumentException("timeJitter: stdUs must be finite and >= 0, was " + stdUs);
        }
        return new TimeJitter(stdUs);
    }

    /**
     * Translates the whole stream by one random integer offset {@code dx} uniform in {@code [-maxDx, maxDx]} and
     * {@code dy} in {@code [-maxDy, maxDy]} (two draws); events moved outside the sensor are dropped.
     */
    public static Transform randomShift(int maxDx, int maxDy) {
        if (maxDx < 0 || maxDy < 0) {
            throw new IllegalArgumentException("randomShift: maxDx and maxDy must be >= 0, were " + maxDx + " and "
                    + maxDy);
        }
        return new Shift(maxDx, maxDy);
    }

    /** With probability {@code probability} (one draw) mirrors left-right: {@code x' = width - 1 - x}. */
    public static Transform randomFlipLeftRight(double probability) {
        return new Flip(checkProbability("randomFlipLeftRight", probability), true);
    }

    /** With probability {@code probability} (one draw) mirrors up-down: {@code y' = height - 1 - y}. */
    public static Transform randomFlipUpDown(double probability) {
        return new Flip(checkProbability("randomFlipUpDown", probability), false);
    }

    /** Drops each event independently with probability {@code probability} (one draw per event). */
    public static Transform dropEvents(double probability) {
        return new DropEvents(checkProbability("dropEvents", probability));
    }

    private static double checkProbability(String name, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(name + ": probability must be in [0, 1], was " + probability);
        }
        return probability;
    }

    private static final class Composed implements Transform {
        private final Transform[] steps;

        Composed(Transform[] steps) {
            this.steps = steps;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventStream s = events;
            for (Transform step : steps) {
                s = step.apply(s, rng);
            }
            return s;
        }

        @Override
        public String toString() {
            return "compose" + Arrays.toString(steps);
        }
    }

    private static final class CropTime implements Transform {
        private final long minUs;
        private final long maxUs;

        CropTime(long minUs, long maxUs) {
            this.minUs = minUs;
            this.maxUs = maxUs;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer b = new EventBuffer(events);
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                long t = b.t[i];
                if (t >= minUs && t <= maxUs) {
                    b.move(i, m++);
                }
            }
            b.size = m;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "cropTime(" + minUs + ", " + maxUs + ")";
        }
    }

    private static final class Crop implements Transform {
        private final int x0;
        private final int y0;
        private final int width;
        private final int height;

        Crop(int x0, int y0, int width, int height) {
            this.x0 = x0;
            this.y0 = y0;
            this.width = width;
            this.height = height;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            if (x0 + width > events.width() || y0 + height > events.height()) {
                throw new IllegalArgumentException("crop: window " + width + " x " + height + " at (" + x0 + ", "
                        + y0 + ") must lie inside the sensor, was " + events.width() + " x " + events.height());
            }
            EventBuffer b = new EventBuffer(events);
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                int x = b.x[i] - x0;
                int y = b.y[i] - y0;
                if (x >= 0 && x < width && y >= 0 && y < height) {
                    b.move(i, m);
                    b.x[m] = (short) x;
                    b.y[m] = (short) y;
                    m++;
                }
            }
            b.size = m;
            b.width = width;
            b.height = height;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "crop(" + x0 + ", " + y0 + ", " + width + ", " + height + ")";
        }
    }

    private static final class Denoise implements Transform {
        private final long filterUs;

        Denoise(long filterUs) {
            this.filterUs = filterUs;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer.requireTimeOrdered(events, "denoise");
            EventBuffer b = new EventBuffer(events);
            final int w = b.width;
            final int h = b.height;
            // last time each pixel fired, with a one-pixel border so the neighbourhood needs no bounds checks
            final int stride = w + 2;
            final long[] last = new long[stride * (h + 2)];
            Arrays.fill(last, Long.MIN_VALUE);
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                final long t = b.t[i];
                final int c = (b.y[i] + 1) * stride + b.x[i] + 1;
                final long since = t - filterUs; // a neighbour supports the event when tNeighbour > t - filterUs
                boolean supported = last[c - stride - 1] > since || last[c - stride] > since
                        || last[c - stride + 1] > since || last[c - 1] > since || last[c + 1] > since
                        || last[c + stride - 1] > since || last[c + stride] > since || last[c + stride + 1] > since;
                last[c] = t;
                if (supported) {
                    b.move(i, m++);
                }
            }
            b.size = m;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "denoise(" + filterUs + ")";
        }
    }

    private static final class Refractory implements Transform {
        private final long periodUs;

        Refractory(long periodUs) {
            this.periodUs = periodUs;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer.requireTimeOrdered(events, "refractory");
            EventBuffer b = new EventBuffer(events);
            final long[] lastKept = new long[b.width * b.height];
            final boolean[] fired = new boolean[lastKept.length];
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                int c = b.y[i] * b.width + b.x[i];
                long t = b.t[i];
                if (!fired[c] || t - lastKept[c] >= periodUs) {
                    fired[c] = true;
                    lastKept[c] = t;
                    b.move(i, m++);
                }
            }
            b.size = m;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "refractory(" + periodUs + ")";
        }
    }

    private static final class Downsample implements Transform {
        private final int factor;

        Downsample(int factor) {
            this.factor = factor;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer b = new EventBuffer(events);
            for (int i = 0; i < b.size; i++) {
                b.x[i] = (short) (b.x[i] / factor);
                b.y[i] = (short) (b.y[i] / factor);
            }
            b.width = (b.width + factor - 1) / factor;
            b.height = (b.height + factor - 1) / factor;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "downsample(" + factor + ")";
        }
    }

    private static final class MergePolarities implements Transform {
        static final MergePolarities INSTANCE = new MergePolarities();

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer b = new EventBuffer(events);
            Arrays.fill(b.p, 0, b.size, (byte) 0);
            return b.toStream();
        }

        @Override
        public String toString() {
            return "mergePolarities";
        }
    }

    private static final class TimeJitter implements Transform {
        private final double stdUs;

        TimeJitter(double stdUs) {
            this.stdUs = stdUs;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer b = new EventBuffer(events);
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                long t = b.t[i] + Math.round(rng.nextGaussian() * stdUs);
                if (t >= 0) {
                    b.move(i, m);
                    b.t[m] = t;
                    m++;
                }
            }
            b.size = m;
            b.sortByTime();
            return b.toStream();
        }

        @Override
        public String toString() {
            return "timeJitter(" + stdUs + ")";
        }
    }

    private static final class Shift implements Transform {
        private final int maxDx;
        private final int maxDy;

        Shift(int maxDx, int maxDy) {
            this.maxDx = maxDx;
            this.maxDy = maxDy;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            int dx = rng.nextInt(2 * maxDx + 1) - maxDx;
            int dy = rng.nextInt(2 * maxDy + 1) - maxDy;
            return translate(events, dx, dy);
        }

        @Override
        public String toString() {
            return "randomShift(" + maxDx + ", " + maxDy + ")";
        }
    }

    /** Moves every event by (dx, dy), dropping those that leave the sensor. */
    static EventStream translate(EventStream events, int dx, int dy) {
        if (dx == 0 && dy == 0) {
            return events;
        }
        EventBuffer b = new EventBuffer(events);
        int m = 0;
        for (int i = 0; i < b.size; i++) {
            int x = b.x[i] + dx;
            int y = b.y[i] + dy;
            if (x >= 0 && x < b.width && y >= 0 && y < b.height) {
                b.move(i, m);
                b.x[m] = (short) x;
                b.y[m] = (short) y;
                m++;
            }
        }
        b.size = m;
        return b.toStream();
    }

    private static final class Flip implements Transform {
        private final double probability;
        private final boolean leftRight;

        Flip(double probability, boolean leftRight) {
            this.probability = probability;
            this.leftRight = leftRight;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            if (!(rng.nextDouble() < probability)) {
                return events;
            }
            EventBuffer b = new EventBuffer(events);
            if (leftRight) {
                for (int i = 0; i < b.size; i++) {
                    b.x[i] = (short) (b.width - 1 - b.x[i]);
                }
            } else {
                for (int i = 0; i < b.size; i++) {
                    b.y[i] = (short) (b.height - 1 - b.y[i]);
                }
            }
            return b.toStream();
        }

        @Override
        public String toString() {
            return (leftRight ? "randomFlipLeftRight(" : "randomFlipUpDown(") + probability + ")";
        }
    }

    private static final class DropEvents implements Transform {
        private final double probability;

        DropEvents(double probability) {
            this.probability = probability;
        }

        @Override
        public EventStream apply(EventStream events, SplittableRandom rng) {
            EventBuffer b = new EventBuffer(events);
            int m = 0;
            for (int i = 0; i < b.size; i++) {
                if (!(rng.nextDouble() < probability)) {
                    b.move(i, m++);
                }
            }
            b.size = m;
            return b.toStream();
        }

        @Override
        public String toString() {
            return "dropEvents(" + probability + ")";
        }
    }
}
