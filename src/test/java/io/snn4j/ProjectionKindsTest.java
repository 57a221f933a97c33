package io.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that differs per projection kind lives on the kinds ({@code ProjectionSpec}'s methods) or goes through
 * {@code ProjectionSpec.Visitor}: read from {@code src/main/java}, at most {@link #MOST} {@code instanceof
 * ProjectionSpec} tests remain, each under a comment line saying why.
 */
class ProjectionKindsTest {
    private static final int MOST = 15;

    @Test
    void fewTypeTestsOnProjectionKindsEachWithAReason() throws IOException {
        Path root = Path.of("src", "main", "java");
        List<String> found = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int at = line.indexOf("instanceof ProjectionSpec");
                    while (at >= 0) {
                        String where = root.relativize(f) + ":" + (i + 1);
                        found.add(where);
                        if (!commented(lines, i)) {
                            unexplained.add(where);
                        }
                        at = line.indexOf("instanceof ProjectionSpec", at + 1);
                    }
                }
            }
        }
        assertTrue(found.size() <= MOST, found.size() + " instanceof ProjectionSpec tests, at most " + MOST
                + " (give the behaviour to the kinds or a visitor): " + found);
        assertEquals(List.of(), unexplained, "instanceof ProjectionSpec without a comment line above its statement");
    }

    /** Whether a {@code //} comment line stands at most two lines above line i (the statement may wrap). */
    private static boolean commented(List<String> lines, int i) {
        for (int k = i - 1; k >= Math.max(0, i - 2); k--) {
            if (lines.get(k).strip().startsWith("//")) {
                return true;
            }
        }
        return false;
    }
}
