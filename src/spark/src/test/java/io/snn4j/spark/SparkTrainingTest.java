package io.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code snn4j train --spark MASTER} against single-machine minibatch mode, through the command line: the same seed,
 * data and batch give the same model.pb and checkpoint.pb bytes whatever the number of partitions, and a Spark run
 * resumed from its checkpoint ends with the bytes of an uninterrupted one.
 */
class SparkTrainingTest {
    @TempDir
    static Path tmp;
    private static Path reference;

    /** Two epochs (the second with a decayed learning rate and boosting weights from the first), 6 steps each. */
    private static List<String> args(Path out, int epochs) {
        return new ArrayList<>(List.of("train", "--model", CliRuns.model("builtin-mlp.textproto"), "--data",
                "builtin:48", "--test-limit", "20", "--mode", "minibatch", "--batch", "8", "--lr", "0.004",
                "--epochs", String.valueOf(epochs), "--threads", "2", "--no-progress", "--out", out.toString()));
    }

    @BeforeAll
    static void trainOnOneMachine() {
        reference = tmp.resolve("single-machine");
        CliRuns.run(args(reference, 2).toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local[1]", "local[2]", "local[3]"})
    void sparkTrainsTheSameModelBytesAsSingleMachineMinibatch(String master) throws IOException {
        Path out = tmp.resolve("spark-" + master.replaceAll("\\W", ""));
        List<String> a = args(out, 2);
        a.addAll(List.of("--spark", master));
        String printed = CliRuns.run(a.toArray(String[]::new));
        assertTrue(printed.contains("cluster   Spark "), printed);
        assertArrayEquals(Files.readAllBytes(reference.resolve("model.pb")), Files.readAllBytes(out.resolve("model.pb")),
                "model.pb at " + master);
        assertArrayEquals(Files.readAllBytes(reference.resolve("checkpoint.pb")),
                Files.readAllBytes(out.resolve("checkpoint.pb")), "checkpoint.pb at " + master);
        assertTrue(Files.isRegularFile(out.resolve("spark-cache").resolve(firstChild(out.resolve("spark-cache")))
                .resolve("manifest.properties")), "shards and manifest in the output folder");
    }

    @Test
    void sparkRunResumedFromItsCheckpointEndsAsAnUninterruptedRun() throws IOException {
        Path out = tmp.resolve("resumed");
        List<String> first = args(out, 1);
        first.addAll(List.of("--spark", "local[2]"));
        CliRuns.run(first.toArray(String[]::new));
        byte[] afterOne = Files.readAllBytes(out.resolve("model.pb"));
        CliRuns.run("train", "--resume", out.toString(), "--epochs", "2", "--threads", "2", "--no-progress", "--spark",
                "local[2]");
        byte[] afterTwo = Files.readAllBytes(out.resolve("model.pb"));
        assertTrue(!Arrays.equals(afterOne, afterTwo), "the second epoch changed the model");
        assertArrayEquals(Files.readAllBytes(reference.resolve("model.pb")), afterTwo);
    }

    private static String firstChild(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow().getFileName().toString();
        }
    }
}
