package io.snn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.dataset.Dataset;
import io.snn4j.event.InputSpikes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emulated:mnist:DIR:exclude=A-B} on a small MNIST written here in IDX format. */
class EmulatedExcludeTest {
    private static final int CHANNELS = 2 * 34 * 34;
    private static final int TICKS = 120;

    @TempDir
    Path dir;

    private void writeMnist(String split, int n, SplittableRandom rng) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + n * 28 * 28).putInt(2051).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n * 28 * 28; i++) {
            int x = i % 28;
            int y = i / 28 % 28;
            // a bright block whose place depends on the image, so recordings differ
            boolean on = Math.abs(x - 8 - i / 784 % 12) < 4 && Math.abs(y - 14) < 8;
            images.put((byte) (on ? 200 + rng.nextInt(50) : 0));
        }
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(2049).putInt(n);
        for (int i = 0; i < n; i++) {
            labels.put((byte) (i * 7 % 10));
        }
        Files.write(dir.resolve(split + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(split + "-labels-idx1-ubyte"), labels.array());
    }

    private DataSpecs.TrainTest open(String options) throws IOException {
        return DataSpecs.open("emulated:mnist:" + dir + options, CHANNELS, TICKS, 5);
    }

    @Test
    void leavesTheRangeOutAndKeepsEveryOtherRecordingAsTheFullSetDrawsIt() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        writeMnist("train", 10, rng);
        writeMnist("t10k", 3, rng);
        Dataset all = open("").train();
        DataSpecs.TrainTest cut = open(":exclude=2-5");
        Dataset kept = cut.train();
        int[] expected = {0, 1, 6, 7, 8, 9};
        assertEquals(expected.length, kept.size());
        assertEquals(3, cut.test().size(), "the test set is untouched");
        assertTrue(cut.description().contains("training images 2..5 left out"), cut.description());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k] * 7 % 10, kept.label(k), "label of kept sample " + k);
            InputSpikes a = kept.load(k);
            InputSpikes b = all.load(expected[k]);
            assertTrue(a.size() > 0, "sample " + k + " has spikes");
            assertArrayEquals(spikes(b), spikes(a), "kept sample " + k + " = full set's sample " + expected[k]);
        }
        assertTrue(!java.util.Arrays.equals(spikes(all.load(0)), spikes(all.load(1))), "recordings differ");
    }

    @Test
    void refusesRangesOutsideTheTrainingSet() throws IOException {
        SplittableRandom rng = new SplittableRandom(4);
        writeMnist("train", 10, rng);
        writeMnist("t10k", 2, rng);
        for (String bad : new String[] {"5-2", "0-10", "-1-3", "x", "3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open(":exclude=" + bad));
            assertTrue(e.getMessage().contains("0 <= A <= B < 10") && e.getMessage().contains("'" + bad + "'"),
                    e.getMessage());
        }
    }

    private static long[] spikes(InputSpikes s) {
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) s.tick(i) << 32 | s.channel(i);
        }
        return out;
    }
}
