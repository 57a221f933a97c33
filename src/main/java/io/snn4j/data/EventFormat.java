package io.snn4j.data;

/** Event-file formats that {@link EventFiles} recognises. */
public enum EventFormat {
    /** N-MNIST / N-Caltech101 {@code .bin} (also SLAYER's {@code .bs2}): headerless 5-byte records. */
    NMNIST("N-MNIST"),
    /** iniVation cAER AEDAT 3.1: little-endian packets with 28-byte headers (DVS128 Gesture uses it). */
    AEDAT31("AEDAT 3.1"),
    /** iniVation DV AEDAT 4.0: FlatBuffer packets, optionally LZ4- or Zstd-compressed. */
    AEDAT4("AEDAT 4.0"),
    /** Prophesee RAW, EVT 2.0 encoding: 32-bit words, {@code %} header lines. */
    EVT2("Prophesee RAW EVT 2.0"),
    /** Prophesee RAW, EVT 3.0 encoding: 16-bit words, stateful decoding, {@code %} header lines. */
    EVT3("Prophesee RAW EVT 3.0"),
    /** Text: a header line {@code t,x,y,p}, then one event per line (t in microseconds, p 0 or 1). */
    CSV("CSV");

    private final String displayName;

    EventFormat(String displayName) {
        this.displayName = displayName;
    }

    /** Human-readable name, e.g. {@code "AEDAT 4.0"}. */
    public String displayName() {
        return displayName;
    }
}
