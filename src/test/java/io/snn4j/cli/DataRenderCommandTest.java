package io.snn4j.cli;

import static io.snn4j.cli.DataEmulateCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRenderCommandTest {

    @Test
    void rendersAnEmulatedRecordingIntoAPng(@TempDir Path dir) throws IOException {
        assertEquals(0, run("data", "emulate", "--images", "builtin", "--count", "1", "--out", dir.toString()));
        Path png = dir.resolve("pictures").resolve("1.png");
        assertEquals(0, run("data", "render", dir.resolve("1.bin").toString(), "--out", png.toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        assertEquals(1072, image.getWidth());
    }

    @Test
    void refusesAnOutputThatIsNotPng(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("1.bin");
        Files.write(bin, new byte[] {1, 2, (byte) 0x80, 0, 5});
        assertEquals(2, run("data", "render", bin.toString(), "--out", dir.resolve("x.jpg").toString()));
        assertFalse(Files.exists(dir.resolve("x.jpg")));
    }

    @Test
    void missingOrMalformedInputIsARuntimeFailure(@TempDir Path dir) throws IOException {
        assertEquals(1, run("data", "render", dir.resolve("absent.bin").toString(), "--out",
                dir.resolve("a.png").toString()));
        Path bad = dir.resolve("bad.bin");
        Files.write(bad, new byte[] {1, 2, 3});
        assertEquals(1, run("data", "render", bad.toString(), "--out", dir.resolve("b.png").toString()));
        assertFalse(Files.exists(dir.resolve("b.png")));
    }
}
