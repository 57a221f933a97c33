package io.snn4j.data;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pull-based source of events: each {@link #read(EventBatch)} decodes the next events of a recording into a
 * caller's batch, so a recording of any length passes through in the memory of one batch plus the reader's input
 * buffer. Change-detection (CD) events and external triggers arrive in the same batch, in separate arrays. Timestamps
 * are microseconds as the format stores them (absolute for AEDAT and Prophesee RAW, from the recording's start for
 * N-MNIST). Sources read from an {@link java.io.InputStream} and do not care whether it is a file or a socket.
 *
 * <p>Not thread-safe: one thread reads a source. Closing it closes the underlying stream.
 */
public interface EventSource extends Closeable {
    /** The format being decoded. */
    EventFormat format();

    /** Sensor width in pixels, or 0 when the input does not say (then addresses are not checked against it). */
    int width();

    /** Sensor height in pixels, or 0 when the input does not say. */
    int height();

    /**
     * Clears {@code batch} and fills it with the next events and triggers.
     *
     * @return false at the end of the input (the batch is then empty); true when the batch holds at least one event
     *         or trigger
     * @throws MalformedDataException naming the source and byte offset of malformed input (strict reading)
     * @throws IOException            when the input cannot be read
     */
    boolean read(EventBatch batch) throws IOException;

    /** Records skipped so far because they were malformed (lenient reading only). */
    long badRecordCount();

    /** Packets or words of kinds that are not CD events or triggers (IMU, frames, ...), skipped so far. */
    long skippedPacketCount();
}
