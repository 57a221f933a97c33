package io.snn4j.data.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class EventRendererTest {

    private static boolean contains(BufferedImage img, int x0, int y0, int x1, int y1, int rgb) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void drawsOnAndOffColoursInTheEventImageAndTheRaster() {
        // one ON-only pixel and one OFF-only pixel, 10 events each, over 100 ms
        int n = 20;
        long[] t = new long[n];
        short[] x = new short[n];
        short[] y = new short[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 5_000L;
            x[i] = (short) (i % 2 == 0 ? 3 : 30);
            y[i] = (short) (i % 2 == 0 ? 3 : 30);
            p[i] = (byte) (i % 2 == 0 ? 1 : 0);
        }
        BufferedImage img = EventRenderer.render(EventStream.of(34, 34, t, x, y, p), "test");
        int on = EventRenderer.ON.getRGB() & 0xFFFFFF;
        int off = EventRenderer.OFF.getRGB() & 0xFFFFFF;
        int split = 16 + 340 + 16;
        // the most active pixel of each polarity is drawn in the full colour (count / max = 1)
        assertTrue(contains(img, 0, 0, split, img.getHeight(), on), "ON colour in the event image");
        assertTrue(contains(img, 0, 0, split, img.getHeight(), off), "OFF colour in the event image");
        assertTrue(contains(img, split, 0, img.getWidth(), img.getHeight(), on), "ON dots in the raster");
        assertTrue(contains(img, split, 0, img.getWidth(), img.getHeight(), off), "OFF dots in the raster");
    }

    @Test
    void rendersAnEmptyRecordingWithoutFailing() {
        BufferedImage img = EventRenderer.render(EventStream.of(34, 34, new long[0], new short[0], new short[0],
                new byte[0]), "empty");
        assertEquals(1072, img.getWidth());
    }
}
