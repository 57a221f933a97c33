package io.snn4j.cli;

import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.pipeline.EventPipeline;
import io.snn4j.pipeline.InputPipelines;
import java.util.Locale;

/**
 * The {@code --pipeline} option of {@code export}: re-targets a model's event input pipeline, e.g. to another
 * sensor. A comma-separated list of settings, each replacing that part of the model's pipeline (of N-MNIST's when
 * the model records none):
 * <pre>
 *   sensor=WxH              the camera's size
 *   origin=file|first-event time counted as the file has it, or from the first event (live cameras, AEDAT)
 *   saccades=none|nmnist    saccade compensation off, or N-MNIST's
 *   crop=X:Y:W:H            window on the sensor; crop=none for the whole sensor
 *   downsample=F            F x F pixels become one
 *   polarity=separate|merged
 *   mapping=column|row      column-major (x * h + y, the HM2-BP layout) or row-major
 *   us-per-tick=U, first-tick=T
 * </pre>
 * The result must give the model's input channel count.
 */
final class PipelineOption {
    private PipelineOption() {
    }

    /**
     * @throws IllegalArgumentException naming the setting and the problem
     */
    static InputPipelineProto apply(InputPipelineProto model, String spec, int inputChannels) {
        InputPipelineProto base = model.hasEvents() ? model : InputPipelines.nmnist();
        InputPipelineProto.Builder p = base.toBuilder();
        EventPipelineProto.Builder e = p.getEventsBuilder();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--pipeline: '" + part + "' is not KEY=VALUE");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            switch (key) {
                case "sensor" -> {
                    int[] wh = ints(v, "x", 2, key);
                    e.setSensorWidth(wh[0]).setSensorHeight(wh[1]);
                }
                case "origin" -> e.setTimeOrigin(switch (v) {
                    case "file" -> EventPipelineProto.TimeOrigin.FILE_ZERO;
                    case "first-event" -> EventPipelineProto.TimeOrigin.FIRST_EVENT;
                    default -> throw bad(key, v, "file or first-event");
                });
                case "saccades" -> {
                    switch (v) {
                        case "none" -> e.clearSaccadeCompensation();
                        case "nmnist" -> e.setSaccadeCompensation(InputPipelines.nmnistSaccades());
                        default -> throw bad(key, v, "none or nmnist");
                    }
                }
                case "crop" -> {
                    if (v.equals("none")) {
                        e.setCropX(0).setCropY(0).setCropWidth(0).setCropHeight(0);
                    } else {
                        int[] c = ints(v, ":", 4, key);
                        e.setCropX(c[0]).setCropY(c[1]).setCropWidth(c[2]).setCropHeight(c[3]);
                    }
                }
                case "downsample" -> e.setDownsample(ints(v, ":", 1, key)[0]);
                case "polarity" -> e.setPolarity(switch (v) {
                    case "separate" -> EventPipelineProto.Polarity.SEPARATE;
                    case "merged" -> EventPipelineProto.Polarity.MERGED;
                    default -> throw bad(key, v, "separate or merged");
                });
                case "mapping" -> e.setChannelMapping(switch (v) {
                    case "column" -> EventPipelineProto.ChannelMapping.COLUMN_MAJOR;
                    case "row" -> EventPipelineProto.ChannelMapping.ROW_MAJOR;
                    default -> throw bad(key, v, "column or row");
                });
                case "us-per-tick" -> p.setUsPerTick(ints(v, ":", 1, key)[0]);
                case "first-tick" -> p.setFirstTick(ints(v, ":", 1, key)[0]);
                default -> throw new IllegalArgumentException("--pipeline: unknown setting '" + key + "' (sensor, "
                        + "origin, saccades, crop, downsample, polarity, mapping, us-per-tick, first-tick)");
            }
        }
        InputPipelineProto result = p.build();
        try {
            EventPipeline.of(result, inputChannels);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--pipeline: " + ex.getMessage(), ex);
        }
        return result;
    }

    private static int[] ints(String v, String sep, int n, String key) {
        String[] parts = v.split(java.util.regex.Pattern.quote(sep), -1);
        if (parts.length != n) {
            throw bad(key, v, n == 1 ? "a whole number" : n + " whole numbers separated by '" + sep + "'");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException ex) {
                throw bad(key, v, "whole numbers");
            }
            if (out[i] < 0 || out[i] > 1_000_000) {
                throw bad(key, v, "numbers in [0, 1000000]");
            }
        }
        return out;
    }

    private static IllegalArgumentException bad(String key, String v, String want) {
        return new IllegalArgumentException("--pipeline: " + key + " must be " + want + ", was '" + v + "'");
    }
}
