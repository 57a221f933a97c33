package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --spark} and {@code sweep --spark} against the same commands on one machine. */
class SparkEvalAndSweepTest {
    @TempDir
    Path tmp;

    /** The printed lines that do not depend on where and how fast the work ran. */
    private static String results(String printed) {
        return printed.lines().filter(l -> !l.startsWith("samples ") && !l.startsWith("cluster ")
                && !l.startsWith("lambda ")).collect(Collectors.joining("\n"));
    }

    @Test
    void sparkEvaluationEqualsTheSingleMachineOne() {
        Path run = tmp.resolve("run");
        CliRuns.run("train", "--model", CliRuns.model("builtin-mlp.textproto"), "--data", "builtin:32", "--test-limit",
                "10", "--mode", "minibatch", "--batch", "8", "--lr", "0.004", "--no-progress", "--out", run.toString());
        String model = run.resolve("model.pb").toString();
        String local = CliRuns.run("eval", "--model", model, "--data", "builtin:32", "--limit", "60");
        String spark = CliRuns.run("eval", "--model", model, "--data", "builtin:32", "--limit", "60", "--spark",
                "local[3]", "--spark-cache", tmp.resolve("eval-shards").toUri().toString());
        assertTrue(spark.contains("cluster            Spark"), spark);
        assertTrue(local.contains("samples            60 "), local);
        assertEquals(results(local), results(spark));
    }

    @Test
    void aFourSettingSweepOnSparkMatchesOneRunAfterAnother() throws IOException {
        String[] grid = {"sweep", "--model", CliRuns.model("builtin-mlp.textproto"), "--data", "builtin:32",
                "--test-limit", "20", "--lambda", "0,10", "--lr", "0.002,0.008", "--batch", "8"};
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        CliRuns.run(concat(grid, "--threads", "2", "--out", local.toString()));
        CliRuns.run(concat(grid, "--spark", "local[2]", "--out", spark.toString()));
        List<String> a = Files.readAllLines(local.resolve("sweep.csv"));
        List<String> b = Files.readAllLines(spark.resolve("sweep.csv"));
        assertEquals(5, a.size(), "header and four settings");
        assertEquals(withoutSeconds(a), withoutSeconds(b));
        assertEquals("0.0,0.002,8", a.get(1).substring(0, a.get(1).indexOf(",8,") + 2));
        assertArrayEquals(Files.readAllBytes(local.resolve("model.pb")), Files.readAllBytes(spark.resolve("model.pb")),
                "the best setting's model");
    }

    private static List<String> withoutSeconds(List<String> rows) {
        return rows.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
