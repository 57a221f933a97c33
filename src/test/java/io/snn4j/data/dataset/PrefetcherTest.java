package io.snn4j.data.dataset;

import static io.snn4j.data.dataset.DatasetFixtures.assertSameSpikes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.snn4j.event.InputSpikes;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PrefetcherTest {
    @Test
    void yieldsTheSameSequenceWithOneAndFourThreads() {
        EventDataset ds = DatasetFixtures.nmnistLike(40, 5);
        int[] order = Datasets.shuffledOrder(ds.size(), 5, 2);
        List<Sample> one = drain(Prefetcher.start(ds, order, 1, 1));
        List<Sample> four = drain(Prefetcher.start(ds, order, 4, 8));
        assertEquals(40, one.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(order[i], one.get(i).index());
            assertEquals(order[i], four.get(i).index());
            assertEquals(ds.label(order[i]), four.get(i).label());
            assertSameSpikes(one.get(i).spikes(), four.get(i).spikes());
            assertSameSpikes(ds.load(order[i]), four.get(i).spikes());
        }
    }

    @Test
    void rethrowsLoadFailureForTheFailingSample() {
        Dataset failing = new Dataset() {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public int label(int index) {
                return 0;
            }

            @Override
            public InputSpikes load(int index) {
                if (index == 1) {
                    throw new IllegalStateException("broken sample 1");
                }
                return InputSpikes.empty(1);
            }

            @Override
            public int channelCount() {
                return 1;
            }

            @Override
            public int tickCount() {
                return 1;
            }
        };
        try (Prefetcher p = Prefetcher.start(failing, 2)) {
            assertEquals(0, p.next().index());
            assertEquals("broken sample 1", assertThrows(IllegalStateException.class, p::next).getMessage());
            assertEquals(2, p.next().index());
            assertFalse(p.hasNext());
            assertThrows(NoSuchElementException.class, p::next);
        }
    }

    @Test
    void validatesArguments() {
        EventDataset ds = DatasetFixtures.nmnistLike(2, 5);
        assertThrows(IllegalArgumentException.class, () -> Prefetcher.start(ds, new int[] {0}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Prefetcher.start(ds, new int[] {0}, 2, 1));
        assertEquals("prefetch: order[1] must be in [0, 2), was 2", assertThrows(IllegalArgumentException.class,
                () -> Prefetcher.start(ds, new int[] {0, 2}, 1, 1)).getMessage());
    }

    private static List<Sample> drain(Prefetcher p) {
        List<Sample> out = new ArrayList<>();
        try (p) {
            while (p.hasNext()) {
                out.add(p.next());
            }
        }
        return out;
    }
}
