package io.snn4j.report;

import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.network.Shape;

/**
 * Where each input channel sits in a picture: {@code planes} images of {@code width x height} pixels. Taken from the
 * model's input encoding when it maps sensor events ({@code xy_on_off}: x * height + y, + width * height for OFF), else
 * from the input population's shape (channels x height x width, row-major); a flat input of 2312 channels is read as
 * the reference N-MNIST layout (34 x 34, ON then OFF), which is what the {@code nmnist:} loader feeds it; any other
 * flat input is wrapped into a near-square picture. Immutable.
 *
 * @param planes      pictures per channel set (2 for ON and OFF)
 * @param width       pixels across
 * @param height      pixels down
 * @param kind        how channels map to pixels
 * @param size        input channels
 * @param description how the layout was found, for the report's captions
 */
record InputLayout(int planes, int width, int height, Kind kind, int size, String description) {
    enum Kind { SENSOR, SHAPE, WRAPPED }

    static final int NMNIST_CHANNELS = 2312;

    /**
     * @param mapping      the model's input encoding channel mapping ("" when absent)
     * @param sensorWidth  its sensor width (0 when absent)
     * @param sensorHeight its sensor height (0 when absent)
     */
    static InputLayout of(Shape shape, String mapping, int sensorWidth, int sensorHeight) {
        int size = shape.size();
        if (sensorWidth > 0 && sensorHeight > 0) {
            if (mapping.equals("xy_on_off") && 2L * sensorWidth * sensorHeight == size) {
                return new InputLayout(2, sensorWidth, sensorHeight, Kind.SENSOR, size,
                        sensorWidth + " x " + sensorHeight + " sensor, ON and OFF (the model's input encoding)");
            }
            if (mapping.equals("xy_merged") && (long) sensorWidth * sensorHeight == size) {
                return new InputLayout(1, sensorWidth, sensorHeight, Kind.SENSOR, size,
                        sensorWidth + " x " + sensorHeight + " sensor (the model's input encoding)");
            }
        }
        if (shape.height() > 1) {
            return new InputLayout(shape.channels(), shape.width(), shape.height(), Kind.SHAPE, size,
                    shape.channels() + " x " + shape.height() + " x " + shape.width() + " (the input population's shape)");
        }
        if (size == NMNIST_CHANNELS) {
            ChannelLayout n = ChannelLayout.nmnist();
            return new InputLayout(2, n.width(), n.height(), Kind.SENSOR, size, "34 x 34, ON and OFF: the model's input is "
                    + "flat, its 2312 channels are read as the N-MNIST layout the nmnist: loader feeds it");
        }
        int w = (int) Math.ceil(Math.sqrt(size));
        int h = Math.max(1, (size + w - 1) / Math.max(1, w));
        return new InputLayout(1, w, h, Kind.WRAPPED, size, "flat input of " + size + " channels wrapped into "
                + w + " x " + h);
    }

    /** The channel shown at pixel (x, y) of plane {@code plane}, or -1 for none. */
    int channel(int plane, int x, int y) {
        return switch (kind) {
            // plane 0 = ON (polarity 1), plane 1 = OFF (polarity 0)
            case SENSOR -> planes == 2 ? ChannelLayout.of(width, height).channel(x, y, plane == 0 ? 1 : 0)
                    : x * height + y;
            case SHAPE -> (plane * height + y) * width + x;
            case WRAPPED -> y * width + x < size ? y * width + x : -1;
        };
    }

    /** Name of plane {@code p}. */
    String planeName(int p) {
        if (kind == Kind.SENSOR && planes == 2) {
            return p == 0 ? "ON" : "OFF";
        }
        return planes == 1 ? "" : "channel " + p;
    }
}
