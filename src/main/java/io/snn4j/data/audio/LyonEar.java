package io.snn4j.data.audio;

import java.util.Arrays;

/**
 * Lyon's passive ear model as Malcolm Slaney's Auditory Toolbox computes it ({@code DesignLyonFilters} and
 * {@code LyonPassiveEar}; Slaney, "Lyon's Cochlear Model", Apple Technical Report #13, 1988, and "Auditory Toolbox",
 * Interval Research Technical Report #1998-010). Immutable and thread-safe; each {@link #apply} call owns its state.
 *
 * <p><b>Filter design</b> ({@code fs} = sample rate, {@code Q} = earQ, {@code s} = step factor,
 * {@code Eb} = 1000 Hz, zero offset 1.5, sharpness 5, pre-emphasis corner 300 Hz):
 * <pre>
 * topf = fs/2 - sqrt((fs/2)^2 + Eb^2) / Q * s * 1.5 + sqrt((fs/2)^2 + Eb^2) / Q * s
 * lowf = Eb / sqrt(4 Q^2 - 1)                                   (where the pole Q of a stage falls to 1/2)
 * N    = floor(Q * (ln(topf + sqrt(topf^2 + Eb^2)) - ln(lowf + sqrt(lowf^2 + Eb^2))) / s)
 * cf_n = (T e^(-n s / Q) - Eb^2 e^(n s / Q) / T) / 2,   T = topf + sqrt(topf^2 + Eb^2),   n = 1..N
 * bw_n = sqrt(cf_n^2 + Eb^2) / Q
 * stage n: zeros at (cf_n + 1.5 s bw_n, Q = 5 (cf_n + 1.5 s bw_n) / bw_n), poles at (cf_n, Q = cf_n / bw_n),
 *          numerator scaled to DC gain cf_(n-1) / cf_n (stage 1 takes the gain of stage 2)
 * second-order section of (f, q): [1, -2 r cos(2 pi f/fs sqrt(1 - 1/(4 q^2))), r^2],  r = exp(-pi f / (fs q))
 * </pre>
 * Two front filters precede the cascade: the outer/middle-ear pre-emphasis {@code [0, 1, -exp(-2 pi 300/fs); 0, 0]}
 * and a compensator {@code [1, 0, -1]} over the poles of {@code (topf, Q of stage 1)}, both scaled to gain 1 at
 * {@code fs/4}. Each section {@code [a0 a1 a2; b1 b2]} is run in transposed direct form II:
 * {@code y = a0 x + s1; s1 = a1 x - b1 y + s2; s2 = a2 x - b2 y}, every section fed by the previous one, and every
 * section's output is a channel (N + 2 channels, the cascade stages being 2..N+1).
 *
 * <p><b>Per sample</b>, in this order: half-wave rectification of all N + 2 taps; the toolbox's
 * "test hack" {@code output(1) = 0; output(2) = 0}, which, MATLAB indexing a channels x decimation block linearly,
 * zeroes the two front channels only at the first sample of each decimation block (reproduced literally, because
 * channel 3 couples to them through the AGC and the difference); four AGC stages (targets 0.0032, 0.0016, 0.0008,
 * 0.0004; time constants 0.64, 0.16, 0.04, 0.01 s; {@code eps = 1 - exp(-1/(tau fs))}), each over all channels:
 * <pre>
 * out_i = |in_i (1 - a_i)|,   a_i' = min(0.9, out_i eps / target + (1 - eps)/3 (a_(i-1) + a_i + a_(i+1)))
 * </pre>
 * with {@code a_(-1) = a_0} and {@code a_N+2 = a_N+1} (old states on the right-hand side); the difference
 * {@code d_0 = x_0, d_i = max(0, x_(i-1) - x_i)}; and the decimation low-pass
 * {@code [0, 0, g; -2(1 - e), (1 - e)^2]}, {@code e = 1 - exp(-1/(decimation tauFactor))}, {@code g} giving DC gain 1.
 * Frame {@code k} is the low-pass output at sample {@code (k + 1) decimation - 1}; there are
 * {@code floor(samples / decimation)} frames (the tail is dropped), and the two front channels are removed, so the
 * output has N channels, channel 0 the highest centre frequency {@code cf_1}. Arithmetic is in {@code double}; values
 * are stored as {@code float}.
 *
 * <p><b>Speed.</b> The loops run over primitive arrays with nothing allocated per sample. Two consecutive samples go
 * through the cascade together, skewed by one tap, so that their serial chains overlap; each AGC stage reads its
 * neighbour states from shifted copies so that C2 vectorises it. A loop-for-loop transliteration of the toolbox is
 * kept in the tests as the reference these must match.
 */
