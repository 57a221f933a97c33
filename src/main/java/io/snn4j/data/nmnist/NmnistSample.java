package io.snn4j.data.nmnist;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled N-MNIST recording, not yet read: where it is and which digit it shows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file  the {@code .bin} or {@code .bs2} file
 * @param label the digit, 0..9
 */
public record NmnistSample(Path file, int label) {
    public NmnistSample {
        Objects.requireNonNull(file, "file");
        if (label < 0 || label > 9) {
            throw new IllegalArgumentException("label must be in 0..9, was " + label + " for " + file);
        }
    }
}
