package io.snn4j.data.encode;

/**
 * Maps a sensor address (x, y, polarity) to an input channel, column-major as the HM2-BP N-MNIST converter did.
 *
 * <p>With separate polarities (the reference layout) the 0-based channel is
 * <pre>
 *   channel = x * height + y                      for ON  (polarity 1)
 *   channel = x * height + y + width * height     for OFF (polarity 0)
 * </pre>
 * which for the 34 x 34 N-MNIST sensor is {@code x*34 + y} (ON) and {@code x*34 + y + 1156} (OFF), 2312 channels. This
 * is the MATLAB converter's 1-based {@code (x-1)*34 + y (+1156 for OFF)} with 1-based x and y, minus one. With merged
 * polarities the channel is {@code x * height + y} and there are {@code width * height} channels.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChannelLayout {
    private final int width;
    private final int height;
    private final boolean separatePolarities;

    private ChannelLayout(int width, int height, boolean separatePolarities) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("channel layout: width and height must be >= 1, were " + width
                    + " x " + height);
        }
        if ((long) width * height * (separatePolarities ? 2 : 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("channel layout: width * height * polarities must fit an int, was "
                    + width + " x " + height + (separatePolarities ? " x 2" : ""));
        }
        this.width = width;
        this.height = height;
        this.separatePolarities = separatePolarities;
    }

    /** The reference N-MNIST layout: 34 x 34, ON then OFF, 2312 channels. */
    public static ChannelLayout nmnist() {
        return new ChannelLayout(34, 34, true);
    }

    /** Generic {@code width x height x 2} layout, ON block first then OFF block, as {@link #nmnist()}. */
    public static ChannelLayout of(int width, int height) {
        return new ChannelLayout(width, height, true);
    }

    /** Polarity ignored: {@code width * height} channels. */
    public static ChannelLayout mergedPolarities(int width, int height) {
        return new ChannelLayout(width, height, false);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean separatePolarities() {
        return separatePolarities;
    }

    public int channelCount() {
        return width * height * (separatePolarities ? 2 : 1);
    }

    /**
     * Channel of one address; x in [0, width), y in [0, height), polarity 0 or 1 (not checked here: the
     * {@link io.snn4j.data.EventStream} that the binning reads is validated, and the binning checks its sensor size
     * once).
     */
    public int channel(int x, int y, int polarity) {
        int c = x * height + y;
        return separatePolarities && polarity == 0 ? c + width * height : c;
    }

    @Override
    public String toString() {
        return "ChannelLayout[" + width + " x " + height + (separatePolarities ? " x 2" : ", merged polarities") + "]";
    }
}
