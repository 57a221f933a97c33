package io.snn4j.data.audio;

/**
 * Band-limited sample-rate conversion by direct evaluation of a Kaiser-windowed sinc at each output instant. Immutable
 * and thread-safe.
 *
 * <p>Output sample {@code m} lies at input position {@code x = m * sourceRate / targetRate} (in input samples) and is
 * <pre>
 * y[m] = sum_k x[k] * 2fc * sinc(2fc (x - k)) * w((x - k) / H),   sinc(u) = sin(pi u) / (pi u),
 * w(r) = I0(beta sqrt(1 - r^2)) / I0(beta) for |r| &lt;= 1, 0 outside,   H = zeroCrossings / (2fc)
 * </pre>
 * where {@code fc} is the cutoff in cycles per input sample; samples outside the recording count as 0. The window is
 * tabulated once (512 points per sinc zero crossing, linear interpolation, interpolation error below -100 dB).
 *
 * <p>Design (Kaiser's formulas, {@code A} = stopband attenuation in dB, {@code N = zeroCrossings}): with
 * {@code nyquist = min(sourceRate, targetRate) / 2}, the transition band has width {@code 2 k fc} with
 * {@code k = (A - 7.95) / (28.72 N)}, and {@code fc = nyquist / (1 + k)} puts the stopband edge exactly at the lower
 * Nyquist frequency. Passband {@code [0, (1 - k) fc]} with ripple about {@code 10^(-A/20)}; stopband
 * {@code [nyquist, ...)} attenuated by about {@code A} dB. The default {@code N = 32}, {@code A = 90 dB} gives
 * {@code k = 0.089}: passband to 0.836 x nyquist, cutoff 0.918 x nyquist, 90 dB from nyquist on; for 8 kHz to
 * 12.5 kHz that is a 3.34 kHz passband and a 4 kHz stopband edge. Each output sample costs about
 * {@code N / fc} multiply-adds (70 for the default when upsampling).
 *
 * <p>The output has {@code round(n * targetRate / sourceRate)} samples, and samples are clipped to [-1, 1] (the filter
 * can overshoot a full-scale step by a few per cent). Equal rates return the samples unchanged.
 */
public final class Resampler {
    /** Table points per sinc zero crossing. */
    private static final int TABLE_RESOLUTION = 512;

    private final int zeroCrossings;
    private final double stopbandAttenuationDb;
    private final double transitionFraction;
    /** {@code sinc(u) * w(u / zeroCrossings)} at {@code u = i / TABLE_RESOLUTION}, plus a trailing 0. */
    private final double[] table;

    /** The default design: 32 zero crossings each side, 90 dB stopband. */
    public Resampler() {
        this(32, 90.0);
    }

