package io.snn4j.data.dataset;

import static io.snn4j.data.dataset.DatasetFixtures.assertSameSpikes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.encode.LatencyEncoder;
import io.snn4j.data.encode.RateEncoder;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    private static final byte[] PIXELS = {0, (byte) 255, 10, 0, 100, (byte) 200};

    @Test
    void encodesEachImageWithSeedAndIndex() {
        RateEncoder enc = RateEncoder.reference(50);
        ImageDataset ds = ImageDataset.of(PIXELS, 3, new int[] {4, 7}, enc, 5);
        assertEquals(2, ds.size());
        assertEquals(3, ds.channelCount());
        assertEquals(50, ds.tickCount());
        assertEquals(7, ds.label(1));
        assertSameSpikes(enc.encode(new byte[] {0, 100, (byte) 200}, 5, 1), ds.load(1));
        LatencyEncoder lat = new LatencyEncoder(10);
        assertSameSpikes(lat.encode(new byte[] {0, (byte) 255, 10}, 0, 0),
                ImageDataset.of(PIXELS, 3, new int[] {4, 7}, lat, 5).load(0));
    }

    @Test
    void rejectsPixelCountMismatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of(PIXELS, 4, new int[] {1, 2}, RateEncoder.reference(5), 0));
        assertEquals("image data set: pixels length must be labels.length * pixelsPerImage = 2 * 4, was 6",
                e.getMessage());
    }
}
