package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.EventStream;
import io.snn4j.data.transform.TestEvents;
import io.snn4j.event.InputSpikes;
import org.junit.jupiter.api.Test;

class EventBinningTest {
    private final EventBinning reference = EventBinning.nmnistReference();

    @Test
    void referenceLayoutNumbersChannelsColumnMajorWithOffBlockAfterOn() {
        ChannelLayout l = ChannelLayout.nmnist();
        assertEquals(2312, l.channelCount());
        assertEquals(0, l.channel(0, 0, 1));
        assertEquals(33, l.channel(0, 33, 1));
        assertEquals(34, l.channel(1, 0, 1));
        assertEquals(2 * 34 + 5, l.channel(2, 5, 1));
        // MATLAB 1-based (x-1)*34 + y + 1156 with x = 3, y = 6 is 1230; the 0-based channel is one less
        assertEquals((3 - 1) * 34 + 6 + 1156 - 1, l.channel(2, 5, 0));
        assertEquals(2311, l.channel(33, 33, 0));
    }

    @Test
    void mergedAndGenericLayouts() {
        ChannelLayout merged = ChannelLayout.mergedPolarities(4, 3);
        assertEquals(12, merged.channelCount());
        assertEquals(2 * 3 + 1, merged.channel(2, 1, 0));
        assertEquals(2 * 3 + 1, merged.channel(2, 1, 1));
        ChannelLayout generic = ChannelLayout.of(4, 3);
        assertEquals(24, generic.channelCount());
        assertEquals(7, generic.channel(2, 1, 1));
        assertEquals(7 + 12, generic.channel(2, 1, 0));
    }

    @Test
    void ticksFollowCeilPlusOneRule() {
        // ceil(t/600) + 1
        assertEquals(1, reference.tickOf(0));
        assertEquals(2, reference.tickOf(1));
        assertEquals(2, reference.tickOf(600));
        assertEquals(3, reference.tickOf(601));
        assertEquals(539, reference.tickOf(538 * 600));
        assertEquals(540, reference.tickOf(538 * 600 + 1));
    }

    @Test
    void binsHandExampleAndMergesDuplicates() {
        EventStream s = TestEvents.of(34, 34,
                new long[] {1, 0, 0, 1},      // tick 2, channel 0
                new long[] {600, 0, 0, 1},    // tick 2, channel 0 again: merged
                new long[] {600, 2, 5, 0},    // tick 2, channel 2*34+5+1156 = 1229
                new long[] {601, 2, 5, 0},    // tick 3, channel 1229
                new long[] {601, 33, 33, 1},  // tick 3, channel 1155
                new long[] {322800, 1, 1, 1}, // tick 539, channel 35: last kept tick
                new long[] {322801, 1, 1, 1}); // tick 540 >= 540: dropped
        InputSpikes in = reference.bin(s);
        assertEquals(2312, in.channelCount());
        assertArrayEquals(new int[] {2, 2, 3, 3, 539}, in.ticks());
        assertArrayEquals(new int[] {0, 1229, 1155, 1229, 35}, in.channels());
    }

    @Test
    void unorderedInputGivesSameResultAsOrdered() {
        EventStream ordered = TestEvents.random(34, 34, 4000, 330_000, 7);
        long[][] rows = TestEvents.rows(ordered);
        long[][] reversed = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            reversed[i] = rows[rows.length - 1 - i];
        }
        InputSpikes a = reference.bin(ordered);
        InputSpikes b = reference.bin(TestEvents.of(34, 34, reversed));
        assertArrayEquals(a.ticks(), b.ticks());
        assertArrayEquals(a.channels(), b.channels());
        assertTrue(a.size() > 3000);
    }

    @Test
    void configurableTickWidthOffsetAndCount() {
        EventBinning b = new EventBinning(ChannelLayout.mergedPolarities(2, 2), 1000, 0, 3);
        EventStream s = TestEvents.of(2, 2,
                new long[] {0, 1, 1, 0},     // tick 0, channel 3
                new long[] {1000, 1, 0, 1},  // tick 1, channel 2
                new long[] {1000, 1, 0, 0},  // tick 1, channel 2: merged across polarities
                new long[] {2001, 0, 1, 1}); // tick 3 >= 3: dropped
        InputSpikes in = b.bin(s);
        assertArrayEquals(new int[] {0, 1}, in.ticks());
        assertArrayEquals(new int[] {3, 2}, in.channels());
    }

    @Test
    void rejectsMismatchedSensorAndBadParameters() {
        EventStream s = TestEvents.of(10, 10, new long[] {0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reference.bin(s));
        assertTrue(e.getMessage().contains("10 x 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EventBinning(ChannelLayout.nmnist(), 0, 1, 10));
        assertTrue(e.getMessage().contains("usPerTick must be >= 1, was 0"), e.getMessage());
    }

    @Test
    void emptyStreamGivesNoSpikes() {
        assertEquals(0, reference.bin(TestEvents.of(34, 34)).size());
    }
}
