package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.snn4j.event.InputSpikes;
import org.junit.jupiter.api.Test;

class LatencyEncoderTest {
    @Test
    void brighterPixelsSpikeEarlierOnceAndZeroIsSilent() {
        LatencyEncoder e = new LatencyEncoder(257);
        // tick = 1 + (255 - p) * 255 / 255 = 256 - p
        assertEquals(1, e.tickOf(255));
        assertEquals(128, e.tickOf(128));
        assertEquals(255, e.tickOf(1));
        InputSpikes in = e.encode(new byte[] {0, 1, (byte) 255, (byte) 128, 0}, 9, 9);
        assertArrayEquals(new int[] {1, 128, 255}, in.ticks());
        assertArrayEquals(new int[] {2, 3, 1}, in.channels());
    }

    @Test
    void equalPixelsShareATickInChannelOrder() {
        InputSpikes in = new LatencyEncoder(10).encode(new byte[] {50, 50, 50}, 0, 0);
        // 1 + 205 * 8 / 255 = 1 + 6 = 7
        assertArrayEquals(new int[] {7, 7, 7}, in.ticks());
        assertArrayEquals(new int[] {0, 1, 2}, in.channels());
    }
}
