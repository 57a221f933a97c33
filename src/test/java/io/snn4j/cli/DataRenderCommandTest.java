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
    void rendersTheAedat4AndEvt3SamplesAtTheirOwnGeometry(@TempDir Path dir) throws IOException {
        Path samples = io.snn4j.testing.SharedDatasets.require("event-samples");
        Path png = dir.resolve("dvx.png");
        assertEquals(0, run("data", "render", samples.resolve("dvxplorer_sample.aedat4").toString(), "--out",
                png.toString()));
        assertEquals(16 + 380 + 16 + 64 + 620 + 16, ImageIO.read(png.toFile()).getWidth()); // 320 px wide panel
        Path raw = dir.resolve("evt3.png");
        assertEquals(0, run("data", "render", samples.resolve("evt3_sample.raw").toString(), "--out", raw.toString()));
        assertEquals(16 + 700 + 16 + 64 + 620 + 16, ImageIO.read(raw.toFile()).getWidth()); // 1280 / 2 px wide
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

    @Test
    void rendersARealSpokenDigitWithWaveformCochleagramAndRaster(@TempDir Path dir) throws IOException {
        Path wav = io.snn4j.testing.SharedDatasets.require("fsdd").resolve("recordings/7_jackson_32.wav");
        Path png = dir.resolve("seven.png");
        CliTest.Run r = CliTest.run("data", "render", wav.toString(), "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a readable PNG");
        // 78 Lyon channels; the frame count is the recording's duration at 62.5 frames/s
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("78 channels x "), r.out());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("at 8000 Hz, wav pcm"), r.out());
    }

    @Test
    void rendersASphereRecordingAndRefusesAnUnreadableOne(@TempDir Path dir) throws IOException {
        Path sph = io.snn4j.data.speech.AudioFixtures.write(dir.resolve("0Af1set0.sph"),
                io.snn4j.data.speech.AudioFixtures.sphere(io.snn4j.data.speech.AudioFixtures.tone(6250, 12500, 800),
                        12500));
        CliTest.Run r = CliTest.run("data", "render", sph.toString(), "--out", dir.resolve("a.png").toString());
        assertEquals(0, r.code(), r.err());
        // 6250 samples at 12.5 kHz, decimation 200: 31 frames (0.5 s at 62.5 frames/s), 10 BSA ticks per frame
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("(0.500 s at 12500 Hz, sphere pcm)"), r.out());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains(" x 31 frames, "), r.out());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains(" over 310 ticks"), r.out());
        Path junk = dir.resolve("junk.wav");
        Files.write(junk, new byte[] {'f', 'L', 'a', 'C', 0, 0, 0, 0});
        r = CliTest.run("data", "render", junk.toString(), "--out", dir.resolve("b.png").toString());
        assertEquals(1, r.code());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("junk.wav: byte 0: neither a NIST SPHERE"),
                r.err());
        assertFalse(Files.exists(dir.resolve("b.png")));
    }
}
