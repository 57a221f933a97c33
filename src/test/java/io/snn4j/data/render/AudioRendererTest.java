package io.snn4j.data.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Audio;
import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class AudioRendererTest {
    // layout constants of AudioRenderer: left edge of the plots, top of each panel
    private static final int LEFT = 16 + 78;
    private static final int WAVE_TOP = 44 + 34;
    private static final int COCHLEA_TOP = WAVE_TOP + 110 + 34;
    private static final int RASTER_TOP = COCHLEA_TOP + 280 + 34;

    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    @Test
    void drawsTheCochleagramCellAndTheSpikeWhereTheyBelong() {
        // 1 s of audio; 4 channels x 10 frames, one bright cell at channel 1, frame 5; one spike on channel 2 at
        // 0.75 s (tick 750 at 1 ms per tick).
        Audio audio = new Audio(new float[1000], 1000, 1, 16, "t");
        float[] v = new float[40];
        v[10 + 5] = 1f;
        Cochleagram c = new Cochleagram(4, 10, 10, v, new double[] {4000, 2000, 1000, 500});
        InputSpikes s = InputSpikes.of(4, new int[] {750}, new int[] {2});
        BufferedImage img = AudioRenderer.render(audio, c, s, 0.001, "test");
        // cochleagram cell: x from 0.5 s to 0.6 s of 820 px, y in the second of four 70 px rows
        int cx = LEFT + (int) (0.55 * 820);
        int cy = COCHLEA_TOP + 70 + 35;
        assertEquals(AudioRenderer.heat(1).getRGB() & 0xFFFFFF, rgb(img, cx, cy));
        assertEquals(0x000000, rgb(img, LEFT + (int) (0.25 * 820), cy), "an empty cell is black");
        // spike dot at x = 0.75 s, row 2 of 4 (centre at 2.5 x 70)
        int sx = LEFT + (int) (0.75 * 820);
        int sy = RASTER_TOP + (int) (2.5 * 280 / 4);
        assertEquals(0x141414, rgb(img, sx, sy));
        assertEquals(0xFFFFFF, rgb(img, sx, RASTER_TOP + 20), "no dot on channel 0");
    }

    @Test
    void offSpikesOfTheSecondBankAreRed() {
        Audio audio = new Audio(new float[1000], 1000, 1, 16, "t");
        Cochleagram c = new Cochleagram(2, 10, 10, new float[20], new double[] {2000, 1000});
        InputSpikes s = InputSpikes.of(4, new int[] {500}, new int[] {3});
        BufferedImage img = AudioRenderer.render(audio, c, s, 0.001, "off");
        int sx = LEFT + (int) (0.5 * 820);
        int sy = RASTER_TOP + (int) (1.5 * 280 / 2);
        assertEquals(0xDC2828, rgb(img, sx, sy));
    }

    @Test
    void drawsTheWaveformEnvelope() {
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 50 * i / 1000.0));
        }
        Audio audio = new Audio(x, 1000, 1, 16, "t");
        Cochleagram c = new Cochleagram(1, 0, 10, new float[0], new double[] {100});
        BufferedImage img = AudioRenderer.render(audio, c, null, 0.001, "wave");
        // peak-normalised: the crests reach within 3 px of the panel top and the troughs of its bottom
        int wave = 0x285AAA;
        boolean high = false;
        boolean low = false;
        for (int x1 = LEFT; x1 < LEFT + 820; x1++) {
            high |= rgb(img, x1, WAVE_TOP + 4) == wave;
            low |= rgb(img, x1, WAVE_TOP + 110 - 4) == wave;
        }
        assertTrue(high && low, "waveform drawn from the top to the bottom of its panel");
        assertEquals(0xFFFFFF, rgb(img, LEFT + 400, WAVE_TOP + 1), "nothing above the crest");
    }

    @Test
    void rendersAnEmptyRecordingAndRejectsABadTick() {
        Audio audio = new Audio(new float[0], 12_500, 1, 16, "t");
        Cochleagram c = new Cochleagram(78, 0, 62.5, new float[0], new double[78]);
        BufferedImage img = AudioRenderer.render(audio, c, InputSpikes.empty(78), 0.0016, "empty");
        assertEquals(16 + 78 + 820 + 16, img.getWidth());
        assertFalse(img.getHeight() < 700);
        assertThrows(IllegalArgumentException.class, () -> AudioRenderer.render(audio, c, null, 0, "x"));
    }
}
