package io.snn4j.data.dataset;

import static io.snn4j.data.dataset.DatasetFixtures.assertSameSpikes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventDatasetTest {
    @Test
    void loadIsDeterministicPerIndexAndEpochChangesAugmentation() {
        EventDataset ds = DatasetFixtures.nmnistLike(5, 99);
        assertEquals(5, ds.size());
        assertEquals(2312, ds.channelCount());
        assertEquals(540, ds.tickCount());
        assertEquals(3, ds.label(3));
        InputSpikes a = ds.load(3);
        ds.load(1);
        assertSameSpikes(a, ds.load(3));
        assertSameSpikes(a, DatasetFixtures.nmnistLike(5, 99).load(3));
        InputSpikes epoch1 = ds.forEpoch(1).load(3);
        assertFalse(Arrays.equals(a.channels(), epoch1.channels()));
        assertTrue(a.size() > 3000);
    }

    @Test
    void sampleIsLazy() {
        EventDataset ds = DatasetFixtures.nmnistLike(2, 1);
        Sample s = ds.sample(1);
        assertFalse(s.isLoaded());
        assertEquals(1, s.label());
        assertSameSpikes(ds.load(1), s.spikes());
        assertTrue(s.isLoaded());
    }

    @Test
    void rejectsBadIndexAndLabels() {
        EventDataset ds = DatasetFixtures.nmnistLike(2, 1);
        assertEquals("sample index must be in [0, 2), was 2",
                assertThrows(IndexOutOfBoundsException.class, () -> ds.load(2)).getMessage());
        assertEquals("labels[1] must be >= 0, was -1", assertThrows(IllegalArgumentException.class,
                () -> EventDataset.of(i -> null, new int[] {0, -1}, io.snn4j.data.transform.Transforms.identity(),
                        io.snn4j.data.encode.EventBinning.nmnistReference(), 0)).getMessage());
    }
}
