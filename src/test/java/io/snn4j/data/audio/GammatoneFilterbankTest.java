package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GammatoneFilterbankTest {
    private static final GammatoneFilterbank BANK = new GammatoneFilterbank(GammatoneConfig.reference());

    @Test
    void centreFrequenciesAreEquallySpacedOnTheErbScale() {
        double[] cf = BANK.centreFrequencies();
        assertEquals(78, cf.length);
        assertEquals(62.5, BANK.frameRateHz(), 0);
        // Python, float64: q = 9.26449 x 24.7; cf_i = -q + exp(i (ln(100 + q) - ln(6000 + q)) / 78) (6000 + q)
        assertEquals(5769.4832817153965, cf[0], 1e-9);
        assertEquals(5547.497528739415, cf[1], 1e-9);
        assertEquals(100.0, cf[77], 1e-9);
        // ERB number (Glasberg & Moore, EarQ ln(1 + f / (EarQ minBW))) rises by the same amount per channel
        double q = GammatoneFilterbank.EAR_Q * GammatoneFilterbank.MIN_BW_HZ;
        double step = Math.log(1 + cf[0] / q) - Math.log(1 + cf[1] / q);
        for (int i = 1; i < cf.length; i++) {
            assertEquals(step, Math.log(1 + cf[i - 1] / q) - Math.log(1 + cf[i] / q), 1e-12, "channel " + i);
        }
        assertEquals(24.7 + 1000 / 9.26449, GammatoneFilterbank.erb(1000), 1e-12);
    }

    @Test
    void aToneAtACentreFrequencyPeaksThereWithUnitGain() {
        double[] cf = BANK.centreFrequencies();
        for (int ch : new int[] {5, 20, 40, 60, 75}) {
            Cochleagram c = BANK.apply(LyonEarTest.tone(cf[ch], 0.1, 0.5, 12_500));
            assertEquals(ch, LyonEarTest.peakChannel(c), "tone at " + cf[ch] + " Hz");
            // gain 1: a sine of amplitude A half-wave rectified has mean A / pi
            double mean = 0;
            for (int f = c.frames() / 2; f < c.frames(); f++) {
                mean += c.value(ch, f);
            }
            mean /= c.frames() - c.frames() / 2;
            assertEquals(0.1 / Math.PI, mean, 0.03 * 0.1 / Math.PI, "passband gain at " + cf[ch] + " Hz");
        }
    }

    @Test
    void aToneBetweenChannelsPeaksInTheNearestChannel() {
        double[] cf = BANK.centreFrequencies();
        for (double hz : new double[] {250, 700, 1000, 2500, 4000}) {
            int nearest = 0;
            for (int i = 0; i < cf.length; i++) {
                if (Math.abs(Math.log(cf[i] / hz)) < Math.abs(Math.log(cf[nearest] / hz))) {
                    nearest = i;
                }
            }
            int peak = LyonEarTest.peakChannel(BANK.apply(LyonEarTest.tone(hz, 0.1, 0.5, 12_500)));
            assertEquals(nearest, peak, hz + " Hz");
        }
    }

    @Test
    void silenceAndEmptyInput() {
        Cochleagram c = BANK.apply(new Audio(new float[1000], 12_500, 1, 16, "t"));
        assertEquals(5, c.frames());
        for (float v : c.values()) {
            assertEquals(0f, v);
        }
        assertEquals(0, BANK.apply(new Audio(new float[0], 12_500, 1, 16, "t")).frames());
        assertEquals(0, BANK.apply(new Audio(new float[199], 12_500, 1, 16, "t")).frames());
    }

    @Test
    void badSettingsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GammatoneConfig(12_500, 64, 100, 7000, 200));
        assertTrue(e.getMessage().contains("highHz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GammatoneConfig(12_500, 0, 100, 6000, 200));
    }
}
