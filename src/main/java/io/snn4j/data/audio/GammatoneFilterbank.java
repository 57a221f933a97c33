package io.snn4j.data.audio;

/**
 * A 4th-order gammatone filterbank with ERB-spaced centre frequencies, half-wave rectification and frame averaging:
 * a simple comparison front end for {@link LyonEar}. Immutable and thread-safe.
 *
 * <p><b>Centre frequencies</b> as Slaney's {@code ERBSpace} (Glasberg and Moore 1990, {@code EarQ = 9.26449},
 * {@code minBW = 24.7} Hz): equally spaced in {@code ln(f + EarQ minBW)}, i.e. on the ERB-number scale,
 * <pre>
 * cf_i = -EarQ minBW + (high + EarQ minBW) exp(i (ln(low + EarQ minBW) - ln(high + EarQ minBW)) / N),  i = 1..N
 * </pre>
 * so {@code cf_N = low} and {@code cf_1} is one step below {@code high}; channel 0 is the highest.
 * {@code ERB(f) = f / EarQ + minBW}, bandwidth parameter {@code b = 1.019 ERB(cf)}.
 *
 * <p><b>Filter</b>: four cascaded complex one-pole sections (the "complex resonator" form of the gammatone, Holdsworth
 * et al. 1988 / Hohmann 2002), each
 * <pre>
 * w[n] = (1 - a) u[n] + a e^(i theta) w[n-1],   a = exp(-2 pi b / fs),   theta = 2 pi cf / fs
 * </pre>
 * whose impulse response {@code (1-a)^4 C(n+3, 3) a^n e^(i theta n)} is a sampled gammatone envelope times the carrier.
 * Each section has gain exactly 1 at {@code cf} for a complex exponential, so the output {@code 2 Re(w)} passes a real
 * tone at {@code cf} with gain 1 (up to the small leak of its negative-frequency half, {@code |H(-cf)|}).
 *
 * <p><b>Output</b>: {@code max(0, 2 Re(w[n]))} averaged over each block of {@code decimation} samples; a tone of
 * amplitude {@code A} at a centre frequency gives about {@code A / pi} in that channel. {@code floor(samples /
 * decimation)} frames (the tail is dropped, as in {@link LyonEar}). Arithmetic in {@code double}.
 *
 * <p>There is no gain control, so values follow the input level and are far larger than {@link LyonEar}'s AGC output:
 * an encoder calibrated for Lyon, such as BSA's reference scale of 2000, saturates and needs a scale about 200 times
 * smaller (the measurement is in {@code src/docs/notes/speech-front-end.md}).
 */
public final class GammatoneFilterbank implements FrontEnd {
    /** Glasberg and Moore's asymptotic filter quality. */
    public static final double EAR_Q = 9.26449;
    /** Glasberg and Moore's minimum bandwidth, Hz. */
    public static final double MIN_BW_HZ = 24.7;

    private final GammatoneConfig config;
    private final Resampler resampler;
    private final double[] centreFrequencies;
    /** Per channel: pole {@code a cos(theta)}, {@code a sin(theta)} and input gain {@code 1 - a}. */
    private final double[] poleRe;
    private final double[] poleIm;
    private final double[] gain;

    public GammatoneFilterbank(GammatoneConfig config) {
        this(config, new Resampler());
    }

    public GammatoneFilterbank(GammatoneConfig config, Resampler resampler) {
        if (config == null || resampler == null) {
            throw new IllegalArgumentException("gammatone: config and resampler must not be null");
        }
        this.config = config;
        this.resampler = resampler;
        int n = config.channels();
        centreFrequencies = erbSpace(config.lowHz(), config.highHz(), n);
        poleRe = new double[n];
        poleIm = new double[n];
        gain = new double[n];
        double fs = config.sampleRate();
        for (int c = 0; c < n; c++) {
            double cf = centreFrequencies[c];
            double a = Math.exp(-2 * Math.PI * 1.019 * erb(cf) / fs);
            double theta = 2 * Math.PI * cf / fs;
            poleRe[c] = a * Math.cos(theta);
            poleIm[c] = a * Math.sin(theta);
            gain[c] = 1 - a;
        }
    }

    /** Equivalent rectangular bandwidth at {@code hz}: {@code hz / EarQ + minBW}. */
    public static double erb(double hz) {
        return hz / EAR_Q + MIN_BW_HZ;
    }

    /** {@code n} centre frequencies equally spaced on the ERB-number scale, highest first, the last = {@code low}. */
    public static double[] erbSpace(double low, double high, int n) {
        double q = EAR_Q * MIN_BW_HZ;
        double[] cf = new double[n];
        double step = (Math.log(low + q) - Math.log(high + q)) / n;
        for (int i = 0; i < n; i++) {
            cf[i] = -q + Math.exp((i + 1) * step) * (high + q);
        }
        return cf;
    }

    public GammatoneConfig config() {
        return config;
    }

    @Override
    public double sampleRate() {
        return config.sampleRate();
    }

    @Override
    public int channels() {
        return centreFrequencies.length;
    }

    @Override
    public double frameRateHz() {
        return config.frameRateHz();
    }

    /** A copy of the centre frequencies in Hz, channel 0 (highest) first. */
    public double[] centreFrequencies() {
        return centreFrequencies.clone();
    }

    @Override
    public Cochleagram apply(Audio audio) {
        Audio in = audio.sampleRate() == config.sampleRate() ? audio : resampler.resample(audio, config.sampleRate());
        float[] x = new float[in.sampleCount()];
        in.copySamples(x);
        int n = centreFrequencies.length;
        int df = config.decimation();
        int frames = x.length / df;
        float[] values = new float[n * frames];
        for (int c = 0; c < n; c++) {
            filterChannel(x, frames, df, poleRe[c], poleIm[c], gain[c], values, c * frames);
        }
        return new Cochleagram(n, frames, frameRateHz(), values, centreFrequencies);
    }

    /** One channel over {@code frames * df} samples of {@code x} (read); frame means go to {@code out[off..]}. */
    private static void filterChannel(float[] x, int frames, int df, double pr, double pi, double g, float[] out,
            int off) {
        double r1 = 0;
        double i1 = 0;
        double r2 = 0;
        double i2 = 0;
        double r3 = 0;
        double i3 = 0;
        double r4 = 0;
        double i4 = 0;
        final double scale = 2.0 / df;
        int pos = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int k = 0; k < df; k++, pos++) {
                double u = g * x[pos];
                double nr = u + pr * r1 - pi * i1;
                double ni = pr * i1 + pi * r1;
                r1 = nr;
                i1 = ni;
                nr = g * r1 + pr * r2 - pi * i2;
                ni = g * i1 + pr * i2 + pi * r2;
                r2 = nr;
                i2 = ni;
                nr = g * r2 + pr * r3 - pi * i3;
                ni = g * i2 + pr * i3 + pi * r3;
                r3 = nr;
                i3 = ni;
                nr = g * r3 + pr * r4 - pi * i4;
                ni = g * i3 + pr * i4 + pi * r4;
                r4 = nr;
                i4 = ni;
                sum += Math.max(0.0, r4);
            }
            out[off + f] = (float) (sum * scale);
        }
    }

    @Override
    public String toString() {
        return "GammatoneFilterbank[" + config + "]";
    }
}
