package io.snn4j.data;

import java.io.IOException;

/**
 * The writing end of a conversion: takes the events of one {@link EventBatch} after another and completes the file in
 * {@link #finish()}. Writers stream: their memory does not grow with the recording. Not thread-safe.
 */
public interface EventWriter {
    /**
     * Writes the events of {@code batch} (triggers are not written; a format with triggers documents it).
     *
     * @throws IllegalArgumentException naming the event the format cannot hold (nothing valid is left behind when
     *                                  the writer writes through {@link io.snn4j.io.AtomicFiles})
     */
    void write(EventBatch batch) throws IOException;

    /** Completes the file (trailers, tables). */
    void finish() throws IOException;
}
