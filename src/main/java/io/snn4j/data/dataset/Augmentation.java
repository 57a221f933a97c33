package io.snn4j.data.dataset;

import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.data.encode.Seeds;
import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training-time augmentation of binned event samples (sensor channels in a {@link ChannelLayout}): a random whole-pixel
 * translation of the sample and, optionally, random dropping of spikes. It acts on the binned spikes, after any
 * {@link SpikeCache}, so a cache stays valid and every epoch sees a new draw.
 *
 * <p>Per sample: {@code dx} and {@code dy} are drawn independently and uniformly from the integers
 * {@code -maxShiftPx .. maxShiftPx}; every spike on channel {@code (x, y, polarity)} moves to
 * {@code (x + dx, y + dy, polarity)} and is dropped when that lies outside the sensor; then each remaining spike is
 * dropped with probability {@code dropProbability}. The draws come from
 * {@code new SplittableRandom(Seeds.mix(seed ^ SALT, epoch, index))} only, so a (seed, epoch, sample index) gives the
 * same result on any thread, in any order, and a resumed run sees the draws an uninterrupted run saw.
 *
 * <p>Specification text ({@link #parse}): {@code none}, or comma-separated parts {@code shift:N} (N in 0..8 pixels)
 * and {@code drop:P} (P in [0, 0.9]), e.g. {@code shift:1} or {@code shift:2,drop:0.1}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Augmentation {
    /** Keeps the augmentation's streams apart from the other per-sample streams derived from the run's seed. */
    private static final long SALT = 0x4A55_6D65_6E74L;

    private final ChannelLayout layout;
    private final int maxShiftPx;
    private final double dropProbability;

    /**
     * @param layout          channel layout of the samples it will see
     * @param maxShiftPx      largest translation in each axis, 0..8 pixels
     * @param dropProbability probability of dropping each spike, in [0, 0.9]
     */
    public Augmentation(ChannelLayout layout, int maxShiftPx, double dropProbability) {
        if (maxShiftPx < 0 || maxShiftPx > 8) {
            throw new IllegalArgumentException("augmentation: shift must be in 0..8 pixels, was " + maxShiftPx);
        }
        if (!(dropProbability >= 0 && dropProbability <= 0.9)) {
            throw new IllegalArgumentException("augmentation: drop probability must be in [0, 0.9], was "
                    + dropProbability);
        }
        this.layout = layout;
        this.maxShiftPx = maxShiftPx;
        this.dropProbability = dropProbability;
    }

    /**
     * Parses {@code none} or {@code shift:N[,drop:P]} (parts in any order, each at most once).
     *
     * @return the augmentation, or {@code null} for {@code none} and for specs that change nothing
     * @throws IllegalArgumentException naming the spec and the problem
     */
    public static Augmentation parse(String spec, ChannelLayout layout) {
        if (spec.equals("none")) {
            return null;
        }
        int shift = -1;
        double drop = -1;
        for (String part : spec.split(",", -1)) {
            int colon = part.indexOf(':');
            String name = colon < 0 ? part : part.substring(0, colon);
            String value = colon < 0 ? "" : part.substring(colon + 1);
            try {
                if (name.equals("shift") && shift < 0) {
                    shift = Integer.parseInt(value);
                    if (shift < 0 || shift > 8) {
                        throw new IllegalArgumentException("augmentation '" + spec + "': shift must be in 0..8 "
                                + "pixels, was " + value);
                    }
                } else if (name.equals("drop") && drop < 0) {
                    drop = Double.parseDouble(value);
                    if (!(drop >= 0 && drop <= 0.9)) {
                        throw new IllegalArgumentException("augmentation '" + spec + "': drop must be in [0, 0.9],"
                                + " was " + value);
                    }
                } else {
                    throw new IllegalArgumentException("augmentation '" + spec + "': unknown or repeated part '"
                            + part + "'; use none or shift:N[,drop:P]");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("augmentation '" + spec + "': '" + value + "' in '" + part
                        + "' is not a number");
            }
        }
        shift = Math.max(shift, 0);
        drop = Math.max(drop, 0);
        return shift == 0 && drop == 0 ? null : new Augmentation(layout, shift, drop);
    }

    public int maxShiftPx() {
        return maxShiftPx;
    }

    public double dropProbability() {
        return dropProbability;
    }

    /**
     * The spikes of {@code in} translated by (dx, dy) pixels, those leaving the sensor dropped; no random draws.
     *
     * @throws IllegalArgumentException if in's channel count is not the layout's
     */
    public InputSpikes shift(InputSpikes in, int dx, int dy) {
        return transform(in, dx, dy, null);
    }

    /** Sample {@code index} of epoch {@code epoch} augmented with the draws of (seed, epoch, index). */
    public InputSpikes apply(InputSpikes in, long seed, int epoch, int index) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed ^ SALT, epoch, index));
        int dx = maxShiftPx == 0 ? 0 : random.nextInt(-maxShiftPx, maxShiftPx + 1);
        int dy = maxShiftPx == 0 ? 0 : random.nextInt(-maxShiftPx, maxShiftPx + 1);
        return transform(in, dx, dy, dropProbability > 0 ? random : null);
    }

    private InputSpikes transform(InputSpikes in, int dx, int dy, SplittableRandom dropRandom) {
        if (in.channelCount() != layout.channelCount()) {
            throw new IllegalArgumentException("augmentation: the sample has " + in.channelCount()
                    + " channels, the layout " + layout + " has " + layout.channelCount());
        }
        final int width = layout.width();
        final int height = layout.height();
        final int plane = width * height;
        final double drop = dropProbability;
        final int n = in.size();
        int[] ticks = new int[n];
        int[] channels = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int c = in.channel(i);
            int block = c / plane;
            int r = c - block * plane;
            int x = r / height + dx;
            int y = r - (r / height) * height + dy;
            if (x < 0 || x >= width || y < 0 || y >= height) {
                continue;
            }
            if (dropRandom != null && dropRandom.nextDouble() < drop) {
                continue;
            }
            ticks[m] = in.tick(i);
            channels[m] = block * plane + x * height + y;
            m++;
        }
        return InputSpikes.of(in.channelCount(), Arrays.copyOf(ticks, m),
                Arrays.copyOf(channels, m));
    }

    /**
     * A view of {@code base} whose sample i is {@link #apply}{@code (base.load(i), seed, epoch, i)}; labels, size,
     * channels and ticks are the base's.
     */
    public Dataset view(Dataset base, long seed, int epoch) {
        Augmentation self = this;
        return new Dataset() {
            @Override
            public int size() {
                return base.size();
            }

            @Override
            public int label(int index) {
                return base.label(index);
            }

            @Override
            public InputSpikes load(int index) {
                return self.apply(base.load(index), seed, epoch, index);
            }

            @Override
            public int channelCount() {
                return base.channelCount();
            }

            @Override
            public int tickCount() {
                return base.tickCount();
            }
        };
    }

    @Override
    public String toString() {
        if (maxShiftPx == 0 && dropProbability > 0) {
            return "drop:" + dropProbability;
        }
        StringBuilder sb = new StringBuilder("shift:" + maxShiftPx);
        if (dropProbability > 0) {
            sb.append(",drop:").append(dropProbability);
        }
        return sb.toString();
    }
}
