package io.snn4j.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsLayersAndEpochInTheDocumentedByteLayout() throws IOException {
        Path f = dir.resolve("last-step.bin");
        float[][] step = {{1.5f, -0.25f}, {}, {3f}};
        StepFile.write(f, 4, step);
        byte[] b = Files.readAllBytes(f);
        // 8 magic + 4 version + 4 epoch + 4 layer count = 20, then (4 + 2 * 4) + 4 + (4 + 4) = 24
        assertEquals(44, b.length);
        assertEquals("SNN4JSTP", new String(b, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer bb = ByteBuffer.wrap(b);
        assertEquals(1, bb.getInt(8));
        assertEquals(4, bb.getInt(12));
        assertEquals(3, bb.getInt(16));
        assertEquals(2, bb.getInt(20));
        assertEquals(1.5f, bb.getFloat(24));
        assertEquals(-0.25f, bb.getFloat(28));
        StepFile.Step s = StepFile.read(f);
        assertEquals(4, s.epoch());
        assertEquals(3, s.layers().length);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(step[k], s.layers()[k]);
        }
    }

    @Test
    void refusesBadFilesNamingTheOffsetAndTheProblem() throws IOException {
        Path f = dir.resolve("step.bin");
        StepFile.write(f, 0, new float[][] {{1f, 2f}});
        byte[] good = Files.readAllBytes(f);

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(message(f, magic).contains("offset 0: not a step file"));

        assertTrue(message(f, Arrays.copyOf(good, good.length - 1)).contains("offset 20: layer 0 length 2 needs 8 "
                + "bytes, 7 remain"));

        byte[] absurd = good.clone();
        ByteBuffer.wrap(absurd).putInt(20, Integer.MAX_VALUE);
        assertTrue(message(f, absurd).contains("length 2147483647"), "no allocation from the size field");

        byte[] layers = good.clone();
        ByteBuffer.wrap(layers).putInt(16, 100000);
        assertTrue(message(f, layers).contains("offset 16: layer count must be in [0, 4096], was 100000"));

        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putFloat(28, Float.NaN);
        assertTrue(message(f, nan).contains("offset 28: layer 0 value 1 is NaN"));

        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(8, 2);
        assertTrue(message(f, version).contains("format version 2 is not supported"));

        byte[] extra = Arrays.copyOf(good, good.length + 3);
        assertTrue(message(f, extra).contains("3 bytes after the last layer"));

        assertTrue(message(f, new byte[5]).contains("truncated header"));
    }

    private static String message(Path f, byte[] bytes) throws IOException {
        Files.write(f, bytes);
        IOException e = assertThrows(IOException.class, () -> StepFile.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        return e.getMessage();
    }
}
