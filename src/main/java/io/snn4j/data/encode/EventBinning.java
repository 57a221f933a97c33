package io.snn4j.data.encode;

import io.snn4j.data.EventStream;
import io.snn4j.event.InputSpikes;
import java.util.Arrays;

/**
 * Bins address events into simulator ticks and maps addresses to channels, giving {@link InputSpikes}.
 *
 * <p>Rule, for an event at {@code t} microseconds (t &gt;= 0):
 * <pre>
 *   tick = ceil(t / usPerTick) + tickOffset
 *   the event is dropped when tick &gt;= tickCount
 *   channel = layout.channel(x, y, polarity)
 *   several events of one channel in one tick are one spike
 * </pre>
 * The reference (HM2-BP, {@code NMNIST_Converter.m} then {@code readNMnistData.cpp}) is {@code usPerTick = 600},
 * {@code tickOffset = 1} (the loader adds one to the converter's {@code ceil(ts/600)}), {@code tickCount = 540}: see
 * {@link #nmnistReference()}. So t = 0 goes to tick 1, t = 1..600 to tick 2, t = 601..1200 to tick 3, and tick 0 is
 * never used.
 *
 * <p>Cost: one pass over the events and one {@code int[channelCount]} of scratch; no sorting when the timestamps are
 * non-decreasing (the usual file order). Out-of-order input is accepted and sorted with primitive {@code long} keys.
 *
 * <p>Immutable and thread-safe (each call allocates its own scratch).
 */
public final class EventBinning implements EventEncoder {
    private final ChannelLayout layout;
    private final long usPerTick;
    private final int tickOffset;
    private final int tickCount;

    /**
     * @param layout     address to channel mapping; its width and height must equal the streams' sensor size
     * @param usPerTick  microseconds per tick, &gt;= 1
     * @param tickOffset added to {@code ceil(t / usPerTick)}, &gt;= 0
     * @param tickCount  ticks kept are {@code 0 .. tickCount-1}, &gt;= 1
     */
    public EventBinning(ChannelLayout layout, long usPerTick, int tickOffset, int tickCount) {
        if (layout == null) {
            throw new IllegalArgumentException("binning: layout must not be null");
        }
        if (usPerTick < 1) {
            throw new IllegalArgumentException("binning: usPerTick must be >= 1, was " + usPerTick);
        }
        if (tickOffset < 0) {
            throw new IllegalArgumentException("binning: tickOffset must be >= 0, was " + tickOffset);
        }
        if (tickCount < 1) {
            throw new IllegalArgumentException("binning: tickCount must be >= 1, was " + tickCount);
        }
        this.layout = layout;
        this.usPerTick = usPerTick;
        this.tickOffset = tickOffset;
        this.tickCount = tickCount;
    }

    /** The HM2-BP N-MNIST setting: {@link ChannelLayout#nmnist()}, 600 us per tick, offset 1, 540 ticks. */
    public static EventBinning nmnistReference() {
        return new EventBinning(ChannelLayout.nmnist(), 600, 1, 540);
    }

    public ChannelLayout layout() {
        return layout;
    }

    public long usPerTick() {
        return usPerTick;
    }

    public int tickOffset() {
        return tickOffset;
    }

    @Override
    public int tickCount() {
        return tickCount;
    }

    @Override
    public int channelCount() {
        return layout.channelCount();
    }

    @Override
    public InputSpikes encode(EventStream events) {
        return bin(events);
    }

    /** Tick of a timestamp by the rule above (may be &gt;= tickCount; then the event is dropped). */
    public long tickOf(long timestampUs) {
        if (timestampUs < 0) {
            throw new IllegalArgumentException("binning: timestampUs must be >= 0, was " + timestampUs);
        }
        return Math.floorDiv(timestampUs + usPerTick - 1, usPerTick) + tickOffset;
    }

