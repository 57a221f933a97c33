package io.snn4j.cli;

import java.nio.file.Path;

/** Where the snn4j installation (its {@code models/} folder) is: {@code SNN4J_HOME}, set by the launcher, else cwd. */
final class Home {
    private Home() {
    }

    static Path dir() {
        String home = System.getenv("SNN4J_HOME");
        return home == null || home.isBlank() ? Path.of("").toAbsolutePath() : Path.of(home);
    }

    /** {@code path} as given when it exists or is absolute, else resolved against the installation. */
    static Path resolve(Path path) {
        if (path.isAbsolute() || path.toFile().exists()) {
            return path;
        }
        Path inHome = dir().resolve(path);
        return inHome.toFile().exists() ? inHome : path;
    }
}
