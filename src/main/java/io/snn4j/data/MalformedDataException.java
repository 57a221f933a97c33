package io.snn4j.data;

import java.io.IOException;

/**
 * A data file whose bytes break its format: the message names the file, the byte offset where the problem was found and
 * the problem itself, for example {@code "1.bs2: byte 20: x = 40 outside the 34 x 34 sensor"}.
 *
 * <p>Offsets count from the start of the file as stored on disk, except where the message says otherwise (for a
 * compressed file it names the offset in the decompressed data).
 */
public class MalformedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long byteOffset;

    /**
     * @param source     the file (or other source) name, as shown to the user
     * @param byteOffset where the problem was found, counted from the start of the source
     * @param problem    what is wrong: constraint and actual value
     */
    public MalformedDataException(String source, long byteOffset, String problem) {
        super(source + ": byte " + byteOffset + ": " + problem);
        this.source = source;
        this.byteOffset = byteOffset;
    }

    /** A problem that is not at one byte offset (for example the whole recording's extent); the offset is -1. */
    public MalformedDataException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.byteOffset = -1;
    }

    /** As {@link #MalformedDataException(String, long, String)}, keeping the lower-level failure as the cause. */
    public MalformedDataException(String source, long byteOffset, String problem, Throwable cause) {
        super(source + ": byte " + byteOffset + ": " + problem, cause);
        this.source = source;
        this.byteOffset = byteOffset;
    }

    /** The file (or other source) name. */
    public String source() {
        return source;
    }

    /** Where the problem was found, counted from the start of the source, or -1 when it is not at one place. */
    public long byteOffset() {
        return byteOffset;
    }
}