    /**
     * @param zeroCrossings         sinc zero crossings on each side of the centre (filter half-length), 2..1024; more
     *                              gives a narrower transition band and costs proportionally more
     * @param stopbandAttenuationDb design attenuation in the stopband, 21..200 dB
     */
    public Resampler(int zeroCrossings, double stopbandAttenuationDb) {
        if (zeroCrossings < 2 || zeroCrossings > 1024) {
            throw new IllegalArgumentException("zeroCrossings must lie in 2..1024, was " + zeroCrossings);
        }
        if (!(stopbandAttenuationDb >= 21 && stopbandAttenuationDb <= 200)) {
            throw new IllegalArgumentException("stopbandAttenuationDb must lie in 21..200, was "
                    + stopbandAttenuationDb);
        }
        this.zeroCrossings = zeroCrossings;
        this.stopbandAttenuationDb = stopbandAttenuationDb;
        this.transitionFraction = (stopbandAttenuationDb - 7.95) / (28.72 * zeroCrossings);
        double a = stopbandAttenuationDb;
        double beta = a > 50 ? 0.1102 * (a - 8.7) : 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21);
        int size = zeroCrossings * TABLE_RESOLUTION;
        table = new double[size + 2];
        double i0Beta = besselI0(beta);
        for (int i = 0; i <= size; i++) {
            double u = (double) i / TABLE_RESOLUTION;
            double r = u / zeroCrossings;
            double sinc = i == 0 ? 1.0 : Math.sin(Math.PI * u) / (Math.PI * u);
            table[i] = sinc * besselI0(beta * Math.sqrt(Math.max(0.0, 1 - r * r))) / i0Beta;
        }
    }

    /** Sinc zero crossings on each side. */
    public int zeroCrossings() {
        return zeroCrossings;
    }

    /** Design stopband attenuation in dB. */
    public double stopbandAttenuationDb() {
        return stopbandAttenuationDb;
    }

    /** Upper edge of the passband in Hz for this conversion: {@code (1 - k) fc}. */
    public double passbandEdgeHz(double sourceRate, double targetRate) {
        return (1 - transitionFraction) * cutoffHz(sourceRate, targetRate);
    }

    /** Cutoff (centre of the transition band) in Hz for this conversion: {@code nyquist / (1 + k)}. */
    public double cutoffHz(double sourceRate, double targetRate) {
        checkRate("sourceRate", sourceRate);
        checkRate("targetRate", targetRate);
        return Math.min(sourceRate, targetRate) / 2 / (1 + transitionFraction);
    }

    /** Lower edge of the stopband in Hz for this conversion: the lower Nyquist frequency. */
    public double stopbandEdgeHz(double sourceRate, double targetRate) {
        checkRate("sourceRate", sourceRate);
        checkRate("targetRate", targetRate);
        return Math.min(sourceRate, targetRate) / 2;
    }

    /** {@code audio} converted to {@code targetRate} Hz; the source info is kept. */
    public Audio resample(Audio audio, double targetRate) {
        checkRate("targetRate", targetRate);
        if (targetRate == audio.sampleRate()) {
            return audio;
        }
        float[] out = resample(audio.samples(), audio.sampleRate(), targetRate);
        return new Audio(out, targetRate, audio.sourceChannels(), audio.sourceBits(), audio.sourceFormat());
    }

    /**
     * @param in         samples at {@code sourceRate} (read)
     * @return new array of {@code round(in.length * targetRate / sourceRate)} samples at {@code targetRate}
     */
    float[] resample(float[] in, double sourceRate, double targetRate) {
        checkRate("sourceRate", sourceRate);
        checkRate("targetRate", targetRate);
        double outLength = Math.rint(in.length * (targetRate / sourceRate));
        if (outLength > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("output of " + outLength + " samples is too long for one array");
        }
        final int n = in.length;
        final int outN = (int) outLength;
        final double step = sourceRate / targetRate;
        final double fc = cutoffHz(sourceRate, targetRate) / sourceRate;
        final double twoFc = 2 * fc;
        final double halfWidth = zeroCrossings / twoFc;
        final double gain = twoFc;
        final double[] t = table;
        final double scale = twoFc * TABLE_RESOLUTION;
        final int limit = zeroCrossings * TABLE_RESOLUTION;
        float[] out = new float[outN];
        for (int m = 0; m < outN; m++) {
            double x = m * step;
            int kLo = Math.max(0, (int) Math.ceil(x - halfWidth));
            int kHi = Math.min(n - 1, (int) Math.floor(x + halfWidth));
            double sum = 0;
            for (int k = kLo; k <= kHi; k++) {
                double pos = Math.abs(x - k) * scale;
                int i = (int) pos;
                if (i >= limit) {
                    continue;
                }
                double frac = pos - i;
                sum += in[k] * (t[i] + frac * (t[i + 1] - t[i]));
            }
            double y = sum * gain;
            out[m] = (float) Math.max(-1.0, Math.min(1.0, y));
        }
        return out;
    }

    private static void checkRate(String what, double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(what + " must be finite and > 0, was " + rate);
        }
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
