package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChannelNormalisationTest {
    private static Cochleagram of(int channels, float... values) {
        double[] cf = new double[channels];
        for (int c = 0; c < channels; c++) {
            cf[c] = 1000.0 * (channels - c);
        }
        return new Cochleagram(channels, values.length / channels, 62.5, values, cf);
    }

    /**
     * Channel means 2, 0.5 and 0.0125 (mean over channels 0.8375): by hand, gains 0.41875, 1.675 and, floored at
     * 0.05 x 0.8375 = 0.041875, 20 (the floor's limit).
     */
    @Test
    void scalesEachChannelToTheMeanOverChannelsWithAFloor() {
        Cochleagram c = of(3, 1, 3, 0, 1, 0.025f, 0);
        Cochleagram n = ChannelNormalisation.normalise(c, 0.05);
        float[] expected = {0.41875f, 1.25625f, 0, 1.675f, 0.5f, 0};
        assertArrayEquals(expected, n.values(), 1e-6f);
        assertEquals(3, n.channels());
        assertEquals(2, n.frames());
        assertArrayEquals(c.centreFrequencies(), n.centreFrequencies());
        // without the floor reaching: every channel's mean equals the mean over channels
        Cochleagram m = ChannelNormalisation.normalise(of(2, 4, 0, 1, 1), 0.05);
        assertArrayEquals(new float[] {3, 0, 1.5f, 1.5f}, m.values(), 1e-6f);
    }

    @Test
    void leavesEmptyAndSilentCochleagramsAlone() {
        Cochleagram empty = of(4);
        assertSame(empty, ChannelNormalisation.normalise(empty, 0.05));
        Cochleagram silent = of(2, 0, 0, 0, 0);
        assertSame(silent, ChannelNormalisation.normalise(silent, 0.05));
    }

    @Test
    void wrapsAFrontEndAndChecksItsArguments() {
        LyonEar ear = new LyonEar(LyonConfig.reference());
        ChannelNormalisation n = ChannelNormalisation.of(ear);
        assertEquals(ear.channels(), n.channels());
        assertEquals(ear.sampleRate(), n.sampleRate());
        assertEquals(ear.frameRateHz(), n.frameRateHz());
        float[] x = new float[2500];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 700 * i / 12_500.0));
        }
        Audio tone = new Audio(x, 12_500, 1, 16, "test");
        assertEquals(ChannelNormalisation.normalise(ear.apply(tone), 0.05), n.apply(tone));
        assertThrows(IllegalArgumentException.class, () -> new ChannelNormalisation(ear, 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelNormalisation(ear, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new ChannelNormalisation(null, 0.1));
    }
}
