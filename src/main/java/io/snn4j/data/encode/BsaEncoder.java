package io.snn4j.data.encode;

import io.snn4j.data.audio.Cochleagram;
import io.snn4j.event.InputSpikes;

/**
 * Ben's Spiker Algorithm (Schrauwen and Van Campenhout 2003) as the HM2-BP / ST-RSBP speech loaders apply it to a
 * Lyon cochleagram ({@code readSpeechData.cpp::BSA}), one spike train per channel.
 *
 * <p>For each channel: the analog signal is {@code s[t] = scale * value[t / ticksPerFrame]} for
 * {@code t = 0 .. frames * ticksPerFrame - 1}, followed by 24 zeros. The kernel is the 24-tap Gaussian
 * <pre>
 * k[j] = exp(-(j - 12)^2 / 25) / sum_m exp(-(m - 12)^2 / 25),   j = 0..23   (sums to 1, peak k[12] = 0.11292)
 * </pre>
 * For {@code i = 0, 1, ..., frames * ticksPerFrame - 1} in order:
 * <pre>
 * e1 = sum_j |s[i + j] - k[j]|,   e2 = sum_j |s[i + j]|
 * if e1 &lt; e2 - threshold:  spike at tick i + 1;  s[i + j] -= k[j] for j = 0..23
 * </pre>
 * Spikes at ticks {@code >= ticks} are dropped; since a spike at {@code i} changes only {@code s[i..]}, the scan
 * stops at {@code i = ticks - 2} with the same result. Tick 0 never spikes. The reference setting is scale 2000,
 * threshold 0.6 and 10 ticks per frame. Deterministic: the seed and sample index are not used.
 *
 * <p>Immutable and thread-safe.
 */
public final class BsaEncoder implements CochleagramEncoder {
    /** Taps of the kernel. */
    public static final int KERNEL_LENGTH = 24;
    private static final double[] KERNEL = kernel();

    private final double scale;
    private final double threshold;
    private final int ticksPerFrame;

    /**
     * @param scale         factor applied to the cochleagram values, finite and &gt; 0 (reference 2000)
     * @param threshold     margin by which the kernel must reduce the error, finite and &gt;= 0 (reference 0.6)
     * @param ticksPerFrame ticks each frame is held for, 1..10000 (reference 10)
     */
    public BsaEncoder(double scale, double threshold, int ticksPerFrame) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("bsa: scale must be finite and > 0, was " + scale);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("bsa: threshold must be finite and >= 0, was " + threshold);
        }
        if (ticksPerFrame < 1 || ticksPerFrame > 10_000) {
            throw new IllegalArgumentException("bsa: ticksPerFrame must lie in 1..10000, was " + ticksPerFrame);
        }
        this.scale = scale;
        this.threshold = threshold;
        this.ticksPerFrame = ticksPerFrame;
    }

    /** The setting of the HM2-BP speech loader: scale 2000, threshold 0.6, 10 ticks per frame. */
    public static BsaEncoder reference() {
        return new BsaEncoder(2000, 0.6, 10);
    }

    private static double[] kernel() {
        double[] k = new double[KERNEL_LENGTH];
        double sum = 0;
        for (int j = 0; j < KERNEL_LENGTH; j++) {
            double d = j - KERNEL_LENGTH / 2.0;
            k[j] = Math.exp(-d * d / 25);
            sum += k[j];
        }
        for (int j = 0; j < KERNEL_LENGTH; j++) {
            k[j] /= sum;
        }
        return k;
    }

    /** A copy of the normalised kernel. */
    public static double[] kernelTaps() {
        return KERNEL.clone();
    }

    public double scale() {
        return scale;
    }

    public double threshold() {
        return threshold;
    }

    public int ticksPerFrame() {
        return ticksPerFrame;
    }

    /** Ticks that cover {@code frames} frames with the spike shift of one: {@code frames * ticksPerFrame + 1}. */
    public int ticksFor(int frames) {
        return frames * ticksPerFrame + 1;
    }

    @Override
    public int channelCount(int cochleagramChannels) {
        return cochleagramChannels;
    }

    @Override
    public InputSpikes encode(Cochleagram cochleagram, int ticks, long seed, long sampleIndex) {
        if (ticks < 1) {
            throw new IllegalArgumentException("bsa: ticks must be >= 1, was " + ticks);
        }
        final int frames = cochleagram.frames();
        final int channels = cochleagram.channels();
        final long length = (long) frames * ticksPerFrame;
        if (length > Integer.MAX_VALUE - KERNEL_LENGTH) {
            throw new IllegalArgumentException("bsa: " + frames + " frames x " + ticksPerFrame
                    + " ticks per frame is too long");
        }
        final int n = (int) length;
        final int scan = Math.min(n, ticks - 1);
        final double[] k = KERNEL;
        final double[] s = new double[n + KERNEL_LENGTH];
        final float[] values = cochleagram.values();
        final int hold = ticksPerFrame;
        final double thr = threshold;
        SpikeCollector out = new SpikeCollector(channels * 16);
        for (int c = 0; c < channels; c++) {
            int base = c * frames;
            for (int f = 0, t = 0; f < frames; f++) {
                double v = values[base + f] * scale;
                for (int h = 0; h < hold; h++, t++) {
                    s[t] = v;
                }
            }
            java.util.Arrays.fill(s, n, n + KERNEL_LENGTH, 0.0);
            for (int i = 0; i < scan; i++) {
                double e1 = 0;
                double e2 = 0;
                for (int j = 0; j < KERNEL_LENGTH; j++) {
                    double a = s[i + j];
                    e1 += Math.abs(a - k[j]);
                    e2 += Math.abs(a);
                }
                if (e1 < e2 - thr) {
                    out.add(i + 1, c);
                    for (int j = 0; j < KERNEL_LENGTH; j++) {
                        s[i + j] -= k[j];
                    }
                }
            }
        }
        return out.toInputSpikes(channels, ticks);
    }

    @Override
    public String toString() {
        return "BsaEncoder[scale=" + scale + ", threshold=" + threshold + ", ticksPerFrame=" + ticksPerFrame + "]";
    }
}