public final class LyonEar implements FrontEnd {
    /** {@code Eb}, the corner of the bandwidth law, Hz. */
    static final double EAR_BREAK_HZ = 1000.0;
    static final double EAR_ZERO_OFFSET = 1.5;
    static final double EAR_SHARPNESS = 5.0;
    static final double EAR_PREEMPHASIS_CORNER_HZ = 300.0;
    static final double[] AGC_TARGETS = {0.0032, 0.0016, 0.0008, 0.0004};
    static final double[] AGC_TAUS_S = {0.64, 0.16, 0.04, 0.01};
    /** AGC states are clipped to {@code 1 - 0.1}. */
    static final double AGC_STATE_LIMIT = 1.0 - 1e-1;

    private final LyonConfig config;
    private final Resampler resampler;
    /** Section coefficients, front filters first: {@code N + 2} entries each. */
    private final double[] a0;
    private final double[] a1;
    private final double[] a2;
    private final double[] b1;
    private final double[] b2;
    private final double[] centreFrequencies;
    private final double[] agcEpsOverTarget;
    private final double[] agcOneMinusEpsOverThree;
    /** Decimation low-pass {@code [d0 d1 d2; e1 e2]}. */
    private final double d0;
    private final double d1;
    private final double d2;
    private final double e1;
    private final double e2;

    /** The front end for {@code config}, resampling other rates with the default {@link Resampler}. */
    public LyonEar(LyonConfig config) {
        this(config, new Resampler());
    }

    public LyonEar(LyonConfig config, Resampler resampler) {
        if (config == null || resampler == null) {
            throw new IllegalArgumentException("lyon: config and resampler must not be null");
        }
        this.config = config;
        this.resampler = resampler;
        double fs = config.sampleRate();
        double q = config.earQ();
        double step = config.stepFactor();
        double topf = topFrequency(fs, q, step);
        int n = channelCount(fs, q, step);
        if (n < 2) {
            throw new IllegalArgumentException("lyon: " + config + " gives " + n + " cascade channels, need >= 2");
        }
        centreFrequencies = centreFrequencies(fs, q, step);
        a0 = new double[n + 2];
        a1 = new double[n + 2];
        a2 = new double[n + 2];
        b1 = new double[n + 2];
        b2 = new double[n + 2];
        double[] front1 = {0, 1, -Math.exp(-2 * Math.PI * EAR_PREEMPHASIS_CORNER_HZ / fs), 0, 0};
        setSection(0, setGain(front1, 1, fs / 4, fs));
        double bw1 = Math.sqrt(centreFrequencies[0] * centreFrequencies[0] + EAR_BREAK_HZ * EAR_BREAK_HZ) / q;
        double[] topPoles = secondOrderFilter(topf, centreFrequencies[0] / bw1, fs);
        setSection(1, setGain(new double[] {1, 0, -1, topPoles[1], topPoles[2]}, 1, fs / 4, fs));
        for (int i = 0; i < n; i++) {
            double cf = centreFrequencies[i];
            double bw = Math.sqrt(cf * cf + EAR_BREAK_HZ * EAR_BREAK_HZ) / q;
            double zeroCf = cf + bw * step * EAR_ZERO_OFFSET;
            double[] zeros = secondOrderFilter(zeroCf, EAR_SHARPNESS * zeroCf / bw, fs);
            double[] poles = secondOrderFilter(cf, cf / bw, fs);
            double dcGain = i == 0 ? centreFrequencies[0] / centreFrequencies[1]
                    : centreFrequencies[i - 1] / centreFrequencies[i];
            setSection(i + 2, setGain(new double[] {zeros[0], zeros[1], zeros[2], poles[1], poles[2]}, dcGain, 0,
                    fs));
        }
        agcEpsOverTarget = new double[AGC_TARGETS.length];
        agcOneMinusEpsOverThree = new double[AGC_TARGETS.length];
        for (int k = 0; k < AGC_TARGETS.length; k++) {
            double eps = epsilonFromTau(AGC_TAUS_S[k], fs);
            agcEpsOverTarget[k] = eps / AGC_TARGETS[k];
            agcOneMinusEpsOverThree[k] = (1.0 - eps) / 3.0;
        }
        double decEps = epsilonFromTau(config.decimation() / fs * config.tauFactor(), fs);
        double[] dec = setGain(new double[] {0, 0, 1, -2 * (1 - decEps), (1 - decEps) * (1 - decEps)}, 1, 0, fs);
        d0 = dec[0];
        d1 = dec[1];
        d2 = dec[2];
        e1 = dec[3];
        e2 = dec[4];
    }

