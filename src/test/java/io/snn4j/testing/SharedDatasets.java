package io.snn4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only real data sets that live beside the project ({@code ../shared/datasets/<name>}, or the folder
 * named by the system property {@code snn4j.datasets} / environment variable {@code SNN4J_DATASETS}). Tests that need
 * one call {@link #require(String)}: where the folder is absent (a user's fresh clone) the test is skipped with a
 * message saying what is missing.
 */
public final class SharedDatasets {
    private SharedDatasets() {
    }

    /** The datasets root, whether or not it exists. */
    public static Path root() {
        String prop = System.getProperty("snn4j.datasets");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("SNN4J_DATASETS");
        }
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        return Path.of("..", "shared", "datasets").toAbsolutePath().normalize();
    }

    /** Returns the folder of data set {@code name}, skipping the calling test when it is not there. */
    public static Path require(String name) {
        Path dir = root().resolve(name);
        assumeTrue(Files.isDirectory(dir),
                () -> "skipped: real data set '" + name + "' not found at " + dir
                        + " (set -Dsnn4j.datasets=DIR or SNN4J_DATASETS to run this test)");
        return dir;
    }
}
