package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the snn4j command line in this JVM (the Spark module on the class path, as the launcher arranges). */
final class CliRuns {
    /** The repository's models folder, seen from the module's folder (Maven's working directory for tests). */
    static final Path MODELS = Path.of("..", "..", "models").toAbsolutePath().normalize();

    private CliRuns() {
    }

    /** Runs {@code args}, asserts exit code 0 (showing stderr otherwise) and returns stdout. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, () -> String.join(" ", args) + "\nstderr:\n" + err + "\nstdout:\n" + out);
        return out.toString();
    }

    static String model(String name) {
        return MODELS.resolve(name).toString();
    }
}
