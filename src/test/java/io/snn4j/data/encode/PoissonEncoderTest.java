package io.snn4j.data.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PoissonEncoderTest {
    private static Cochleagram constant(int channels, int frames, float value) {
        float[] v = new float[channels * frames];
        Arrays.fill(v, value);
        return new Cochleagram(channels, frames, 62.5, v, new double[channels]);
    }

    @Test
    void spikeCountMatchesTheBinomialMean() {
        PoissonEncoder enc = new PoissonEncoder(10, 2.0, 0.2);
        // 20 channels x 50 frames x 10 ticks = 10,000 Bernoulli draws with p = 0.2 x (1.0 / 2.0) = 0.1:
        // mean 1000, standard deviation sqrt(10000 x 0.1 x 0.9) = 30; 5 sigma = 150 (false failure ~ 6e-7).
        InputSpikes s = enc.encode(constant(20, 50, 1.0f), 501, 42, 7);
        assertEquals(1000, s.size(), 150);
        // Values above maxValue are clipped to maxProbability 0.2: mean 2000, sd 40, 5 sigma = 200.
        InputSpikes clipped = enc.encode(constant(20, 50, 6.0f), 501, 42, 8);
        assertEquals(2000, clipped.size(), 200);
        // Per channel: 500 draws, mean 50, sd sqrt(500 x 0.1 x 0.9) = 6.7; 5 sigma = 34
        int[] perChannel = new int[20];
        for (int i = 0; i < s.size(); i++) {
            perChannel[s.channel(i)]++;
        }
        for (int c = 0; c < 20; c++) {
            assertEquals(50, perChannel[c], 34, "channel " + c);
        }
    }

    @Test
    void probabilityOneFillsTheFrameTicksExactly() {
        // frame 0 at maxValue with maxProbability 1 spikes at every one of its ticks 1..4, frame 1 (zero) never.
        float[] v = {3f, 0f, 3f, 0f};
        Cochleagram c = new Cochleagram(2, 2, 62.5, v, new double[2]);
        InputSpikes s = new PoissonEncoder(4, 3.0, 1.0).encode(c, 100, 1, 1);
        assertArrayEquals(new int[] {1, 1, 2, 2, 3, 3, 4, 4}, s.ticks());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, s.channels());
    }

    @Test
    void zeroAndNegativeValuesNeverSpike() {
        assertEquals(0, new PoissonEncoder(10, 1, 1).encode(constant(3, 20, 0f), 500, 1, 1).size());
        assertEquals(0, new PoissonEncoder(10, 1, 1).encode(constant(3, 20, -1f), 500, 1, 1).size());
    }

    @Test
    void spikesDependOnlyOnSeedAndSampleIndex() {
        PoissonEncoder enc = new PoissonEncoder(10, 1, 0.3);
        Cochleagram c = constant(5, 30, 0.5f);
        InputSpikes a = enc.encode(c, 301, 9, 3);
        InputSpikes b = enc.encode(c, 301, 9, 3);
        assertArrayEquals(a.ticks(), b.ticks());
        assertArrayEquals(a.channels(), b.channels());
        InputSpikes other = enc.encode(c, 301, 9, 4);
        assertFalse(Arrays.equals(a.ticks(), other.ticks()) && Arrays.equals(a.channels(), other.channels()));
    }

    @Test
    void ticksStopAtTheTickCountAndAtTheLastFrame() {
        PoissonEncoder enc = new PoissonEncoder(10, 1, 1);
        InputSpikes cut = enc.encode(constant(2, 30, 1f), 50, 0, 0);
        assertEquals(2 * 49, cut.size());
        assertEquals(49, cut.lastTick());
        InputSpikes whole = enc.encode(constant(2, 3, 1f), 1000, 0, 0);
        assertEquals(2 * 30, whole.size());
        assertEquals(30, whole.lastTick());
        assertTrue(whole.channelCount() == 2);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(0, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(10, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new PoissonEncoder(10, 1, 1.5));
    }
}
