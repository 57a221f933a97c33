package io.snn4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a whole event file of any supported format into memory: a thin wrapper that drains
 * {@link EventSources#open(Path, boolean)}. For recordings larger than memory, read the {@link EventSource} batch by
 * batch instead. Stateless and thread-safe.
 */
public final class EventFiles {
    private EventFiles() {
    }

    /**
     * Reads {@code file} in its detected format (see {@link EventSources}).
     *
     * @param lenient skip and count malformed records instead of failing on the first
     * @throws MalformedDataException for an unsupported format or malformed content, naming file and byte offset
     * @throws IOException            when the file cannot be read
     */
    public static EventFile read(Path file, boolean lenient) throws IOException {
        return EventSources.readAll(EventSources.open(file, lenient), file.toString());
    }

    /** The format {@link #read} would use for {@code file}, or empty when it is not supported. */
    public static Optional<EventFormat> detect(Path file) throws IOException {
        return EventSources.detect(file);
    }
}
