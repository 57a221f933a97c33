package io.snn4j.data.dataset;

import java.io.IOException;
import java.nio.file.Path;

/** A spike cache file is malformed or of an unsupported version; the message names the file and byte offset. */
public final class CacheFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long byteOffset;

    public CacheFormatException(Path file, long byteOffset, String problem) {
        super(file + " at byte " + byteOffset + ": " + problem);
        this.file = file;
        this.byteOffset = byteOffset;
    }

    public Path file() {
        return file;
    }

    public long byteOffset() {
        return byteOffset;
    }
}
