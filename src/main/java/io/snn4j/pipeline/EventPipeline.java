package io.snn4j.pipeline;

import io.snn4j.model.proto.EventPipelineProto;
import io.snn4j.model.proto.InputPipelineProto;
import io.snn4j.model.proto.SaccadeCompensationProto;

/**
 * The event-camera input pipeline of a model ({@link EventPipelineProto}, schema 1.3): maps one sensor event
 * {@code (t, x, y, polarity)}, its time already counted from the origin, to an input channel and a tick, or drops
 * it. Every step is a function of the event alone, so a recording binned at once and a live stream pushed event by
 * event give the same spikes:
 * <pre>
 *   saccade compensation: px = sum_k dx[k]
 *                              * clamp((t - k * saccadeUs - motionStartUs) / (motionEndUs - motionStartUs), 0, 1)
 *                         x = floor(x - px + 0.5), y = floor(y - py + 0.5); dropped when off the sensor
 *   crop:                 dropped outside the window, x -= cropX, y -= cropY
 *   downsample:           x = x / f, y = y / f (integer division)
 *   channel:              COLUMN_MAJOR x * h + y, ROW_MAJOR y * w + x (w, h after crop and downsample),
 *                         + w * h for OFF (polarity 0) when polarities are SEPARATE
 *   tick:                 ceil(t / usPerTick) + firstTick
 * </pre>
 * The compensation's arithmetic is that of {@code data.transform.SaccadeStabilization} term for term, so the floats
 * and the rounding are the same.
 *
 * <p>Immutable and thread-safe; {@link #channel} and {@link #tick} allocate nothing.
 */
public final class EventPipeline {
    private final InputPipelineProto proto;
    private final int sensorWidth;
    private final int sensorHeight;
    private final boolean fromFirstEvent;
    private final boolean compensate;
    private final long saccadeUs;
    private final long motionStartUs;
    private final double invSpan;
    private final double[] dxs;
    private final double[] dys;
    private final int cropX;
    private final int cropY;
    private final int cropWidth;
    private final int cropHeight;
    private final int factor;
    private final int width;
    private final int height;
    private final boolean separate;
    private final boolean columnMajor;
    private final long usPerTick;
    private final int firstTick;

    private EventPipeline(InputPipelineProto proto) {
        this.proto = proto;
        EventPipelineProto e = proto.getEvents();
        String where = "input_pipeline.events";
        sensorWidth = e.getSensorWidth();
        sensorHeight = e.getSensorHeight();
        if (sensorWidth < 1 || sensorHeight < 1 || sensorWidth > 1 << 15 || sensorHeight > 1 << 15) {
            throw new IllegalArgumentException(where + ": sensor size must be in [1, 32768] x [1, 32768], was "
                    + sensorWidth + " x " + sensorHeight);
        }
        fromFirstEvent = switch (e.getTimeOrigin()) {
            case FILE_ZERO -> false;
            case FIRST_EVENT -> true;
            default -> throw new IllegalArgumentException(where + ".time_origin must be FILE_ZERO or FIRST_EVENT, was "
                    + e.getTimeOrigin());
        };
        compensate = e.hasSaccadeCompensation();
        SaccadeCompensationProto s = e.getSaccadeCompensation();
        if (compensate) {
            if (s.getMotionStartUs() >= s.getMotionEndUs() || s.getMotionEndUs() > s.getSaccadeUs()
                    || s.getSaccadeUs() > Long.MAX_VALUE / 64) {
                throw new IllegalArgumentException(where + ".saccade_compensation: need 0 <= motion_start_us < "
                        + "motion_end_us <= saccade_us, were " + s.getMotionStartUs() + ", " + s.getMotionEndUs()
                        + ", " + s.getSaccadeUs());
            }
            if (s.getDxCount() != s.getDyCount() || s.getDxCount() > 64) {
                throw new IllegalArgumentException(where + ".saccade_compensation: dx and dy must have equal length"
                        + " (at most 64), were " + s.getDxCount() + " and " + s.getDyCount());
            }
            for (int k = 0; k < s.getDxCount(); k++) {
                if (!Double.isFinite(s.getDx(k)) || !Double.isFinite(s.getDy(k))) {
                    throw new IllegalArgumentException(where + ".saccade_compensation: displacement " + k
                            + " must be finite, was (" + s.getDx(k) + ", " + s.getDy(k) + ")");
                }
            }
        }
        saccadeUs = s.getSaccadeUs();
        motionStartUs = s.getMotionStartUs();
        invSpan = compensate ? 1.0 / (s.getMotionEndUs() - s.getMotionStartUs()) : 0;
        dxs = s.getDxList().stream().mapToDouble(Double::doubleValue).toArray();
        dys = s.getDyList().stream().mapToDouble(Double::doubleValue).toArray();
        cropX = e.getCropX();
        cropY = e.getCropY();
        cropWidth = e.getCropWidth() == 0 ? sensorWidth - cropX : e.getCropWidth();
        cropHeight = e.getCropHeight() == 0 ? sensorHeight - cropY : e.getCropHeight();
        if (cropX < 0 || cropY < 0 || cropWidth < 1 || cropHeight < 1 || (long) cropX + cropWidth > sensorWidth
                || (long) cropY + cropHeight > sensorHeight) {
            throw new IllegalArgumentException(where + ": crop window (" + e.getCropX() + ", " + e.getCropY() + ") "
                    + e.getCropWidth() + " x " + e.getCropHeight() + " must lie on the " + sensorWidth + " x "
                    + sensorHeight + " sensor");
        }
        factor = Math.max(1, e.getDownsample());
        if (factor > Math.min(cropWidth, cropHeight)) {
            throw new IllegalArgumentException(where + ".downsample must be at most the crop window's side "
                    + Math.min(cropWidth, cropHeight) + ", was " + factor);
        }
        width = (cropWidth + factor - 1) / factor;
        height = (cropHeight + factor - 1) / factor;
        separate = switch (e.getPolarity()) {
            case SEPARATE -> true;
            case MERGED -> false;
            default -> throw new IllegalArgumentException(where + ".polarity must be SEPARATE or MERGED, was "
                    + e.getPolarity());
        };
        columnMajor = switch (e.getChannelMapping()) {
            case COLUMN_MAJOR -> true;
            case ROW_MAJOR -> false;
            default -> throw new IllegalArgumentException(where + ".channel_mapping must be COLUMN_MAJOR or "
                    + "ROW_MAJOR, was " + e.getChannelMapping());
        };
        double us = proto.getUsPerTick();
        if (!(us >= 1) || us != Math.rint(us) || us > 1e12) {
            throw new IllegalArgumentException("input_pipeline.us_per_tick must be a whole number of microseconds "
                    + ">= 1, was " + us);
        }
        usPerTick = (long) us;
        if (proto.getFirstTick() > 1_000_000) {
            throw new IllegalArgumentException("input_pipeline.first_tick must be at most 1000000, was "
                    + proto.getFirstTick());
        }
        firstTick = proto.getFirstTick();
    }

