package io.snn4j.data.audio;

/**
 * Parameters of {@link GammatoneFilterbank}. Immutable.
 *
 * @param sampleRate rate the filters are designed for, Hz; finite and &gt;= 1000 (other rates are resampled)
 * @param channels   number of filters, 1..1024
 * @param lowHz      centre frequency of the lowest channel, Hz; &gt; 0
 * @param highHz     upper end of the ERB-spaced range (the highest channel lies one ERB step below it), Hz;
 *                   {@code lowHz < highHz < sampleRate / 2}
 * @param decimation input samples per output frame, 1..100000
 */
public record GammatoneConfig(double sampleRate, int channels, double lowHz, double highHz, int decimation) {
    public GammatoneConfig {
        if (!(sampleRate >= 1000) || Double.isInfinite(sampleRate)) {
            throw new IllegalArgumentException("gammatone: sampleRate must be finite and >= 1000 Hz, was "
                    + sampleRate);
        }
        if (channels < 1 || channels > 1024) {
            throw new IllegalArgumentException("gammatone: channels must lie in 1..1024, was " + channels);
        }
        if (!(lowHz > 0)) {
            throw new IllegalArgumentException("gammatone: lowHz must be > 0, was " + lowHz);
        }
        if (!(highHz > lowHz && highHz < sampleRate / 2)) {
            throw new IllegalArgumentException("gammatone: highHz must lie in (lowHz, sampleRate / 2) = (" + lowHz
                    + ", " + sampleRate / 2 + "), was " + highHz);
        }
        if (decimation < 1 || decimation > 100_000) {
            throw new IllegalArgumentException("gammatone: decimation must lie in 1..100000, was " + decimation);
        }
    }

    /**
     * A bank to compare with {@link LyonConfig#reference()}: 12.5 kHz, 78 channels (as Lyon's) from 100 Hz to
     * 6 kHz, decimation 200 (62.5 frames per second).
     */
    public static GammatoneConfig reference() {
        return new GammatoneConfig(12_500, 78, 100, 6000, 200);
    }

    /** Output frames per second, {@code sampleRate / decimation}. */
    public double frameRateHz() {
        return sampleRate / decimation;
    }
}
