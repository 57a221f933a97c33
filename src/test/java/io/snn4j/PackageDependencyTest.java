package io.snn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rules of the house style, read from the {@code import} lines (and fully qualified
 * {@code io.snn4j.} names) of {@code src/main/java}: which top-level snn4j package may use which. Every package may
 * use {@code io.snn4j.io} (file helpers). The packages of the runtime artifact (core, model, pipeline, runtime)
 * import only the JDK, the Vector API and protobuf-java.
 */
class PackageDependencyTest {
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("io", Set.of()),
            Map.entry("event", Set.of()),
            Map.entry("neuron", Set.of("event")),
            Map.entry("network", Set.of("event", "neuron", "backend")),
            Map.entry("backend", Set.of("neuron")),
            Map.entry("engine", Set.of("event", "neuron", "network", "backend")),
            Map.entry("model", Set.of("event", "neuron", "network", "backend")),
            Map.entry("pipeline", Set.of("event", "neuron", "network", "model")),
            Map.entry("runtime", Set.of("event", "neuron", "network", "backend", "engine", "model", "pipeline")),
            Map.entry("data", Set.of("event", "model", "pipeline")),
            Map.entry("train", Set.of("event", "neuron", "network", "backend", "engine", "data", "model")),
            Map.entry("export", Set.of("event", "neuron", "network", "train", "model", "pipeline")),
            Map.entry("bench", Set.of("event", "neuron", "network", "model", "data")),
            Map.entry("report", Set.of("event", "neuron", "network", "backend", "engine", "data", "train", "export",
                    "model", "pipeline")),
            Map.entry("cli", Set.of("event", "neuron", "network", "backend", "engine", "data", "train", "export",
                    "report", "runtime", "model", "pipeline", "bench")));

    private static final Pattern REF = Pattern.compile("io\\.snn4j\\.([a-z]+)\\.");

    @Test
    void mainCodeFollowsTheDependencyRules() throws IOException {
        Path root = Path.of("src", "main", "java", "io", "snn4j");
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String pkg = root.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertTrue(allowed != null, "package io.snn4j." + pkg + " has no dependency rule: add one");
                int lineNo = 0;
                for (String line : Files.readAllLines(f)) {
                    lineNo++;
                    if (line.startsWith("package ") || line.strip().startsWith("*") || line.strip().startsWith("//")) {
                        continue;
                    }
                    Matcher m = REF.matcher(line);
                    while (m.find()) {
                        String used = m.group(1);
                        boolean io = used.equals("io");
                        if (!used.equals(pkg) && !io && !allowed.contains(used)) {
                            violations.add(root.relativize(f) + ":" + lineNo + ": " + pkg + " uses " + used);
                        }
                    }
                }
            }
        }
        assertTrue(files > 50, "found only " + files + " source files");
        assertEquals(List.of(), violations);
    }

    /** Spark support is an optional module (src/spark) found at run time: snn4j's own code never names it. */
    @Test
    void mainCodeNeverUsesSparkOrHadoop() throws IOException {
        Path root = Path.of("src", "main", "java");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                int lineNo = 0;
                for (String line : Files.readAllLines(f)) {
                    lineNo++;
                    if (line.contains("org.apache.spark") || line.contains("org.apache.hadoop")) {
                        violations.add(root.relativize(f) + ":" + lineNo);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** The packages of the runtime artifact import nothing but the JDK, the Vector API and protobuf-java. */
    @Test
    void theRuntimeArtifactsPackagesImportOnlyTheJdkTheVectorApiAndProtobuf() throws IOException {
        Set<String> artifact = Set.of("backend", "engine", "event", "io", "model", "network", "neuron", "pipeline",
                "runtime");
        Pattern allowed = Pattern.compile("import (static )?(java\\.|jdk\\.incubator\\.vector\\."
                + "|com\\.google\\.protobuf\\.|io\\.snn4j\\.(" + String.join("|", artifact) + ")\\.).*");
        List<String> violations = new ArrayList<>();
        for (String pkg : artifact) {
            try (Stream<Path> walk = Files.walk(Path.of("src", "main", "java", "io", "snn4j", pkg))) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (line.startsWith("import ") && !allowed.matcher(line).matches()) {
                            violations.add(pkg + "/" + f.getFileName() + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