    /**
     * Bins one stream.
     *
     * @throws IllegalArgumentException if the stream's sensor size differs from the layout's, or a timestamp is
     *                                  negative
     */
    public InputSpikes bin(EventStream events) {
        if (events.width() != layout.width() || events.height() != layout.height()) {
            throw new IllegalArgumentException("binning: stream sensor size " + events.width() + " x "
                    + events.height() + " differs from layout " + layout.width() + " x " + layout.height());
        }
        final int n = events.size();
        for (int i = 0; i < n; i++) {
            long t = events.timestampUs(i);
            if (t < 0) {
                throw new IllegalArgumentException("binning: event " + i + ": timestampUs must be >= 0, was " + t);
            }
            if (i > 0 && t < events.timestampUs(i - 1)) {
                return binUnordered(events);
            }
        }
        final int channelCount = layout.channelCount();
        final int[] ticks = new int[n];
        final int[] channels = new int[n];
        final int[] lastTick = new int[channelCount];
        Arrays.fill(lastTick, -1);
        final int m = binOrdered(events, layout.height(), layout.separatePolarities() ? layout.width()
                * layout.height() : 0, usPerTick, tickOffset, tickCount, ticks, channels, lastTick);
        return InputSpikes.of(channelCount, Arrays.copyOf(ticks, m), Arrays.copyOf(channels, m));
    }

    /**
     * The time-ordered kernel: {@code ceil(t / perTick)} is tracked incrementally (bin {@code b} covers
     * {@code ((b-1)*perTick, b*perTick]}), so there is no division per event.
     *
     * @param offBase  added to the channel of OFF events (0 when polarities are merged)
     * @param ticks    written; length &gt;= events
     * @param channels written; length &gt;= events
     * @param lastTick scratch, all -1 on entry; length = channel count
     * @return number of spikes written
     */
    private static int binOrdered(EventStream events, int height, int offBase, long perTick, int offset,
                                  int limit, int[] ticks, int[] channels, int[] lastTick) {
        final int n = events.size();
        long bin = 0;
        long binEndUs = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            final long t = events.timestampUs(i);
            if (t > binEndUs) {
                if (t - binEndUs <= perTick) {
                    bin++;
                    binEndUs += perTick;
                } else {
                    bin = (t + perTick - 1) / perTick;
                    binEndUs = bin * perTick;
                }
            }
            final long tick = bin + offset;
            if (tick >= limit) {
                break;
            }
            final int c = events.x(i) * height + events.y(i) + (events.polarity(i) == 0 ? offBase : 0);
            if (lastTick[c] != (int) tick) {
                lastTick[c] = (int) tick;
                ticks[m] = (int) tick;
                channels[m] = c;
                m++;
            }
        }
        return m;
    }

    private InputSpikes binUnordered(EventStream events) {
        final int n = events.size();
        final long[] keys = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            long t = events.timestampUs(i);
            if (t < 0) {
                throw new IllegalArgumentException("binning: event " + i + ": timestampUs must be >= 0, was " + t);
            }
            long tick = (t + usPerTick - 1) / usPerTick + tickOffset;
            if (tick < tickCount) {
                int c = layout.channel(events.x(i), events.y(i), events.polarity(i));
                keys[m++] = (tick << 32) | c;
            }
        }
        Arrays.sort(keys, 0, m);
        int[] ticks = new int[m];
        int[] channels = new int[m];
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (i > 0 && keys[i] == keys[i - 1]) {
                continue;
            }
            ticks[k] = (int) (keys[i] >>> 32);
            channels[k] = (int) keys[i];
            k++;
        }
        return InputSpikes.of(layout.channelCount(), Arrays.copyOf(ticks, k), Arrays.copyOf(channels, k));
    }

    @Override
    public String toString() {
        return "EventBinning[" + layout + ", usPerTick=" + usPerTick + ", tickOffset=" + tickOffset + ", tickCount="
                + tickCount + "]";
    }
}
