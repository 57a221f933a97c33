package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.nmnist.NmnistLayout;
import io.snn4j.data.nmnist.NmnistReader;
import io.snn4j.data.nmnist.NmnistSample;
import io.snn4j.testing.SharedDatasets;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataEmulateCommandTest {

    /** Runs the CLI with stdout and stderr captured (tests print nothing). */
    static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            return Main.execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void writesBuiltinRecordingsAndAListFileTheLayoutReaderAccepts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("emulated");
        assertEquals(0, run("data", "emulate", "--images", "builtin", "--count", "12", "--seed", "3",
                "--out", out.toString()));
        String list = Files.readString(out.resolve("labels.txt"), StandardCharsets.US_ASCII);
        assertTrue(list.startsWith("#sample #class\r\n1\t0\r\n2\t1\r\n"), list);
        List<NmnistSample> samples = NmnistLayout.fromListFile(out.resolve("labels.txt"));
        assertEquals(12, samples.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(out.resolve((i + 1) + ".bin").toAbsolutePath(), samples.get(i).file().toAbsolutePath());
            assertEquals(i % 10, samples.get(i).label());
            EventStream events = new NmnistReader().read(samples.get(i).file()).events();
            assertTrue(events.size() > 1000, "recording " + (i + 1) + " has " + events.size() + " events");
        }
        try (var files = Files.list(out)) {
            assertEquals(13, files.count(), "12 recordings and the list file, no temporary files");
        }
    }

    @Test
    void outputDependsOnSeedNotOnThreads(@TempDir Path dir) throws IOException {
        assertEquals(0, run("data", "emulate", "--images", "builtin", "--count", "4", "--out",
                dir.resolve("a").toString()));
        assertEquals(0, run("data", "emulate", "--images", "builtin", "--count", "4", "--threads", "2", "--out",
                dir.resolve("b").toString()));
        assertEquals(0, run("data", "emulate", "--images", "builtin", "--count", "4", "--seed", "2", "--out",
                dir.resolve("c").toString()));
        for (int id = 1; id <= 4; id++) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(id + ".bin"));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(id + ".bin")));
            assertTrue(!java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(id + ".bin"))));
        }
    }

    @Test
    void emulatesMnistImagesWithMnistLabels(@TempDir Path dir) throws IOException {
        Path mnist = SharedDatasets.require("mnist");
        Path out = dir.resolve("m");
        assertEquals(0, run("data", "emulate", "--images", "mnist:" + mnist, "--count", "3", "--out",
                out.toString(), "--list", "train3.txt"));
        // MNIST's first training labels are 5 0 4
        assertEquals("#sample #class\r\n1\t5\r\n2\t0\r\n3\t4\r\n",
                Files.readString(out.resolve("train3.txt"), StandardCharsets.US_ASCII));
        assertTrue(Files.size(out.resolve("1.bin")) > 5 * 1000);
    }

    @Test
    void badArgumentsAreUsageErrors(@TempDir Path dir) {
        assertEquals(2, run("data", "emulate", "--images", "cifar", "--out", dir.toString()));
        assertEquals(2, run("data", "emulate", "--images", "builtin", "--count", "0", "--out", dir.toString()));
        assertEquals(2, run("data", "emulate", "--images", "builtin"));
    }

    @Test
    void missingMnistFolderIsARuntimeFailure(@TempDir Path dir) {
        assertEquals(1, run("data", "emulate", "--images", "mnist:" + dir.resolve("absent"), "--out",
                dir.resolve("o").toString()));
    }
}
