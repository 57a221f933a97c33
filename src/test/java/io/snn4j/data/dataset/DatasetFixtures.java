package io.snn4j.data.dataset;

import io.snn4j.data.encode.EventBinning;
import io.snn4j.data.transform.TestEvents;
import io.snn4j.data.transform.Transforms;
import io.snn4j.event.InputSpikes;

/** Small synthetic data sets for the tests of this package. */
final class DatasetFixtures {
    private DatasetFixtures() {
    }

    /** N-MNIST-sized synthetic recordings (4000 events, 300 ms), labels i % 10, with random augmentation. */
    static EventDataset nmnistLike(int size, long seed) {
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % 10;
        }
        return EventDataset.of(i -> TestEvents.random(34, 34, 4000, 300_000, 1000 + i), labels,
                Transforms.compose(Transforms.randomShift(1, 1), Transforms.timeJitter(200)),
                EventBinning.nmnistReference(), seed);
    }

    static void assertSameSpikes(InputSpikes expected, InputSpikes actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.channelCount(), actual.channelCount());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.ticks(), actual.ticks());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.channels(), actual.channels());
    }
}
