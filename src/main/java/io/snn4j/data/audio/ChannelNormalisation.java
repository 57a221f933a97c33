package io.snn4j.data.audio;

/**
 * A front-end followed by per-channel level normalisation of each recording's cochleagram: every channel is scaled
 * so that its mean over the recording equals the mean over all channels, which removes the long-term spectral tilt a
 * speaker's voice or a microphone gives every word, while keeping the recording's overall level and the values'
 * signs (so that level-driven encoders such as BSA see the same range). The linear-domain counterpart of cepstral
 * mean normalisation. Immutable and thread-safe.
 * <pre>
 *   m_c = (1 / F) sum_f x[c][f]           the channel's mean over the F frames
 *   M   = (1 / C) sum_c m_c               the mean over the C channels
 *   y[c][f] = x[c][f] * M / max(m_c, floor * M)
 * </pre>
 * The floor (a fraction of {@code M}) bounds the lift of nearly silent channels at {@code 1 / floor}. A recording
 * with no frames or {@code M <= 0} is returned unchanged.
 */
public final class ChannelNormalisation implements FrontEnd {
    /** The floor used by {@link #of(FrontEnd)}: a channel is lifted at most 20 times. */
    public static final double DEFAULT_FLOOR = 0.05;

    private final FrontEnd inner;
    private final double floor;

    /**
     * @param inner the front-end whose output is normalised
     * @param floor the smallest channel mean, as a fraction of the mean over channels, in (0, 1]
     */
    public ChannelNormalisation(FrontEnd inner, double floor) {
        if (inner == null) {
            throw new IllegalArgumentException("channel normalisation: inner front-end must not be null");
        }
        if (!(floor > 0 && floor <= 1)) {
            throw new IllegalArgumentException("channel normalisation: floor must be in (0, 1], was " + floor);
        }
        this.inner = inner;
        this.floor = floor;
    }

    /** {@code inner} normalised with {@link #DEFAULT_FLOOR}. */
    public static ChannelNormalisation of(FrontEnd inner) {
        return new ChannelNormalisation(inner, DEFAULT_FLOOR);
    }

    @Override
    public double sampleRate() {
        return inner.sampleRate();
    }

    @Override
    public int channels() {
        return inner.channels();
    }

    @Override
    public double frameRateHz() {
        return inner.frameRateHz();
    }

    @Override
    public Cochleagram apply(Audio audio) {
        return normalise(inner.apply(audio), floor);
    }

    /** {@code c} with each channel scaled as the class comment gives. */
    public static Cochleagram normalise(Cochleagram c, double floor) {
        int channels = c.channels();
        int frames = c.frames();
        if (frames == 0) {
            return c;
        }
        float[] x = c.values();
        double[] mean = new double[channels];
        double all = 0;
        for (int ch = 0; ch < channels; ch++) {
            double sum = 0;
            for (int f = 0; f < frames; f++) {
                sum += x[ch * frames + f];
            }
            mean[ch] = sum / frames;
            all += mean[ch];
        }
        all /= channels;
        if (!(all > 0)) {
            return c;
        }
        for (int ch = 0; ch < channels; ch++) {
            double gain = all / Math.max(mean[ch], floor * all);
            for (int f = 0; f < frames; f++) {
                x[ch * frames + f] = (float) (x[ch * frames + f] * gain);
            }
        }
        return new Cochleagram(channels, frames, c.frameRateHz(), x, c.centreFrequencies());
    }
}