    /**
     * The event pipeline of {@code proto}, checked against the input population it feeds.
     *
     * @throws IllegalArgumentException naming the field when the pipeline is not an event pipeline, breaks a rule,
     *                                  or gives another channel count than {@code inputChannels}
     */
    public static EventPipeline of(InputPipelineProto proto, int inputChannels) {
        if (proto.getSourceCase() != InputPipelineProto.SourceCase.EVENTS) {
            throw new IllegalArgumentException("input_pipeline: not an event pipeline (" + proto.getSourceCase()
                    + ")");
        }
        EventPipeline p = new EventPipeline(proto);
        if (p.channels() != inputChannels) {
            throw new IllegalArgumentException("input_pipeline.events gives " + p.channels() + " channels ("
                    + p.width + " x " + p.height + (p.separate ? " x 2" : "") + "), the input population has "
                    + inputChannels);
        }
        return p;
    }

    /** Channels the pipeline produces: width x height after crop and downsample, times two for separate polarities. */
    public int channels() {
        return width * height * (separate ? 2 : 1);
    }

    /** The sensor the pipeline expects. */
    public int sensorWidth() {
        return sensorWidth;
    }

    public int sensorHeight() {
        return sensorHeight;
    }

    /** Whether times are counted from the first event (else as the file has them). */
    public boolean timeFromFirstEvent() {
        return fromFirstEvent;
    }

    public long usPerTick() {
        return usPerTick;
    }

    public int firstTick() {
        return firstTick;
    }

    public InputPipelineProto proto() {
        return proto;
    }

    /**
     * The input channel of an event, or -1 when the pipeline drops it (compensated off the sensor, outside the crop).
     *
     * @param t time since the origin in microseconds, &gt;= 0
     * @throws IllegalArgumentException when (x, y) is not on the sensor or the polarity is not 0 or 1
     */
    public int channel(long t, int x, int y, int polarity) {
        if (x < 0 || x >= sensorWidth || y < 0 || y >= sensorHeight || (polarity & ~1) != 0) {
            throw new IllegalArgumentException("event (x " + x + ", y " + y + ", polarity " + polarity
                    + ") is not on the model's " + sensorWidth + " x " + sensorHeight + " sensor");
        }
        if (compensate) {
            double px = 0;
            double py = 0;
            for (int k = 0; k < dxs.length; k++) {
                double f = (t - k * saccadeUs - motionStartUs) * invSpan;
                f = f <= 0 ? 0 : f >= 1 ? 1 : f;
                px += dxs[k] * f;
                py += dys[k] * f;
            }
            x = (int) Math.floor(x - px + 0.5);
            y = (int) Math.floor(y - py + 0.5);
            if (x < 0 || x >= sensorWidth || y < 0 || y >= sensorHeight) {
                return -1;
            }
        }
        x -= cropX;
        y -= cropY;
        if (x < 0 || x >= cropWidth || y < 0 || y >= cropHeight) {
            return -1;
        }
        x /= factor;
        y /= factor;
        int c = columnMajor ? x * height + y : y * width + x;
        return separate && polarity == 0 ? c + width * height : c;
    }

    /** The tick of time {@code t} since the origin: {@code ceil(t / usPerTick) + firstTick}. */
    public long tick(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("event time must be >= 0 after the time origin, was " + t + " us");
        }
        return (t + usPerTick - 1) / usPerTick + firstTick;
    }

    @Override
    public String toString() {
        return "EventPipeline[sensor " + sensorWidth + " x " + sensorHeight + (fromFirstEvent ? ", from first event"
                : ", file time") + (compensate ? ", saccade compensation" : "") + ", crop (" + cropX + ", " + cropY
                + ") " + cropWidth + " x " + cropHeight + ", downsample " + factor + " -> " + width + " x " + height
                + (separate ? " x 2" : ", merged") + (columnMajor ? ", column-major" : ", row-major") + ", "
                + usPerTick + " us per tick from tick " + firstTick + "]";
    }
}
