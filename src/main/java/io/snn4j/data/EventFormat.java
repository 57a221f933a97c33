package io.snn4j.data;

/** Event-file formats that {@link EventFiles} recognises. */
public enum EventFormat {
    /** N-MNIST / N-Caltech101 {@code .bin} (also SLAYER's {@code .bs2}): headerless 5-byte records. */
    NMNIST("N-MNIST"),
    /** iniVation cAER AEDAT 3.1: little-endian packets with 28-byte headers (DVS128 Gesture uses it). */
    AEDAT31("AEDAT 3.1"),
    /** iniVation DV AEDAT 4.0: FlatBuffer packets, optionally LZ4- or Zstd-compressed. */
    AEDAT4("AEDAT 4.0");

    private final String displayName;

    EventFormat(String displayName) {
        this.displayName = displayName;
    }

    /** Human-readable name, e.g. {@code "AEDAT 4.0"}. */
    public String displayName() {
        return displayName;
    }
}
