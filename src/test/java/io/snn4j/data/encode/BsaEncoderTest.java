package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import org.junit.jupiter.api.Test;

class BsaEncoderTest {
    private static Cochleagram oneChannel(float... frames) {
        return new Cochleagram(1, frames.length, 62.5, frames, new double[] {1000});
    }

    /** The kernel placed at frames p..p+23 of a 60-frame channel (one tick per frame, scale 1). */
    private static Cochleagram kernelAt(int p) {
        double[] k = BsaEncoder.kernelTaps();
        float[] v = new float[60];
        for (int j = 0; j < k.length; j++) {
            v[p + j] = (float) k[j];
        }
        return oneChannel(v);
    }

    @Test
    void kernelIsTheNormalisedGaussian() {
        double[] k = BsaEncoder.kernelTaps();
        assertEquals(24, k.length);
        // sum_{j=0}^{23} exp(-(j-12)^2/25) = 8.855668966578119 (Python, float64)
        assertEquals(1 / 8.855668966578119, k[12], 1e-15);
        assertEquals(Math.exp(-144.0 / 25) / 8.855668966578119, k[0], 1e-15);
        assertEquals(Math.exp(-121.0 / 25) / 8.855668966578119, k[23], 1e-15);
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-15);
    }

    @Test
    void theKernelAtTheStartGivesOneSpikeAtTickOne() {
        // i = 0: e1 = 0, e2 = sum k = 1, 0 < 1 - 0.6: spike at 0 + 1; subtracting leaves zeros, so nothing else.
        InputSpikes s = new BsaEncoder(1, 0.6, 1).encode(kernelAt(0), 100, 0, 0);
        assertArrayEquals(new int[] {1}, s.ticks());
        assertArrayEquals(new int[] {0}, s.channels());
    }

    @Test
    void aKernelLaterInTheSignalSpikesOnceAtItsPlaceWithAStrictThreshold() {
        // Kernel at p = 7. One step early (i = 6) the window holds the kernel shifted by one:
        // e1 = sum |k[j-1] - k[j]| = 0.22495, e2 = 1 - k[23] = 0.99911 (Python).
        // Threshold 0.95: 0.22495 < 0.04911 fails, so no early spike; at i = 7, e1 = 0 < 1 - 0.95: spike at 8.
        InputSpikes strict = new BsaEncoder(1, 0.95, 1).encode(kernelAt(7), 100, 0, 0);
        assertArrayEquals(new int[] {8}, strict.ticks());
        // Reference threshold 0.6: 0.22495 < 0.39911, so BSA fires one tick early (at i = 6, tick 7); the residual
        // k[j-1] - k[j] then never passes the test again: still exactly one spike.
        InputSpikes reference = new BsaEncoder(1, 0.6, 1).encode(kernelAt(7), 100, 0, 0);
        assertArrayEquals(new int[] {7}, reference.ticks());
    }

    @Test
    void zeroInputGivesNoSpikes() {
        assertEquals(0, BsaEncoder.reference().encode(oneChannel(new float[50]), 600, 1, 2).size());
    }

    @Test
    void framesAreHeldForTicksPerFrameAndScaled() {
        // 40 frames of 0.25 / 2000, scaled by 2000 and held for 10 ticks: a constant 0.25 over 400 ticks. At i = 0,
        // e2 = 24 x 0.25 = 6 and, every k[j] being below 0.25, e1 = 6 - 1 = 5 < 6 - 0.6: a spike at tick 1.
        // A Python transliteration of readSpeechData.cpp::BSA gives 111 spikes for this signal.
        float[] frames = new float[40];
        java.util.Arrays.fill(frames, 0.25f / 2000);
        InputSpikes held = BsaEncoder.reference().encode(oneChannel(frames), 1000, 0, 0);
        assertEquals(1, held.tick(0));
        assertEquals(111, held.size());
        float[] spelled = new float[400];
        java.util.Arrays.fill(spelled, 0.25f / 2000);
        InputSpikes expanded = new BsaEncoder(2000, 0.6, 1).encode(oneChannel(spelled), 1000, 0, 0);
        assertArrayEquals(expanded.ticks(), held.ticks());
    }

    @Test
    void aShortPulseIsNotEnoughToMatchTheKernel() {
        // 0.5 for 10 ticks then zeros: at i = 0, e2 - e1 = sum_{j<10} k[j] - sum_{j>=10} k[j] < 0, and later windows
        // hold less of the pulse, so BSA never fires (Python transliteration agrees: no spikes).
        InputSpikes s = BsaEncoder.reference().encode(oneChannel(0.5f / 2000, 0, 0), 1000, 0, 0);
        assertEquals(0, s.size());
    }

    @Test
    void spikesAtOrAfterTheTickCountAreDropped() {
        float[] v = new float[40];
        java.util.Arrays.fill(v, 0.5f / 2000);
        InputSpikes all = BsaEncoder.reference().encode(oneChannel(v), 10_000, 0, 0);
        int cut = all.tick(all.size() / 2);
        InputSpikes cutOff = BsaEncoder.reference().encode(oneChannel(v), cut, 0, 0);
        int expected = 0;
        for (int i = 0; i < all.size(); i++) {
            expected += all.tick(i) < cut ? 1 : 0;
        }
        assertEquals(expected, cutOff.size());
        assertTrue(cutOff.lastTick() < cut);
        for (int i = 0; i < cutOff.size(); i++) {
            assertEquals(all.tick(i), cutOff.tick(i));
        }
    }

    @Test
    void channelsAreEncodedIndependentlyAndMergedByTick() {
        double[] k = BsaEncoder.kernelTaps();
        float[] values = new float[2 * 60];
        for (int j = 0; j < 24; j++) {
            values[j] = (float) k[j];
            values[60 + 20 + j] = (float) k[j];
        }
        Cochleagram c = new Cochleagram(2, 60, 62.5, values, new double[] {2000, 1000});
        InputSpikes s = new BsaEncoder(1, 0.95, 1).encode(c, 100, 0, 0);
        assertArrayEquals(new int[] {1, 21}, s.ticks());
        assertArrayEquals(new int[] {0, 1}, s.channels());
        assertEquals(2, s.channelCount());
        assertEquals(2, BsaEncoder.reference().channelCount(2));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BsaEncoder(0, 0.6, 10));
        assertThrows(IllegalArgumentException.class, () -> new BsaEncoder(2000, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new BsaEncoder(2000, 0.6, 0));
        assertThrows(IllegalArgumentException.class,
                () -> BsaEncoder.reference().encode(oneChannel(1f), 0, 0, 0));
    }
}
