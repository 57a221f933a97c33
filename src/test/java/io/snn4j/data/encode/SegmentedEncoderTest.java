package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import org.junit.jupiter.api.Test;

class SegmentedEncoderTest {
    /** An inner encoder that returns fixed spikes of 2 channels whatever the cochleagram. */
    private static CochleagramEncoder fixed(int[] ticks, int[] channels) {
        return new CochleagramEncoder() {
            @Override
            public InputSpikes encode(Cochleagram cochleagram, int ticks0, long seed, long sampleIndex) {
                return InputSpikes.of(2, ticks, channels);
            }

            @Override
            public int channelCount(int cochleagramChannels) {
                return cochleagramChannels;
            }
        };
    }

    private static Cochleagram frames(int frames) {
        return new Cochleagram(2, frames, 62.5, new float[2 * frames], new double[] {100, 200});
    }

    @Test
    void routesEachSpikeToTheCopyOfItsPartOfTheUtterance() {
        // 6 frames x 10 ticks per frame = 60 ticks; 3 segments of 20 ticks: [0, 20), [20, 40), [40, 60)
        int[] ticks = {1, 1, 19, 20, 39, 40, 59, 60, 63};
        int[] channels = {0, 1, 1, 0, 1, 0, 1, 0, 1};
        SegmentedEncoder e = new SegmentedEncoder(fixed(ticks, channels), 3, 10);
        InputSpikes s = e.encode(frames(6), 100, 1, 0);
        assertEquals(6, s.channelCount());
        assertEquals(6, e.channelCount(2));
        assertArrayEquals(ticks, s.ticks());
        // segment * 2 + channel; ticks at or past the end (BSA's tail) count to the last segment
        assertArrayEquals(new int[] {0, 1, 1, 2, 3, 4, 5, 4, 5}, s.channels());
    }

    @Test
    void theLengthIsCutAtTheSampleLength() {
        // 10 frames = 100 ticks, but the sample is 40 ticks long: segments of 20
        SegmentedEncoder e = new SegmentedEncoder(fixed(new int[] {19, 20, 39}, new int[] {0, 0, 0}), 2, 10);
        assertArrayEquals(new int[] {0, 2, 2}, e.encode(frames(10), 40, 1, 0).channels());
        // an empty cochleagram has length 1 tick: everything is in the last segment
        assertArrayEquals(new int[] {2, 2, 2}, e.encode(frames(0), 40, 1, 0).channels());
    }

    @Test
    void oneSegmentIsTheInnerEncoder() {
        InputSpikes inner = InputSpikes.of(2, new int[] {3}, new int[] {1});
        CochleagramEncoder same = new CochleagramEncoder() {
            @Override
            public InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex) {
                return inner;
            }

            @Override
            public int channelCount(int cochleagramChannels) {
                return cochleagramChannels;
            }
        };
        assertSame(inner, new SegmentedEncoder(same, 1, 10).encode(frames(4), 50, 1, 0));
    }

    @Test
    void rejectsBadSettings() {
        CochleagramEncoder inner = fixed(new int[0], new int[0]);
        assertEquals("segmented encoder: segments must lie in 1..64, was 0", assertThrows(
                IllegalArgumentException.class, () -> new SegmentedEncoder(inner, 0, 10)).getMessage());
        assertEquals("segmented encoder: segments must lie in 1..64, was 65", assertThrows(
                IllegalArgumentException.class, () -> new SegmentedEncoder(inner, 65, 10)).getMessage());
        assertEquals("segmented encoder: ticksPerFrame must be >= 1, was 0", assertThrows(
                IllegalArgumentException.class, () -> new SegmentedEncoder(inner, 2, 0)).getMessage());
    }
}
