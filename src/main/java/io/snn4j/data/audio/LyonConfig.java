package io.snn4j.data.audio;

/**
 * Parameters of {@link LyonEar}, named as in Slaney's Auditory Toolbox {@code LyonPassiveEar(x, sr, df, earQ,
 * stepfactor, differ, agcf, taufactor)}. Immutable.
 *
 * @param sampleRate  rate the filters are designed for, Hz; finite and &gt;= 1000 (recordings at another rate are
 *                    resampled)
 * @param decimation  input samples per output frame ({@code df}), 1..100000; the frame rate is
 *                    {@code sampleRate / decimation}
 * @param earQ        quality factor of each cascade stage ({@code earQ}, usually 8 or 4), in [1, 64]
 * @param stepFactor  channel spacing as a fraction of the bandwidth ({@code stepfactor}, usually
 *                    {@code earQ / 32}), in [0.01, 2]
 * @param differ      take the difference of adjacent channels and half-wave rectify it ({@code differ})
 * @param agc         apply the four coupled automatic gain control stages ({@code agcf})
 * @param tauFactor   time constant of the decimation low-pass, in frames ({@code taufactor}), finite and &gt; 0
 */
@SuppressWarnings("InvalidParam") // stepfactor, agcf, taufactor: the Auditory Toolbox's own names, quoted on purpose
public record LyonConfig(double sampleRate, int decimation, double earQ, double stepFactor, boolean differ,
        boolean agc, double tauFactor) {
    public LyonConfig {
        if (!(sampleRate >= 1000) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("lyon: sampleRate must be finite and >= 1000 Hz, was " + sampleRate);
        }
        if (decimation < 1 || decimation > 100_000) {
            throw new IllegalArgumentException("lyon: decimation must lie in 1..100000, was " + decimation);
        }
        if (!(earQ >= 1 && earQ <= 64)) {
            throw new IllegalArgumentException("lyon: earQ must lie in [1, 64], was " + earQ);
        }
        if (!(stepFactor >= 0.01 && stepFactor <= 2)) {
            throw new IllegalArgumentException("lyon: stepFactor must lie in [0.01, 2], was " + stepFactor);
        }
        if (!(tauFactor > 0) || Double.isInfinite(tauFactor)) {
            throw new IllegalArgumentException("lyon: tauFactor must be finite and > 0, was " + tauFactor);
        }
    }

    /**
     * The setting of the TI46 preprocessing used with HM2-BP / ST-RSBP, {@code LyonPassiveEar(wav, 12500, 200)}:
     * 12.5 kHz, decimation 200 (62.5 frames per second, one frame per 16 ms), earQ 8, step factor 0.25, differ and
     * AGC on, tau factor 3. Gives 78 channels.
     */
    public static LyonConfig reference() {
        return of(12_500, 200);
    }

    /** The toolbox defaults at a given rate and decimation: earQ 8, step earQ/32, differ and AGC on, tau factor 3. */
    public static LyonConfig of(double sampleRate, int decimation) {
        return new LyonConfig(sampleRate, decimation, 8, 0.25, true, true, 3);
    }

    /** This setting with the AGC switched on or off. */
    public LyonConfig withAgc(boolean on) {
        return new LyonConfig(sampleRate, decimation, earQ, stepFactor, differ, on, tauFactor);
    }

    /** This setting with the channel difference switched on or off. */
    public LyonConfig withDiffer(boolean on) {
        return new LyonConfig(sampleRate, decimation, earQ, stepFactor, on, agc, tauFactor);
    }

    /** Output frames per second, {@code sampleRate / decimation}. */
    public double frameRateHz() {
        return sampleRate / decimation;
    }
}
