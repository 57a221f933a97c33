package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final Resampler RESAMPLER = new Resampler();

    static float[] tone(double hz, double amplitude, double rate, int n) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    static Audio audio(float[] samples, double rate) {
        return new Audio(samples, rate, 1, 16, "test");
    }

    /** Amplitude of the DFT component at bin {@code bin} of {@code len} samples from {@code from}: 2|X| / len. */
    static double dftAmplitude(float[] s, int from, int len, int bin) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < len; i++) {
            double ph = 2 * Math.PI * (double) bin * i / len;
            re += s[from + i] * Math.cos(ph);
            im -= s[from + i] * Math.sin(ph);
        }
        return 2 * Math.hypot(re, im) / len;
    }

    static double rms(float[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @Test
    void upsampledToneKeepsItsFrequencyAndAmplitude() {
        // 1 kHz, amplitude 0.5, 1 s at 8 kHz -> 12.5 kHz
        Audio out = RESAMPLER.resample(audio(tone(1000, 0.5, 8000, 8000), 8000), 12500);
        float[] y = out.samples();
        assertEquals(12500, y.length);
        assertEquals(12500.0, out.sampleRate());
        // 2,500 samples from the middle = 0.2 s: bin b is 5 b Hz, and 1 kHz (bin 200) is exactly periodic in the window
        int from = 5000;
        int len = 2500;
        int peak = 0;
        double peakAmp = 0;
        for (int bin = 1; bin < len / 2; bin++) {
            double a = dftAmplitude(y, from, len, bin);
            if (a > peakAmp) {
                peakAmp = a;
                peak = bin;
            }
        }
        assertEquals(200, peak, "dominant bin (5 Hz each)");
        assertEquals(0.5, peakAmp, 0.005); // within 1 %
        assertEquals(0.5, peakAmp, 0.0005); // measured far tighter: the passband ripple is about 3e-5
    }

    @Test
    void toneAboveTargetNyquistIsAttenuated() {
        // 5 kHz, amplitude 0.5, 1 s at 12.5 kHz -> 8 kHz (Nyquist 4 kHz): it would alias to 3 kHz
        float[] y = RESAMPLER.resample(tone(5000, 0.5, 12500, 12500), 12500, 8000);
        assertEquals(8000, y.length);
        // skip the filter's reach (about 70 output samples) at both ends, where the abrupt start and end leak
        double ratioDb = 20 * Math.log10(rms(y, 200, 7800) / (0.5 / Math.sqrt(2)));
        assertTrue(ratioDb <= -40, "attenuation " + ratioDb + " dB");
        assertTrue(ratioDb <= -80, "design is 90 dB, measured " + ratioDb + " dB");
    }

    @Test
    void passbandEdgeToneKeepsItsAmplitude() {
        double edge = RESAMPLER.passbandEdgeHz(8000, 12500);
        assertEquals(3344.31, edge, 0.01); // 4000 / (1 + k) * (1 - k), k = (90 - 7.95) / (28.72 * 32) = 0.089278
        float[] y = RESAMPLER.resample(tone(3340, 0.5, 8000, 8000), 8000, 12500);
        // 0.2 s window: bin 668 is 3,340 Hz
        assertEquals(0.5, dftAmplitude(y, 5000, 2500, 668), 0.0005);
    }

    @Test
    void keepsDcLevel() {
        float[] in = new float[1000];
        Arrays.fill(in, 0.5f);
        float[] y = RESAMPLER.resample(in, 16000, 8000);
        for (int i = 100; i < 400; i++) {
            assertEquals(0.5, y[i], 1e-4, "sample " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 8000, 12500", "1, 8000, 12500", "2, 12500, 8000", "7, 44100, 16000", "100, 8000, 8001",
            "1001, 16000, 22050", "8000, 8000, 12500", "12345, 48000, 8000"})
    void lengthIsRoundedDurationTimesTargetRate(int n, double source, double target) {
        float[] y = RESAMPLER.resample(new float[n], source, target);
        assertEquals(n * target / source, y.length, 1.0);
        assertEquals(Math.round(n * target / source), y.length);
    }

    @Test
    void equalRatesReturnTheSameAudio() {
        Audio a = audio(new float[] {0.1f, -0.2f}, 8000);
        assertSame(a, RESAMPLER.resample(a, 8000));
        assertArrayEquals(new float[] {0.1f, -0.2f}, a.samples());
    }

    @Test
    void clipsOvershootOfFullScaleSquareWave() {
        float[] in = new float[400];
        for (int i = 0; i < in.length; i++) {
            in[i] = (i / 50) % 2 == 0 ? 1f : -1f;
        }
        Audio out = RESAMPLER.resample(audio(in, 8000), 11025);
        for (float v : out.samples()) {
            assertTrue(v >= -1f && v <= 1f);
        }
    }

    @Test
    void refusesBadParameters() {
        Audio a = audio(new float[4], 8000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RESAMPLER.resample(a, 0));
        assertEquals("targetRate must be finite and > 0, was 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RESAMPLER.resample(a, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(1, 90));
        assertThrows(IllegalArgumentException.class, () -> new Resampler(32, 10));
    }

    @Test
    void besselI0MatchesTableValues() {
        // Abramowitz & Stegun table 9.8: I0(1) = 1.266065878, I0(5) = 27.23987182
        assertEquals(1.266065878, Resampler.besselI0(1), 1e-9);
        assertEquals(27.23987182, Resampler.besselI0(5), 1e-7);
    }
}
