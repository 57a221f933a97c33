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

    @Test
    void drawsEachSensorAtItsOwnGeometry() {
        EventRenderer.Geometry nmnist = EventRenderer.Geometry.of(34, 34);
        assertEquals(8, nmnist.cell()); // min(300 / 34, 380 / 34) = 8
        assertEquals(1, nmnist.down());
        EventRenderer.Geometry dvx = EventRenderer.Geometry.of(320, 240);
        assertEquals(320, dvx.drawnWidth());
        assertEquals(240, dvx.drawnHeight());
        EventRenderer.Geometry gen4 = EventRenderer.Geometry.of(1280, 720);
        assertEquals(2, gen4.down()); // 1280 / 640
        assertEquals(640, gen4.drawnWidth());
        assertEquals(360, gen4.drawnHeight());
        EventRenderer.Geometry odd = EventRenderer.Geometry.of(1281, 10);
        assertEquals(3, odd.down());
        assertEquals(427, odd.columns()); // ceil(1281 / 3)
        // an event at the far corner of a 1280 x 720 sensor lands in the last block, drawn in the event image
        EventStream s = EventStream.of(1280, 720, new long[] {5, 9}, new short[] {1279, 0}, new short[] {719, 0},
                new byte[] {1, 0});
        BufferedImage img = EventRenderer.render(s, "corner");
        assertEquals(16 + 700 + 16 + 64 + 620 + 16, img.getWidth());
        int x0 = 16 + 36;
        int y0 = 44 + 16 + 24;
        assertEquals(EventRenderer.ON.getRGB(), img.getRGB(x0 + 639, y0 + 359));
        assertEquals(EventRenderer.OFF.getRGB(), img.getRGB(x0, y0));
    }

    @Test
    void saturatesAtThe999thPercentileSoHotPixelsDoNotDarkenTheRest() {
        int[] on = new int[2000];
        int[] off = new int[2000];
        java.util.Arrays.fill(on, 3);
        on[0] = 5000; // one hot pixel among 2000 counts of 3
        assertEquals(3, EventRenderer.saturation(on, off, 5000));
        assertEquals(7, EventRenderer.saturation(new int[] {7}, new int[] {0}, 7));
    }
}
