package io.snn4j.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LyonEarTest {
    private static final LyonEar REFERENCE = new LyonEar(LyonConfig.reference());

    static Audio tone(double hz, double amplitude, double seconds, double fs) {
        int n = (int) Math.round(seconds * fs);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / fs));
        }
        return new Audio(x, fs, 1, 32, "test");
    }

    /** Noise bursts with a slowly varying level and a few silent gaps: exercises onsets, the AGC and the clip. */
    static float[] burstyNoise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double env = Math.max(0, Math.sin(2 * Math.PI * i / 3000.0));
            x[i] = (float) (0.8 * env * (r.nextDouble() - 0.5));
        }
        return x;
    }

    @Test
    void referenceSettingHas78ChannelsAt62point5FramesPerSecond() {
        assertEquals(78, REFERENCE.channels());
        assertEquals(62.5, REFERENCE.frameRateHz(), 0);
        assertEquals(12_500, REFERENCE.sampleRate(), 0);
        // formats.md section 4.1: 86 channels at 16 kHz (as the sciforce/lyon README), 78 at 12.5 kHz
        assertEquals(86, new LyonEar(LyonConfig.of(16_000, 256)).channels());
        assertEquals(78, LyonEar.channelCount(12_500, 8, 0.25));
    }

    @Test
    void centreFrequenciesFollowTheDesignRecursion() {
        double[] cf = REFERENCE.centreFrequencies();
        // Independent evaluation of DesignLyonFilters' closed form in Python (float64):
        // topf = 6151.101649209593; cf_n = (T e^(-n/32) - 1e6 e^(n/32) / T) / 2, T = topf + sqrt(topf^2 + 1e6)
        assertEquals(6151.101649209593, LyonEar.topFrequency(12_500, 8, 0.25), 1e-9);
        assertEquals(5959.328106929267, cf[0], 1e-9);
        assertEquals(5773.37469462363, cf[1], 1e-9);
        assertEquals(5593.059802384742, cf[2], 1e-9);
        assertEquals(78.90293071812414, cf[77], 1e-9);
        // The recursion behind the closed form: asinh(cf / Eb) falls by stepFactor / earQ = 1/32 per channel, i.e.
        // channels are spaced by a constant fraction (1/4) of the bandwidth sqrt(cf^2 + Eb^2) / earQ.
        for (int i = 1; i < cf.length; i++) {
            assertEquals(1.0 / 32, asinh(cf[i - 1] / 1000) - asinh(cf[i] / 1000), 1e-12, "channel " + i);
        }
        double[] cf16 = new LyonEar(LyonConfig.of(16_000, 256)).centreFrequencies();
        assertEquals(7629.792117163179, cf16[0], 1e-9);
        assertEquals(73.29035123641438, cf16[85], 1e-9);
        assertArrayEquals(cf, REFERENCE.apply(tone(1000, 0.1, 0.1, 12_500)).centreFrequencies(), 0);
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }

    /** |H(z)| of [a0 a1 a2 b1 b2] at z = 1 (DC), evaluated directly. */
    private static double dcGain(double[] f) {
        return Math.abs((f[0] + f[1] + f[2]) / (1 + f[3] + f[4]));
    }

    /** |H(z)| at z = i (fs / 4): z^-1 = -i, z^-2 = -1. */
    private static double quarterRateGain(double[] f) {
        return Math.hypot(f[0] - f[2], f[1]) / Math.hypot(1 - f[4], f[3]);
    }

    @Test
    void sectionsHaveTheDesignedGainsAndPoles() {
        double[] cf = REFERENCE.centreFrequencies();
        double fs = 12_500;
        assertEquals(1.0, quarterRateGain(REFERENCE.section(0)), 1e-12);
        assertEquals(1.0, quarterRateGain(REFERENCE.section(1)), 1e-12);
        // pre-emphasis: a pure zero at exp(-2 pi 300 / fs), no poles
        double[] pre = REFERENCE.section(0);
        assertEquals(0, pre[0], 0);
        assertEquals(Math.exp(-2 * Math.PI * 300 / fs), -pre[2] / pre[1], 1e-12);
        assertEquals(0, pre[3], 0);
        assertEquals(0, pre[4], 0);
        for (int n = 0; n < cf.length; n++) {
            double[] f = REFERENCE.section(n + 2);
            double want = n == 0 ? cf[0] / cf[1] : cf[n - 1] / cf[n];
            assertEquals(want, dcGain(f), 1e-9 * want, "DC gain of stage " + n);
            double bw = Math.sqrt(cf[n] * cf[n] + 1e6) / 8;
            // pole radius r = exp(-pi cf / (fs q)), q = cf / bw, so b2 = r^2 = exp(-2 pi bw / fs)
            assertEquals(Math.exp(-2 * Math.PI * bw / fs), f[4], 1e-12, "pole radius of stage " + n);
        }
        double[] dec = REFERENCE.decimationFilter();
        assertEquals(1.0, dcGain(dec), 1e-12);
        double e = 1 - Math.exp(-1.0 / (200 * 3));
        assertEquals(-2 * (1 - e), dec[3], 1e-15);
        assertEquals((1 - e) * (1 - e), dec[4], 1e-15);
    }

    @Test
    void agcStageReproducesTheToolboxTestVector() {
        // agc.c: agc(ones(1,20), [.5; .5]) -> 1.0000 0.1000 0.4500 0.2750 0.3625 0.3187 0.3406 0.3297 0.3352 0.3324
        // 0.3338 0.3331 0.3334 0.3333 ... (target 0.5, epsilon 0.5: epsOverTarget 1, (1 - eps) / 3 = 1/6)
        double[] want = {1.0, 0.1, 0.45, 0.275, 0.3625, 0.3187, 0.3406, 0.3297, 0.3352, 0.3324, 0.3338, 0.3331,
            0.3334, 0.3333, 0.3334, 0.3333, 0.3333, 0.3333, 0.3333, 0.3333};
        double[] old = new double[1];
        double[] next = new double[1];
        for (int t = 0; t < want.length; t++) {
            double[] y = {1.0};
            LyonEar.agcStage(y, old, next, 0, 1, 1.0, 0.5 / 3);
            assertEquals(want[t], y[0], 6e-5, "sample " + t);
            double[] s = old;
            old = next;
            next = s;
        }
    }

    @Test
    void fusedAgcEqualsTheMexLoopStageByStage() {
        SplittableRandom r = new SplittableRandom(3);
        int taps = 9;
        double[] eps = {0.01, 0.05, 0.2, 0.5};
        double[] targets = {0.0032, 0.0016, 0.0008, 0.0004};
        double[] t = new double[4];
        double[] k = new double[4];
        for (int st = 0; st < 4; st++) {
            t[st] = eps[st] / targets[st];
            k[st] = (1 - eps[st]) / 3;
        }
        double[] old = new double[4 * taps];
        double[][] mexState = new double[4][taps];
        int clipped = 0;
        for (int step = 0; step < 200; step++) {
            double[] y = new double[taps];
            for (int i = 0; i < taps; i++) {
                y[i] = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * r.nextDouble() * 0.01;
            }
            double[] col = y.clone();
            double[] next = new double[4 * taps];
            LyonEar.agc(y, old, next, taps, t, k);
            for (int st = 0; st < 4; st++) {
                LyonToolboxReference.mexAgc(col, mexState[st], eps[st], targets[st]);
            }
            assertArrayEquals(col, y, 1e-15, "outputs at step " + step);
            for (int st = 0; st < 4; st++) {
                for (int i = 0; i < taps; i++) {
                    assertEquals(mexState[st][i], next[st * taps + i], 1e-15, "state " + st + "," + i);
                    clipped += next[st * taps + i] == 0.9 ? 1 : 0;
                }
            }
            old = next;
        }
        assertTrue(clipped > 0, "the state limit was exercised");
    }

    @Test
    void matchesTheToolboxLoopStructureInEveryConfiguration() {
        float[] x = burstyNoise(6_000, 7);
        LyonConfig[] configs = {LyonConfig.reference(), LyonConfig.reference().withAgc(false),
            LyonConfig.reference().withDiffer(false), LyonConfig.reference().withAgc(false).withDiffer(false),
            new LyonConfig(12_500, 7, 8, 0.25, true, true, 3), new LyonConfig(12_500, 1, 8, 0.25, true, true, 3),
            new LyonConfig(16_000, 100, 4, 0.125, true, true, 2)};
        for (LyonConfig cfg : configs) {
            LyonEar ear = new LyonEar(cfg);
            float[] in = cfg.decimation() == 1 ? java.util.Arrays.copyOf(x, 700) : x;
            Cochleagram c = ear.apply(new Audio(in, cfg.sampleRate(), 1, 32, "test"));
            double[][] want = LyonToolboxReference.run(ear, in);
            assertEquals(want.length, c.channels());
            assertEquals(want[0].length, c.frames());
            double max = 0;
            for (double[] row : want) {
                for (double v : row) {
                    max = Math.max(max, v);
                }
            }
            assertTrue(max > 0, cfg + ": output is not all zero");
            for (int ch = 0; ch < c.channels(); ch++) {
                for (int f = 0; f < c.frames(); f++) {
                    assertEquals((float) want[ch][f], c.value(ch, f), 1e-6 * max, cfg + " channel " + ch
                            + " frame " + f);
                }
            }
        }
    }

    @Test
    void aToneDrivesTheChannelAtOrJustBelowItsFrequencyHardest() {
        double[] cf = REFERENCE.centreFrequencies();
        for (double hz : new double[] {150, 300, 500, 1000, 2000, 3000, 4000, 5000}) {
            Cochleagram c = REFERENCE.apply(tone(hz, 0.1, 0.6, 12_500));
            int peak = peakChannel(c);
            int nearest = 0;
            for (int ch = 0; ch < cf.length; ch++) {
                if (Math.abs(cf[ch] - hz) < Math.abs(cf[nearest] - hz)) {
                    nearest = ch;
                }
            }
            // The peak is the nearest channel or its lower neighbour: the highest channel whose centre frequency is
            // at or below the tone (the cascade's gain keeps growing until the tone passes the stage's pole).
            assertTrue(peak == nearest || peak == nearest + 1, hz + " Hz: peak channel " + peak + " ("
                    + cf[peak] + " Hz), nearest " + nearest + " (" + cf[nearest] + " Hz)");
            assertTrue(cf[peak] <= hz && (peak == 0 || cf[peak - 1] > hz), hz + " Hz: peak " + cf[peak]);
        }
    }

    static int peakChannel(Cochleagram c) {
        int best = -1;
        double bestValue = -1;
        for (int ch = 0; ch < c.channels(); ch++) {
            double m = 0;
            for (int f = c.frames() / 2; f < c.frames(); f++) {
                m += c.value(ch, f);
            }
            if (m > bestValue) {
                bestValue = m;
                best = ch;
            }
        }
        return best;
    }

    /** Sum over channels of the mean over the second half of the frames (steady state). */
    static double steadyOutput(LyonEar ear, Audio a) {
        Cochleagram c = ear.apply(a);
        double s = 0;
        for (int ch = 0; ch < c.channels(); ch++) {
            for (int f = c.frames() / 2; f < c.frames(); f++) {
                s += c.value(ch, f);
            }
        }
        return s;
    }

    @Test
    void agcCompressesA40DecibelLevelChange() {
        LyonEar off = new LyonEar(LyonConfig.reference().withAgc(false));
        for (double hz : new double[] {500, 1000, 3000}) {
            double quiet = steadyOutput(REFERENCE, tone(hz, 0.001, 1.0, 12_500));
            double loud = steadyOutput(REFERENCE, tone(hz, 0.1, 1.0, 12_500));
            double db = 20 * Math.log10(loud / quiet);
            // measured: 9.8 dB at 500 Hz, 5.4 dB at 1 kHz, 3.0 dB at 3 kHz
            assertTrue(db > 0 && db < 12, hz + " Hz: 40 dB in gives " + db + " dB out with AGC");
            // Without the AGC every stage is linear or positively homogeneous (max(0, a x) = a max(0, x)), so the
            // output scales exactly with the input: 40 dB.
            double quietOff = steadyOutput(off, tone(hz, 0.001, 1.0, 12_500));
            double loudOff = steadyOutput(off, tone(hz, 0.1, 1.0, 12_500));
            assertEquals(40.0, 20 * Math.log10(loudOff / quietOff), 0.01, hz + " Hz without AGC");
        }
    }

    @Test
    void framesAreTheWholeDecimationBlocks() {
        assertEquals(0, REFERENCE.apply(new Audio(new float[0], 12_500, 1, 16, "t")).frames());
        assertEquals(0, REFERENCE.apply(new Audio(new float[199], 12_500, 1, 16, "t")).frames());
        assertEquals(1, REFERENCE.apply(new Audio(new float[200], 12_500, 1, 16, "t")).frames());
        assertEquals(63, REFERENCE.apply(new Audio(new float[12_699], 12_500, 1, 16, "t")).frames());
        assertEquals(63, REFERENCE.frameCount(12_699));
        Cochleagram empty = REFERENCE.apply(new Audio(new float[0], 12_500, 1, 16, "t"));
        assertEquals(78, empty.channels());
        assertEquals(0, empty.values().length);
    }

    @Test
    void silenceGivesExactZeros() {
        Cochleagram c = REFERENCE.apply(new Audio(new float[5000], 12_500, 1, 16, "t"));
        assertEquals(25, c.frames());
        for (float v : c.values()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void otherRatesAreResampledFirst() {
        Audio a = tone(1000, 0.1, 0.5, 8000);
        Cochleagram c = REFERENCE.apply(a);
        // 4000 samples at 8 kHz -> round(4000 * 12500 / 8000) = 6250 samples at 12.5 kHz -> floor(6250 / 200) = 31
        assertEquals(31, c.frames());
        Cochleagram direct = REFERENCE.apply(new Resampler().resample(a, 12_500));
        assertEquals(direct, c);
        assertEquals(peakChannel(REFERENCE.apply(tone(1000, 0.1, 0.5, 12_500))), peakChannel(c));
    }

    @Test
    void badSettingsAreRejectedWithTheFieldName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LyonConfig(12_500, 0, 8, 0.25, true, true, 3));
        assertTrue(e.getMessage().contains("decimation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LyonConfig(12_500, 200, 8, 0.25, true, true, 0));
        assertTrue(e.getMessage().contains("tauFactor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LyonConfig.of(Double.NaN, 200));
        assertTrue(e.getMessage().contains("sampleRate"), e.getMessage());
    }

    @Test
    void allocatesOnlyTheInputCopyAndTheOutputNotPerSample() {
        Audio one = new Audio(burstyNoise(12_500, 1), 12_500, 1, 16, "t");
        Audio two = new Audio(burstyNoise(25_000, 1), 12_500, 1, 16, "t");
        for (int r = 0; r < 3; r++) {
            REFERENCE.apply(one);
            REFERENCE.apply(two);
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long b0 = mx.getThreadAllocatedBytes(tid);
        REFERENCE.apply(one);
        long b1 = mx.getThreadAllocatedBytes(tid);
        REFERENCE.apply(two);
        long b2 = mx.getThreadAllocatedBytes(tid);
        long extra = (b2 - b1) - (b1 - b0);
        // 12,500 more samples: a float copy of the input (50,000 bytes) and 62 more frames of 78 floats, held twice
        // (the output array and the Cochleagram's copy: 38,688 bytes), 88,688 bytes. One 16-byte object per sample
        // would add 200,000.
        assertTrue(extra < 100_000, "12,500 more samples allocated " + extra + " more bytes");
    }
}
