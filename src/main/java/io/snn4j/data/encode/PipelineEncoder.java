package io.snn4j.data.encode;

import io.snn4j.data.EventStream;
import io.snn4j.event.InputSpikes;
import io.snn4j.pipeline.EventPipeline;
import java.util.Arrays;

/**
 * A model's event pipeline applied to a whole recording: each event goes through {@link EventPipeline#channel} and
 * {@link EventPipeline#tick} (time counted from the pipeline's origin), events of ticks &gt;= {@code tickCount} are
 * left out and repeats of a channel within a tick are one spike. The embedding runtime applies the same pipeline to
 * the same events one at a time and so sees the same spikes. Immutable and thread-safe.
 */
public final class PipelineEncoder implements EventEncoder {
    private final EventPipeline pipeline;
    private final int tickCount;

    /**
     * @param tickCount ticks kept are 0 .. tickCount-1, &gt;= 1
     */
    public PipelineEncoder(EventPipeline pipeline, int tickCount) {
        if (tickCount < 1) {
            throw new IllegalArgumentException("pipeline encoder: tickCount must be >= 1, was " + tickCount);
        }
        this.pipeline = pipeline;
        this.tickCount = tickCount;
    }

    public EventPipeline pipeline() {
        return pipeline;
    }

    @Override
    public int channelCount() {
        return pipeline.channels();
    }

    @Override
    public int tickCount() {
        return tickCount;
    }

    /**
     * @throws IllegalArgumentException when the recording's sensor is not the pipeline's, or an event lies before the
     *                                  time origin
     */
    @Override
    public InputSpikes encode(EventStream events) {
        if (events.width() != pipeline.sensorWidth() || events.height() != pipeline.sensorHeight()) {
            throw new IllegalArgumentException("recording from a " + events.width() + " x " + events.height()
                    + " sensor, the model's input pipeline expects " + pipeline.sensorWidth() + " x "
                    + pipeline.sensorHeight());
        }
        final int n = events.size();
        final long origin = pipeline.timeFromFirstEvent() && n > 0 ? events.timestampUs(0) : 0;
        boolean ordered = true;
        for (int i = 1; i < n && ordered; i++) {
            ordered = events.timestampUs(i) >= events.timestampUs(i - 1);
        }
        int[] ticks = new int[n];
        int[] channels = new int[n];
        int m = 0;
        if (ordered) {
            for (int i = 0; i < n; i++) {
                long t = events.timestampUs(i) - origin;
                long tick = pipeline.tick(t);
                if (tick >= tickCount) {
                    break;
                }
                int c = pipeline.channel(t, events.x(i), events.y(i), events.polarity(i));
                if (c >= 0) {
                    ticks[m] = (int) tick;
                    channels[m++] = c;
                }
            }
            return InputSpikes.of(pipeline.channels(), Arrays.copyOf(ticks, m), Arrays.copyOf(channels, m));
        }
        long first = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            first = Math.min(first, events.timestampUs(i));
        }
        final long from = pipeline.timeFromFirstEvent() ? first : 0;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long t = events.timestampUs(i) - from;
            long tick = pipeline.tick(t);
            int c = pipeline.channel(t, events.x(i), events.y(i), events.polarity(i));
            if (tick < tickCount && c >= 0) {
                keys[m++] = tick << 32 | c;
            }
        }
        Arrays.sort(keys, 0, m);
        for (int i = 0; i < m; i++) {
            ticks[i] = (int) (keys[i] >>> 32);
            channels[i] = (int) keys[i];
        }
        return InputSpikes.of(pipeline.channels(), Arrays.copyOf(ticks, m), Arrays.copyOf(channels, m));
    }

    @Override
    public String toString() {
        return "PipelineEncoder[" + pipeline + ", " + tickCount + " ticks]";
    }
}
