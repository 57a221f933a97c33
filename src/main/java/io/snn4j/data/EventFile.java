package io.snn4j.data;

import java.util.Objects;

/**
 * The result of reading one event file: its format, the decoded events and how much of the file was left out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param format             the detected format
 * @param events             the decoded events, in file order
 * @param badRecordCount     records skipped because they were malformed (only non-zero in lenient reading)
 * @param skippedPacketCount packets of other kinds than polarity events (IMU, frames, triggers, special events) that
 *                           were skipped (AEDAT 3.1 and 4.0); 0 for formats without packets
 */
public record EventFile(EventFormat format, EventStream events, long badRecordCount, long skippedPacketCount) {
    public EventFile {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(events, "events");
        if (badRecordCount < 0 || skippedPacketCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were badRecordCount = " + badRecordCount
                    + ", skippedPacketCount = " + skippedPacketCount);
        }
    }
}
