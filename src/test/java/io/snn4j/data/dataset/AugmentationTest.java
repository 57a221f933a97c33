package io.snn4j.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.encode.ChannelLayout;
import io.snn4j.event.InputSpikes;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    private static final ChannelLayout NMNIST = ChannelLayout.nmnist();

    /** Channel of (x, y, polarity) in the N-MNIST layout, written out as documented: x * 34 + y (+ 1156 for OFF). */
    private static int ch(int x, int y, int polarity) {
        return x * 34 + y + (polarity == 0 ? 1156 : 0);
    }

    @Test
    void shiftMovesEachSpikeByWholePixelsAndDropsThoseLeavingTheSensor() {
        InputSpikes in = InputSpikes.of(2312, new int[] {2, 4, 4, 7},
                new int[] {ch(3, 5, 1), ch(33, 0, 0), ch(10, 10, 0), ch(0, 0, 1)});
        InputSpikes out = new Augmentation(NMNIST, 1, 0).shift(in, 1, -1);
        // (3,5,ON) -> (4,4,ON) = 140; (33,0,OFF) -> x 34, gone; (10,10,OFF) -> (11,9,OFF) = 1156 + 383 = 1539;
        // (0,0,ON) -> y -1, gone
        assertArrayEquals(new int[] {2, 4}, out.ticks());
        assertArrayEquals(new int[] {140, 1539}, out.channels());
        InputSpikes back = new Augmentation(NMNIST, 1, 0).shift(out, -2, 3);
        // (4,4,ON) -> (2,7,ON) = 75; (11,9,OFF) -> (9,12,OFF) = 1156 + 318 = 1474
        assertArrayEquals(new int[] {75, 1474}, back.channels());
        assertEquals(2312, back.channelCount());
    }

    @Test
    void sameSeedEpochAndIndexGiveTheSameSampleAndOtherEpochsOtherDraws() {
        InputSpikes in = randomSample(new SplittableRandom(3), 400);
        Augmentation a = new Augmentation(NMNIST, 2, 0.1);
        InputSpikes first = a.apply(in, 7, 1, 42);
        InputSpikes again = a.apply(in, 7, 1, 42);
        assertArrayEquals(first.ticks(), again.ticks());
        assertArrayEquals(first.channels(), again.channels());
        Set<String> draws = new HashSet<>();
        for (int epoch = 0; epoch < 8; epoch++) {
            InputSpikes s = a.apply(in, 7, epoch, 42);
            draws.add(java.util.Arrays.toString(s.channels()) + java.util.Arrays.toString(s.ticks()));
        }
        assertTrue(draws.size() >= 6, "8 epochs gave only " + draws.size() + " different samples");
        InputSpikes otherSeed = a.apply(in, 8, 1, 42);
        assertTrue(!java.util.Arrays.equals(first.channels(), otherSeed.channels())
                || !java.util.Arrays.equals(first.ticks(), otherSeed.ticks()), "another seed, another draw");
    }

    @Test
    void shiftsAreWholeTranslationsDrawnUniformlyFromMinusNToN() {
        // one spike in the middle: the drawn shift can be read off its channel
        InputSpikes in = InputSpikes.of(2312, new int[] {5}, new int[] {ch(17, 17, 1)});
        Augmentation a = new Augmentation(NMNIST, 1, 0);
        int[][] counts = new int[3][3];
        int n = 1800;
        for (int i = 0; i < n; i++) {
            InputSpikes s = a.apply(in, 11, 0, i);
            assertEquals(1, s.size());
            assertEquals(5, s.tick(0));
            int c = s.channel(0);
            int dx = c / 34 - 17;
            int dy = c % 34 - 17;
            assertTrue(Math.abs(dx) <= 1 && Math.abs(dy) <= 1, "shift (" + dx + ", " + dy + ")");
            counts[dx + 1][dy + 1]++;
        }
        for (int[] row : counts) {
            for (int k : row) {
                // 200 expected per cell; binomial sd 13
                assertTrue(k > 150 && k < 250, java.util.Arrays.deepToString(counts));
            }
        }
    }

    @Test
    void dropKeepsASubsetOfAboutOneMinusPOfTheSpikes() {
        InputSpikes in = randomSample(new SplittableRandom(5), 20_000);
        Augmentation a = new Augmentation(NMNIST, 0, 0.3);
        InputSpikes out = a.apply(in, 1, 0, 0);
        double kept = (double) out.size() / in.size();
        assertEquals(0.7, kept, 0.015);
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            all.add(((long) in.tick(i) << 32) | in.channel(i));
        }
        for (int i = 0; i < out.size(); i++) {
            assertTrue(all.contains(((long) out.tick(i) << 32) | out.channel(i)), "spike " + i
                    + " was not in the input");
        }
    }

    @Test
    void viewAugmentsEachSampleWithItsOwnDrawAndKeepsLabels() {
        InputSpikes[] samples = {randomSample(new SplittableRandom(1), 50), randomSample(new SplittableRandom(2), 60)};
        Dataset base = new Dataset() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public int label(int index) {
                return 7 + index;
            }

            @Override
            public InputSpikes load(int index) {
                return samples[index];
            }

            @Override
            public int channelCount() {
                return 2312;
            }

            @Override
            public int tickCount() {
                return 540;
            }
        };
        Augmentation a = new Augmentation(NMNIST, 1, 0);
        Dataset view = a.view(base, 9, 3);
        assertEquals(2, view.size());
        assertEquals(8, view.label(1));
        assertEquals(540, view.tickCount());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(a.apply(samples[i], 9, 3, i).channels(), view.load(i).channels());
        }
    }

    @Test
    void parsesSpecsAndRejectsBadOnesByName() {
        assertNull(Augmentation.parse("none", NMNIST));
        assertNull(Augmentation.parse("shift:0", NMNIST));
        Augmentation a = Augmentation.parse("shift:2,drop:0.1", NMNIST);
        assertNotNull(a);
        assertEquals(2, a.maxShiftPx());
        assertEquals(0.1, a.dropProbability());
        assertEquals("shift:2,drop:0.1", a.toString());
        assertEquals("shift:1", Augmentation.parse("shift:1", NMNIST).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift:9", NMNIST))
                .getMessage().contains("shift must be in 0..8"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift:x", NMNIST))
                .getMessage().contains("'x' in 'shift:x' is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("blur:1", NMNIST))
                .getMessage().contains("unknown or repeated part 'blur:1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("shift:1,shift:2", NMNIST))
                .getMessage().contains("unknown or repeated part 'shift:2'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Augmentation.parse("drop:1", NMNIST))
                .getMessage().contains("drop must be in [0, 0.9]"));
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(NMNIST, 1, 0)
                .shift(InputSpikes.empty(784), 0, 0));
    }

    private static InputSpikes randomSample(SplittableRandom r, int n) {
        int[] ticks = new int[n];
        int[] channels = new int[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = r.nextInt(540);
            channels[i] = r.nextInt(2312);
        }
        java.util.Arrays.sort(ticks);
        return InputSpikes.of(2312, ticks, channels);
    }
}