    private void setSection(int i, double[] f) {
        a0[i] = f[0];
        a1[i] = f[1];
        a2[i] = f[2];
        b1[i] = f[3];
        b2[i] = f[4];
    }

    /** {@code topf}: Nyquist lowered so that the first stage's zeros fit below it. */
    static double topFrequency(double fs, double earQ, double step) {
        double nyquist = fs / 2.0;
        double bw = Math.sqrt(nyquist * nyquist + EAR_BREAK_HZ * EAR_BREAK_HZ) / earQ;
        return nyquist - bw * step * EAR_ZERO_OFFSET + bw * step;
    }

    /** {@code N}, the number of cascade stages (= output channels) for this design. */
    public static int channelCount(double fs, double earQ, double step) {
        double topf = topFrequency(fs, earQ, step);
        double eb2 = EAR_BREAK_HZ * EAR_BREAK_HZ;
        double lowf = EAR_BREAK_HZ / Math.sqrt(4 * earQ * earQ - 1);
        return (int) Math.floor(earQ * (-Math.log(lowf + Math.sqrt(lowf * lowf + eb2))
                + Math.log(topf + Math.sqrt(eb2 + topf * topf))) / step);
    }

    /** {@code cf_1 .. cf_N}, highest first. */
    static double[] centreFrequencies(double fs, double earQ, double step) {
        int n = channelCount(fs, earQ, step);
        double topf = topFrequency(fs, earQ, step);
        double t = topf + Math.sqrt(EAR_BREAK_HZ * EAR_BREAK_HZ + topf * topf);
        double[] cf = new double[Math.max(n, 0)];
        for (int i = 0; i < cf.length; i++) {
            double e = Math.exp((i + 1) * step / earQ);
            cf[i] = (-(e * EAR_BREAK_HZ * EAR_BREAK_HZ) / t + t / e) / 2;
        }
        return cf;
    }

    /** {@code [1, -2 r cos(theta), r^2]} for a resonance at {@code f} Hz with quality {@code q}. */
    static double[] secondOrderFilter(double f, double q, double fs) {
        double cft = f / fs;
        double rho = Math.exp(-Math.PI * cft / q);
        double theta = 2 * Math.PI * cft * Math.sqrt(1 - 1 / (4 * q * q));
        return new double[] {1, -2 * rho * Math.cos(theta), rho * rho};
    }

    /** {@code |H(exp(i 2 pi f / fs))|} of the section {@code [a0 a1 a2 b1 b2]}. */
    static double magnitude(double[] filter, double f, double fs) {
        double w = 2 * Math.PI * f / fs;
        double cr = Math.cos(w);
        double ci = Math.sin(w);
        double c2r = cr * cr - ci * ci;
        double c2i = 2 * cr * ci;
        double nr = filter[2] + filter[1] * cr + filter[0] * c2r;
        double ni = filter[1] * ci + filter[0] * c2i;
        double dr = filter[4] + filter[3] * cr + c2r;
        double di = filter[3] * ci + c2i;
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }

