package io.snn4j.network;

/**
 * Shape of a population as channels x height x width; neuron index = (c * height + y) * width + x. A flat population
 * of n neurons is {@code 1 x 1 x n}. Immutable.
 */
public record Shape(int channels, int height, int width) {
    public Shape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "shape dimensions must be >= 1, was " + channels + " x " + height + " x " + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "shape " + channels + " x " + height + " x " + width + " has more than 2^31-1 neurons");
        }
    }

    public static Shape flat(int size) {
        return new Shape(1, 1, size);
    }

    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
