package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import org.junit.jupiter.api.Test;

class DeltaEncoderTest {
    private static Cochleagram oneChannel(float... v) {
        return new Cochleagram(1, v.length, 62.5, v, new double[] {500});
    }

    // Frames 0, 0.6, 0.6, 0.1, 1.0 with step 0.25 and 4 ticks per frame, reference starting at 0:
    // f1: 0.6 - 0 = 0.6 -> 2 ON (ticks 5, 6), r = 0.5; f2: |0.1| < 0.25 -> none; f3: 0.5 - 0.1 = 0.4 -> 1 OFF
    // (tick 13), r = 0.25; f4: 1.0 - 0.25 = 0.75 -> 3 ON (ticks 17, 18, 19), r = 1.0.
    private static final Cochleagram STEPS = oneChannel(0f, 0.6f, 0.6f, 0.1f, 1.0f);

    @Test
    void emitsOnAndOffSpikesAtHandComputedTicks() {
        DeltaEncoder enc = new DeltaEncoder(4, 0.25, true);
        InputSpikes s = enc.encode(STEPS, 100, 0, 0);
        assertArrayEquals(new int[] {5, 6, 13, 17, 18, 19}, s.ticks());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0}, s.channels());
        assertEquals(2, s.channelCount());
        assertEquals(2, enc.channelCount(1));
    }

    @Test
    void withoutOffChannelsFallingLevelsOnlyMoveTheReference() {
        DeltaEncoder enc = new DeltaEncoder(4, 0.25, false);
        InputSpikes s = enc.encode(STEPS, 100, 0, 0);
        assertArrayEquals(new int[] {5, 6, 17, 18, 19}, s.ticks());
        assertEquals(1, s.channelCount());
    }

    @Test
    void aJumpOfMoreStepsThanTicksIsCappedButTheReferenceMovesAllTheWay() {
        // 2.0 / 0.25 = 8 steps, 4 ticks per frame: 4 spikes (ticks 1..4), r = 2.0; the repeated 2.0 then gives none.
        InputSpikes s = new DeltaEncoder(4, 0.25, true).encode(oneChannel(2f, 2f, 1.75f), 100, 0, 0);
        assertArrayEquals(new int[] {1, 2, 3, 4, 9}, s.ticks());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, s.channels());
    }

    @Test
    void spikesAtOrAfterTheTickCountAreDropped() {
        InputSpikes s = new DeltaEncoder(4, 0.25, true).encode(STEPS, 18, 0, 0);
        assertArrayEquals(new int[] {5, 6, 13, 17}, s.ticks());
    }

    @Test
    void constantInputGivesNoSpikesAfterTheFirstFrame() {
        InputSpikes s = new DeltaEncoder(1, 0.1, true).encode(oneChannel(0.35f, 0.35f, 0.35f, 0.35f), 100, 0, 0);
        assertArrayEquals(new int[] {1}, s.ticks());
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeltaEncoder(0, 0.1, true));
        assertThrows(IllegalArgumentException.class, () -> new DeltaEncoder(4, 0, true));
        assertThrows(IllegalArgumentException.class, () -> new DeltaEncoder(4, 0.1, true).encode(STEPS, 0, 0, 0));
    }
}
