package io.snn4j.report;

import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.InputEncodingProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.network.Shape;

/**
 * Where each input channel sits in a picture: {@code planes} images of {@code width x height} pixels; plane p holds
 * channels {@code p * width * height + (columnMajor ? x * height + y : y * width + x)}. Taken, in this order, from the
 * model's input pipeline (schema 1.3: the event sensor after crop and downsample with its polarity and channel
 * mapping, or the image size), its input encoding ({@code xy_on_off} / {@code xy_merged}: column-major), the input
 * population's shape (channels x height x width, row-major); a flat input of 2312 channels is read as the reference
 * N-MNIST layout (34 x 34, column-major, ON then OFF), which is what the {@code nmnist:} loader feeds it; any other
 * flat input is wrapped row by row into a near-square picture. Immutable.
 *
 * @param planes      pictures per map (2 for ON and OFF)
 * @param width       pixels across
 * @param height      pixels down
 * @param columnMajor channel {@code x * height + y} in a plane, else {@code y * width + x}
 * @param onOff       planes 0 and 1 are the ON and OFF events
 * @param size        input channels (pixels beyond them show no channel)
 * @param description how the layout was found, for the report's captions
 */
record InputLayout(int planes, int width, int height, boolean columnMajor, boolean onOff, int size,
                   String description) {
    static final int NMNIST_CHANNELS = 2312;

    /** The layout of a model's input; the protos may be default instances (absent). */
    static InputLayout of(Shape shape, InputPipelineProto pipeline, InputEncodingProto encoding) {
        int size = shape.size();
        if (pipeline.hasEvents()) {
            EventPipelineProto e = pipeline.getEvents();
            int factor = Math.max(1, e.getDownsample());
            int w = ((e.getCropWidth() > 0 ? e.getCropWidth() : e.getSensorWidth()) + factor - 1) / factor;
            int h = ((e.getCropHeight() > 0 ? e.getCropHeight() : e.getSensorHeight()) + factor - 1) / factor;
            boolean separate = e.getPolarity() == EventPipelineProto.Polarity.SEPARATE;
            boolean columnMajor = e.getChannelMapping() == EventPipelineProto.ChannelMapping.COLUMN_MAJOR;
            if (w > 0 && h > 0 && (long) w * h * (separate ? 2 : 1) == size) {
                return new InputLayout(separate ? 2 : 1, w, h, columnMajor, separate, size, w + " x " + h
                        + (separate ? ", ON and OFF" : "") + " (the model's input pipeline)");
            }
        }
        if (pipeline.hasImage()) {
            int w = pipeline.getImage().getWidth();
            int h = pipeline.getImage().getHeight();
            if (w > 0 && h > 0 && (long) w * h == size) {
                return new InputLayout(1, w, h, false, false, size, w + " x " + h + " image (the model's input "
                        + "pipeline)");
            }
        }
        int sw = encoding.getSensorWidth();
        int sh = encoding.getSensorHeight();
        if (sw > 0 && sh > 0) {
            String mapping = encoding.getChannelMapping();
            if (mapping.equals("xy_on_off") && 2L * sw * sh == size) {
                return new InputLayout(2, sw, sh, true, true, size,
                        sw + " x " + sh + " sensor, ON and OFF (the model's input encoding)");
            }
            if (mapping.equals("xy_merged") && (long) sw * sh == size) {
                return new InputLayout(1, sw, sh, true, false, size, sw + " x " + sh + " sensor (the model's input "
                        + "encoding)");
            }
        }
        if (shape.height() > 1) {
            return new InputLayout(shape.channels(), shape.width(), shape.height(), false, false, size,
                    shape.channels() + " x " + shape.height() + " x " + shape.width() + " (the input population's "
                            + "shape)");
        }
        if (size == NMNIST_CHANNELS) {
            return new InputLayout(2, 34, 34, true, true, size, "34 x 34, ON and OFF: the model's input is flat, its "
                    + "2312 channels are read as the N-MNIST layout the nmnist: loader feeds it");
        }
        int w = Math.max(1, (int) Math.ceil(Math.sqrt(size)));
        int h = Math.max(1, (size + w - 1) / w);
        return new InputLayout(1, w, h, false, false, size, "flat input of " + size + " channels wrapped into "
                + w + " x " + h);
    }

    /** The channel shown at pixel (x, y) of plane {@code plane}, or -1 for none. */
    int channel(int plane, int x, int y) {
        int c = plane * width * height + (columnMajor ? x * height + y : y * width + x);
        return c < size ? c : -1;
    }

    /** Name of plane {@code p}. */
    String planeName(int p) {
        if (onOff) {
            return p == 0 ? "ON" : "OFF";
        }
        return planes == 1 ? "" : "channel " + p;
    }
}