    /** The section with its numerator scaled so that its gain at {@code f} Hz is {@code desired}. */
    static double[] setGain(double[] filter, double desired, double f, double fs) {
        double scale = desired / magnitude(filter, f, fs);
        double[] out = filter.clone();
        out[0] *= scale;
        out[1] *= scale;
        out[2] *= scale;
        return out;
    }

    /** {@code 1 - exp(-1 / (tau fs))}: the one-pole coefficient of time constant {@code tau} seconds. */
    static double epsilonFromTau(double tau, double fs) {
        return 1 - Math.exp(-1 / tau / fs);
    }

    public LyonConfig config() {
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

    /** A copy of the centre frequencies {@code cf_1 .. cf_N} in Hz, channel 0 (highest) first. */
    public double[] centreFrequencies() {
        return centreFrequencies.clone();
    }

    /** Section {@code i} (0, 1 = front filters, 2.. = cascade stages) as {@code [a0 a1 a2 b1 b2]}. */
    double[] section(int i) {
        return new double[] {a0[i], a1[i], a2[i], b1[i], b2[i]};
    }

    /** The decimation low-pass as {@code [a0 a1 a2 b1 b2]}. */
    double[] decimationFilter() {
        return new double[] {d0, d1, d2, e1, e2};
    }

    /** Frames for a recording of {@code samples} samples at {@link #sampleRate()}: {@code floor(samples / df)}. */
    public int frameCount(int samples) {
        return samples / config.decimation();
    }

    @Override
    public Cochleagram apply(Audio audio) {
        Audio in = audio.sampleRate() == config.sampleRate() ? audio : resampler.resample(audio, config.sampleRate());
        float[] x = new float[in.sampleCount()];
        in.copySamples(x);
        int n = centreFrequencies.length;
        int frames = frameCount(x.length);
        float[] values = new float[n * frames];
        process(x, frames, values);
        return new Cochleagram(n, frames, frameRateHz(), values, centreFrequencies);
    }

    /**
     * Runs the model over {@code frames * decimation} samples of {@code x} (read) and writes the cochleagram,
     * channel-major, into {@code out} (written, {@code channels() * frames} entries).
     */
    void process(float[] x, int frames, float[] out) {
        final int taps = a0.length;
        final int df = config.decimation();
        final Work w = new Work(taps, config.agc() && config.differ() && df > 1);
        final double[] ya = new double[taps];
        final double[] yb = new double[taps];
        final int total = frames * df;
        int pos = 0;
        for (; pos + 1 < total; pos += 2) {
            cascadePair(x[pos], x[pos + 1], ya, yb, w.s1, w.s2);
            postProcess(w, ya, pos, false, out, frames);
            postProcess(w, yb, pos + 1, true, out, frames);
        }
        if (pos < total) {
            cascade(x[pos], ya, w.s1, w.s2);
            postProcess(w, ya, pos, false, out, frames);
        }
    }

    /** Per-call state: filter states, AGC states (two sets, used alternately), scratch taps. */
    private static final class Work {
        final double[] s1;
        final double[] s2;
        final double[] q1;
        final double[] q2;
        final double[] diff;
        final double[] upper;
        /** Flat AGC states {@code [stage * taps + i]} for the general path. */
        final double[] flatA;
        final double[] flatB;
        /** Per-stage AGC states of the common path: {@code a[k]}, {@code b[k]} alternate; neighbours in m, p. */
        final double[][] a;
        final double[][] b;
        final double[][] m;
        final double[][] p;
        final boolean fused;

        Work(int taps, boolean fused) {
            s1 = new double[taps];
            s2 = new double[taps];
            q1 = new double[taps];
            q2 = new double[taps];
            diff = new double[taps];
            upper = new double[taps];
            this.fused = fused;
            int flat = fused ? 0 : AGC_TARGETS.length * taps;
            flatA = new double[flat];
            flatB = new double[flat];
            int per = fused ? taps : 0;
            a = new double[AGC_TARGETS.length][per];
            b = new double[AGC_TARGETS.length][per];
            m = new double[AGC_TARGETS.length][per];
            p = new double[AGC_TARGETS.length][per];
        }
    }

    /** The cascade for one input sample {@code v}: tap outputs, half-wave rectified, to {@code y} (written). */
    private void cascade(double v, double[] y, double[] s1, double[] s2) {
        final double[] c0 = a0;
        final double[] c1 = a1;
        final double[] c2 = a2;
        final double[] p1 = b1;
        final double[] p2 = b2;
        final int taps = c0.length;
        for (int i = 0; i < taps; i++) {
            double o = c0[i] * v + s1[i];
            s1[i] = c1[i] * v - p1[i] * o + s2[i];
            s2[i] = c2[i] * v - p2[i] * o;
            y[i] = Math.max(0.0, o);
            v = o;
        }
    }

    /**
     * The cascade for two consecutive samples {@code va}, {@code vb}, interleaved with a skew of one tap (tap
     * {@code i} of the first sample beside tap {@code i - 1} of the second, which needs exactly the states the first
     * sample has just left there), so that the two serial chains through the taps overlap. Same numbers as two calls
     * of {@link #cascade}.
     */
    private void cascadePair(double va, double vb, double[] ya, double[] yb, double[] s1, double[] s2) {
        final double[] c0 = a0;
        final double[] c1 = a1;
        final double[] c2 = a2;
        final double[] p1 = b1;
        final double[] p2 = b2;
        final int taps = c0.length;
        double o = c0[0] * va + s1[0];
        s1[0] = c1[0] * va - p1[0] * o + s2[0];
        s2[0] = c2[0] * va - p2[0] * o;
        ya[0] = Math.max(0.0, o);
        va = o;
        for (int i = 1; i < taps; i++) {
            o = c0[i] * va + s1[i];
            s1[i] = c1[i] * va - p1[i] * o + s2[i];
            s2[i] = c2[i] * va - p2[i] * o;
            ya[i] = Math.max(0.0, o);
            va = o;
            int j = i - 1;
            double ob = c0[j] * vb + s1[j];
            s1[j] = c1[j] * vb - p1[j] * ob + s2[j];
            s2[j] = c2[j] * vb - p2[j] * ob;
            yb[j] = Math.max(0.0, ob);
            vb = ob;
        }
        int j = taps - 1;
        double ob = c0[j] * vb + s1[j];
        s1[j] = c1[j] * vb - p1[j] * ob + s2[j];
        s2[j] = c2[j] * vb - p2[j] * ob;
        yb[j] = Math.max(0.0, ob);
    }

    /**
     * Everything after the cascade for the sample at {@code pos} (its rectified taps in {@code y}, overwritten): the
     * toolbox's zeroing at the first sample of a block, AGC, difference, decimation low-pass, and the frame output at
     * the last sample of a block. AGC states are read from one set and written to the other, the direction given by
     * {@code flip}; samples alternate directions.
     */
    private void postProcess(Work w, double[] y, int pos, boolean flip, float[] out, int frames) {
        final int df = config.decimation();
        final int k = pos % df;
        final int taps = y.length;
        if (k == 0) {
            y[0] = 0;
            y[1] = 0;
        }
        double[] r = y;
        if (w.fused) {
            double[][] from = flip ? w.b : w.a;
            double[][] to = flip ? w.a : w.b;
            for (int st = 0; st < AGC_TARGETS.length; st++) {
                agcShifted(y, from[st], w.m[st], w.p[st], to[st], agcEpsOverTarget[st], agcOneMinusEpsOverThree[st]);
            }
            differDecimate(y, w.upper, w.q1, w.q2, w.diff);
            r = w.diff;
        } else {
            if (config.agc()) {
                agc(y, flip ? w.flatB : w.flatA, flip ? w.flatA : w.flatB, taps, agcEpsOverTarget,
                        agcOneMinusEpsOverThree);
            }
            if (config.differ()) {
                double[] diff = w.diff;
                diff[0] = y[0];
                for (int i = 1; i < taps; i++) {
                    diff[i] = Math.max(0.0, y[i - 1] - y[i]);
                }
                r = diff;
            }
            if (df > 1) {
                final double[] q1 = w.q1;
                final double[] q2 = w.q2;
                for (int i = 2; i < taps; i++) {
                    double u = r[i];
                    double o = d0 * u + q1[i];
                    q1[i] = d1 * u - e1 * o + q2[i];
                    q2[i] = d2 * u - e2 * o;
                    y[i] = o;
                }
                r = y;
            }
        }
        if (k == df - 1) {
            int frame = pos / df;
            for (int c = 0, n = taps - 2; c < n; c++) {
                out[c * frames + frame] = (float) r[c + 2];
            }
        }
    }

    /**
     * {@code d_i = max(0, u_(i-1) - u_i)} of the AGC outputs {@code u} (in {@code y}; the upper neighbours copied to
     * {@code upper} so that the loop vectorises) and the decimation low-pass of taps 2.. (states {@code q1, q2}), its
     * outputs written to {@code z[2..]}.
     */
    private void differDecimate(double[] y, double[] upper, double[] q1, double[] q2, double[] z) {
        final int taps = y.length;
        System.arraycopy(y, 0, upper, 1, taps - 1);
        final double f0 = d0;
        final double f1 = d1;
        final double f2 = d2;
        final double g1 = e1;
        final double g2 = e2;
        for (int i = 2; i < taps; i++) {
            double d = Math.max(0.0, upper[i] - y[i]);
            double o = f0 * d + q1[i];
            q1[i] = f1 * d - g1 * o + q2[i];
            q2[i] = f2 * d - g2 * o;
            z[i] = o;
        }
    }

    /**
     * One AGC stage on {@code y} (read, written) with states {@code a}, their left neighbours {@code left}
     * ({@code left[i] = a[i-1]}, {@code left[0] = a[0]}) and right neighbours {@code right} ({@code right[i] = a[i+1]},
     * {@code right[last] = a[last]}), which realise the toolbox's edge rule; new states to {@code next}, then
     * {@code left}, {@code right} refilled from them for the next sample. Separate neighbour arrays rather than
     * {@code a[i-1]}, {@code a[i+1]} because C2 does not vectorise a loop reading one array at three offsets.
     * Inputs are non-negative and {@code 1 - a} positive, so the toolbox's {@code fabs} is the identity and is left
     * out.
     */
    private static void agcShifted(double[] y, double[] a, double[] left, double[] right, double[] next,
            double epsOverTarget, double oneMinusEpsOverThree) {
        final double limit = AGC_STATE_LIMIT;
        final int taps = y.length;
        for (int i = 0; i < taps; i++) {
            double s = a[i];
            double u = y[i] * (1.0 - s);
            next[i] = Math.min(limit, u * epsOverTarget + oneMinusEpsOverThree * (left[i] + s + right[i]));
            y[i] = u;
        }
        int n = taps;
        System.arraycopy(next, 0, left, 1, n - 1);
        left[0] = next[0];
        System.arraycopy(next, 1, right, 0, n - 1);
        right[n - 1] = next[n - 1];
    }

    /**
     * The four AGC stages over all taps, in place on {@code y} (read, written; {@code taps} entries): reads the states
     * {@code old[st * taps + i]} and writes the next ones to {@code next}. The stages are fused into one pass over
     * the taps, which gives the same numbers as four passes because stage {@code st} at tap {@code i} needs only its
     * own input at tap {@code i} and old states. Inputs are non-negative (half-wave rectified) and
     * {@code 1 - a} is positive, so the toolbox's {@code fabs} is the identity here and is left out.
     */
    static void agc(double[] y, double[] old, double[] next, int taps, double[] epsOverTarget,
            double[] oneMinusEpsOverThree) {
        if (taps < 3 || epsOverTarget.length != 4) {
            for (int st = 0; st < epsOverTarget.length; st++) {
                agcStage(y, old, next, st * taps, taps, epsOverTarget[st], oneMinusEpsOverThree[st]);
            }
            return;
        }
        final double limit = AGC_STATE_LIMIT;
        final double t1 = epsOverTarget[0];
        final double t2 = epsOverTarget[1];
        final double t3 = epsOverTarget[2];
        final double t4 = epsOverTarget[3];
        final double k1 = oneMinusEpsOverThree[0];
        final double k2 = oneMinusEpsOverThree[1];
        final double k3 = oneMinusEpsOverThree[2];
        final double k4 = oneMinusEpsOverThree[3];
        final int o2 = taps;
        final int o3 = 2 * taps;
        final int o4 = 3 * taps;
        final int last = taps - 1;
        agcTap(y, old, next, 0, 0, 1, taps, t1, t2, t3, t4, k1, k2, k3, k4);
        for (int i = 1; i < last; i++) {
            double a = old[i];
            double u = y[i] * (1.0 - a);
            next[i] = Math.min(limit, u * t1 + k1 * (old[i - 1] + a + old[i + 1]));
            a = old[o2 + i];
            u = u * (1.0 - a);
            next[o2 + i] = Math.min(limit, u * t2 + k2 * (old[o2 + i - 1] + a + old[o2 + i + 1]));
            a = old[o3 + i];
            u = u * (1.0 - a);
            next[o3 + i] = Math.min(limit, u * t3 + k3 * (old[o3 + i - 1] + a + old[o3 + i + 1]));
            a = old[o4 + i];
            u = u * (1.0 - a);
            next[o4 + i] = Math.min(limit, u * t4 + k4 * (old[o4 + i - 1] + a + old[o4 + i + 1]));
            y[i] = u;
        }
        agcTap(y, old, next, last, last - 1, last, taps, t1, t2, t3, t4, k1, k2, k3, k4);
    }

    /** The four stages at tap {@code i}, whose left and right neighbours are {@code left} and {@code right}. */
    private static void agcTap(double[] y, double[] old, double[] next, int i, int left, int right, int taps,
            double t1, double t2, double t3, double t4, double k1, double k2, double k3, double k4) {
        final double limit = AGC_STATE_LIMIT;
        double a = old[i];
        double u = y[i] * (1.0 - a);
        next[i] = Math.min(limit, u * t1 + k1 * (old[left] + a + old[right]));
        int off = taps;
        a = old[off + i];
        u = u * (1.0 - a);
        next[off + i] = Math.min(limit, u * t2 + k2 * (old[off + left] + a + old[off + right]));
        off += taps;
        a = old[off + i];
        u = u * (1.0 - a);
        next[off + i] = Math.min(limit, u * t3 + k3 * (old[off + left] + a + old[off + right]));
        off += taps;
        a = old[off + i];
        u = u * (1.0 - a);
        next[off + i] = Math.min(limit, u * t4 + k4 * (old[off + left] + a + old[off + right]));
        y[i] = u;
    }

    /**
     * One AGC stage over all taps, in place on {@code y}: reads the states {@code old[off .. off+taps)} and writes
     * the next ones to {@code next[off .. off+taps)}.
     */
    static void agcStage(double[] y, double[] old, double[] next, int off, int taps, double epsOverTarget,
            double oneMinusEpsOverThree) {
        final double limit = AGC_STATE_LIMIT;
        if (taps == 1) {
            double a = old[off];
            double u = Math.abs(y[0] * (1.0 - a));
            y[0] = u;
            next[off] = Math.min(limit, u * epsOverTarget + oneMinusEpsOverThree * (a + a + a));
            return;
        }
        double o = Math.abs(y[0] * (1.0 - old[off]));
        y[0] = o;
        next[off] = Math.min(limit, o * epsOverTarget + oneMinusEpsOverThree * (old[off] + old[off] + old[off + 1]));
        final int last = taps - 1;
        for (int i = 1; i < last; i++) {
            double a = old[off + i];
            double u = Math.abs(y[i] * (1.0 - a));
            y[i] = u;
            next[off + i] = Math.min(limit, u * epsOverTarget
                    + oneMinusEpsOverThree * (old[off + i - 1] + a + old[off + i + 1]));
        }
        double a = old[off + last];
        o = Math.abs(y[last] * (1.0 - a));
        y[last] = o;
        next[off + last] = Math.min(limit, o * epsOverTarget
                + oneMinusEpsOverThree * (old[off + last - 1] + a + a));
    }

    @Override
    public String toString() {
        return "LyonEar[" + config + ", " + channels() + " channels, " + Arrays.toString(
                new double[] {centreFrequencies[0], centreFrequencies[centreFrequencies.length - 1]}) + " Hz]";
    }
}
