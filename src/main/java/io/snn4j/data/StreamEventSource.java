package io.snn4j.data;

import java.io.IOException;

/**
 * What the stream-decoding {@link EventSource}s share: the buffered input, the strictness, format and geometry, the
 * counts of bad records and skipped packets, and closing. Not thread-safe.
 */
public abstract class StreamEventSource implements EventSource {
    /** The input being decoded. */
    protected final ByteInput in;
    /** Skip and count malformed records instead of throwing. */
    protected final boolean lenient;
    /** Records skipped as malformed so far. */
    protected long bad;
    /** Packets or words of other kinds skipped so far. */
    protected long skipped;
    /** Sensor width, 0 while unknown. */
    protected int width;
    /** Sensor height, 0 while unknown. */
    protected int height;
    private final EventFormat format;

    protected StreamEventSource(ByteInput in, boolean lenient, EventFormat format) {
        this.in = in;
        this.lenient = lenient;
        this.format = format;
    }

    @Override
    public EventFormat format() {
        return format;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long badRecordCount() {
        return bad;
    }

    @Override
    public long skippedPacketCount() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
