package io.snn4j.pipeline;

import io.snn4j.model.proto.AudioPipelineProto;
import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.ImagePipelineProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.SaccadeCompensationProto;

/**
 * The input pipelines training writes into its models, and a description of one for people. Stateless.
 */
public final class InputPipelines {
    private InputPipelines() {
    }

    /**
     * N-MNIST's saccade compensation: three saccades of 105 ms, motion between 15 and 80 ms after each start, image
     * displacements (+2.39, +6.18), (+4.08, -6.63), (-5.92, 0) pixels, fitted to the real recordings of
     * {@code nmnist-small} (see {@code data.transform.SaccadeStabilization}).
     */
    public static SaccadeCompensationProto nmnistSaccades() {
        return SaccadeCompensationProto.newBuilder().setSaccadeUs(105_000).setMotionStartUs(15_000)
                .setMotionEndUs(80_000).addDx(2.39).addDx(4.08).addDx(-5.92).addDy(6.18).addDy(-6.63).addDy(0.0)
                .build();
    }

    /**
     * The HM2-BP N-MNIST preprocessing: the 34 x 34 sensor, file time, saccade compensation, ON block then OFF
     * block column-major (2312 channels), 600 us per tick from tick 1.
     */
    public static InputPipelineProto nmnist() {
        return InputPipelineProto.newBuilder().setUsPerTick(600).setFirstTick(1)
                .setEvents(EventPipelineProto.newBuilder().setSensorWidth(34).setSensorHeight(34)
                        .setTimeOrigin(EventPipelineProto.TimeOrigin.FILE_ZERO)
                        .setSaccadeCompensation(nmnistSaccades())
                        .setPolarity(EventPipelineProto.Polarity.SEPARATE)
                        .setChannelMapping(EventPipelineProto.ChannelMapping.COLUMN_MAJOR))
                .build();
    }

    /** Rate-coded images of {@code width x height} pixels (one tick per ms as the trainers simulate them). */
    public static InputPipelineProto image(int width, int height, double maxProbability, double usPerTick) {
        return InputPipelineProto.newBuilder().setUsPerTick(usPerTick).setFirstTick(1)
                .setImage(ImagePipelineProto.newBuilder().setWidth(width).setHeight(height).setEncoder("rate")
                        .setMaxProbability(maxProbability))
                .build();
    }

    /** Audio through a front-end and a cochleagram encoder. */
    public static InputPipelineProto audio(AudioPipelineProto audio, double usPerTick) {
        return InputPipelineProto.newBuilder().setUsPerTick(usPerTick).setAudio(audio).build();
    }

    /** One line for people, e.g. for {@code snn4j run} and {@code eval}. */
    public static String describe(InputPipelineProto p) {
        return switch (p.getSourceCase()) {
            case EVENTS -> {
                EventPipelineProto e = p.getEvents();
                StringBuilder b = new StringBuilder("events from a " + e.getSensorWidth() + " x "
                        + e.getSensorHeight() + " sensor, "
                        + (e.getTimeOrigin() == EventPipelineProto.TimeOrigin.FIRST_EVENT ? "time from the first event"
                        : "file time"));
                if (e.hasSaccadeCompensation()) {
                    b.append(", saccade compensation");
                }
                if (e.getCropWidth() > 0 || e.getCropX() > 0 || e.getCropY() > 0) {
                    b.append(", crop (").append(e.getCropX()).append(", ").append(e.getCropY()).append(") ")
                            .append(e.getCropWidth()).append(" x ").append(e.getCropHeight());
                }
                if (e.getDownsample() > 1) {
                    b.append(", downsample ").append(e.getDownsample());
                }
                b.append(", polarities ").append(e.getPolarity().name().toLowerCase(java.util.Locale.ROOT))
                        .append(", ").append(e.getChannelMapping().name().toLowerCase(java.util.Locale.ROOT)
                                .replace('_', '-'));
                yield b.append(", ").append(trim(p.getUsPerTick())).append(" us per tick from tick ")
                        .append(p.getFirstTick()).toString();
            }
            case IMAGE -> "images " + p.getImage().getWidth() + " x " + p.getImage().getHeight() + ", "
                    + p.getImage().getEncoder() + "-coded (max probability " + p.getImage().getMaxProbability()
                    + " per tick)";
            case AUDIO -> "audio at " + trim(p.getAudio().getSampleRateHz()) + " Hz through the "
                    + p.getAudio().getFrontEnd() + " front-end and a " + p.getAudio().getEncoder() + " encoder, "
                    + p.getAudio().getTicksPerFrame() + " ticks per frame"
                    + (p.getAudio().getTimeSegments() > 1 ? ", " + p.getAudio().getTimeSegments()
                    + " time segments" : "");
            default -> "none recorded";
        };
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
