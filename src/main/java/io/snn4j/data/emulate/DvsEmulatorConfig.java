package io.snn4j.data.emulate;

/**
 * Parameters of {@link DvsEmulator}: the sensor, the saccade path of the image across it, and the pixel circuit.
 * Validated at construction; every problem found is listed in one {@link IllegalArgumentException}.
 *
 * <p>The defaults ({@link #nmnistLike()}) are tuned so that emulated MNIST digits match the real N-MNIST recordings
 * (ATIS, 34 x 34, Orchard et al. 2015) in events per sample, ON/OFF ratio, duration, active pixels and per-pixel
 * inter-event intervals to within 25 % (see {@code EventStatistics}); over the 1000-recording subset the means
 * differ by at most 6 % for emulated MNIST digits and 17 % for the built-in digits.
 *
 * @param sensorWidth            sensor columns, 1..255 (N-MNIST addresses are 8 bit)
 * @param sensorHeight           sensor rows, 1..255
 * @param stepUs                 internal simulation step in microseconds, 1..10000; events are timestamped between
 *                               steps by linear interpolation of the log intensity
 * @param recordingUs            length of the recording in microseconds, stepUs..8388607 (23-bit timestamps)
 * @param imageScale             sensor pixels per image pixel, in (0, 16]
 * @param vertex0XPx             first triangle vertex, x offset of the image centre from the sensor centre, pixels
 * @param vertex0YPx             first triangle vertex, y offset (down is positive)
 * @param vertex1XPx             second vertex, x offset
 * @param vertex1YPx             second vertex, y offset
 * @param vertex2XPx             third vertex, x offset
 * @param vertex2YPx             third vertex, y offset
 * @param firstSaccadeStartUs    start of the first saccade (vertex 0 to 1), &gt;= 0
 * @param saccadePeriodUs        time from the start of one saccade to the start of the next, &gt; 0
 * @param saccadeMoveUs          duration of the movement within each period, in (0, saccadePeriodUs]; the image
 *                               follows a raised-cosine position profile (bell-shaped speed, zero at both ends).
 *                               The three saccades (0 to 1, 1 to 2, 2 to 0) must end by recordingUs
 * @param darkInk                show the image inverted (value 255 dark, 0 bright), as dark ink on a bright screen.
 *                               The real N-MNIST recordings need this: their ON events trail a moving stroke and
 *                               OFF events lead it (measured over 200 recordings), which is what a dark stroke on a
 *                               brighter background gives
 * @param blackLevel             luminance of pixel value 0 relative to value 255, in (0, 1) (a monitor's black is not
 *                               dark)
 * @param blurSigmaPx            Gaussian optical blur in image pixels, 0..8
 * @param photoreceptorTauUs     time constant of the first-order low-pass on log intensity, &gt;= 0 (0 = none)
 * @param thresholdOn            ON contrast threshold, log-intensity units, &gt; 0
 * @param thresholdOff           OFF contrast threshold, log-intensity units, &gt; 0
 * @param thresholdMismatch      relative standard deviation of per-pixel thresholds (fixed pattern), 0..0.5
 * @param refractoryUs           per-pixel dead time after an event, &gt;= 0; crossings within it are lost
 * @param jitterUs               standard deviation of Gaussian timestamp jitter, &gt;= 0
 * @param noiseRateHz            background (shot noise) events per pixel per second, &gt;= 0
 * @param noiseOnFraction        fraction of noise events that are ON, 0..1 (the real recordings' background events,
 *                               counted in the 3-pixel border, are about 83 % ON)
 * @param sensorSeed             seed of the fixed-pattern threshold mismatch (a property of the emulated sensor,
 *                               not of a recording)
 */
public record DvsEmulatorConfig(
        int sensorWidth,
        int sensorHeight,
        int stepUs,
        int recordingUs,
        double imageScale,
        double vertex0XPx,
        double vertex0YPx,
        double vertex1XPx,
        double vertex1YPx,
        double vertex2XPx,
        double vertex2YPx,
        int firstSaccadeStartUs,
        int saccadePeriodUs,
        int saccadeMoveUs,
        boolean darkInk,
        double blackLevel,
        double blurSigmaPx,
        double photoreceptorTauUs,
        double thresholdOn,
        double thresholdOff,
        double thresholdMismatch,
        int refractoryUs,
        double jitterUs,
        double noiseRateHz,
        double noiseOnFraction,
        long sensorSeed) {

    /** Largest timestamp of the N-MNIST format, microseconds. */
    static final int MAX_RECORDING_US = (1 << 23) - 1;

    public DvsEmulatorConfig {
        StringBuilder problems = new StringBuilder();
        check(problems, sensorWidth >= 1 && sensorWidth <= 255, "sensorWidth must be in 1..255, was " + sensorWidth);
        check(problems, sensorHeight >= 1 && sensorHeight <= 255,
                "sensorHeight must be in 1..255, was " + sensorHeight);
        check(problems, stepUs >= 1 && stepUs <= 10_000, "stepUs must be in 1..10000, was " + stepUs);
        check(problems, recordingUs >= stepUs && recordingUs <= MAX_RECORDING_US,
                "recordingUs must be in stepUs.." + MAX_RECORDING_US + ", was " + recordingUs);
        check(problems, imageScale > 0 && imageScale <= 16, "imageScale must be in (0, 16], was " + imageScale);
        double[] vertices = {vertex0XPx, vertex0YPx, vertex1XPx, vertex1YPx, vertex2XPx, vertex2YPx};
        for (int i = 0; i < vertices.length; i++) {
            check(problems, Double.isFinite(vertices[i]) && Math.abs(vertices[i]) <= 1000,
                    "vertex" + (i / 2) + (i % 2 == 0 ? "XPx" : "YPx") + " must be finite and within +-1000, was "
                            + vertices[i]);
        }
        check(problems, firstSaccadeStartUs >= 0, "firstSaccadeStartUs must be >= 0, was " + firstSaccadeStartUs);
        check(problems, saccadePeriodUs > 0, "saccadePeriodUs must be > 0, was " + saccadePeriodUs);
        check(problems, saccadeMoveUs > 0 && saccadeMoveUs <= saccadePeriodUs,
                "saccadeMoveUs must be in (0, saccadePeriodUs = " + saccadePeriodUs + "], was " + saccadeMoveUs);
        long lastEnd = (long) firstSaccadeStartUs + 2L * saccadePeriodUs + saccadeMoveUs;
        check(problems, lastEnd <= recordingUs, "the third saccade must end by recordingUs = " + recordingUs
                + ", ends at firstSaccadeStartUs + 2 * saccadePeriodUs + saccadeMoveUs = " + lastEnd);
        check(problems, blackLevel > 0 && blackLevel < 1, "blackLevel must be in (0, 1), was " + blackLevel);
        check(problems, blurSigmaPx >= 0 && blurSigmaPx <= 8, "blurSigmaPx must be in 0..8, was " + blurSigmaPx);
        check(problems, photoreceptorTauUs >= 0 && photoreceptorTauUs <= 1e7,
                "photoreceptorTauUs must be in 0..1e7, was " + photoreceptorTauUs);
        check(problems, thresholdOn > 0 && thresholdOn <= 10, "thresholdOn must be in (0, 10], was " + thresholdOn);
        check(problems, thresholdOff > 0 && thresholdOff <= 10,
                "thresholdOff must be in (0, 10], was " + thresholdOff);
        check(problems, thresholdMismatch >= 0 && thresholdMismatch <= 0.5,
                "thresholdMismatch must be in 0..0.5, was " + thresholdMismatch);
        check(problems, refractoryUs >= 0, "refractoryUs must be >= 0, was " + refractoryUs);
        check(problems, jitterUs >= 0 && jitterUs <= 1e6, "jitterUs must be in 0..1e6, was " + jitterUs);
        check(problems, noiseRateHz >= 0 && noiseRateHz <= 1e4,
                "noiseRateHz must be in 0..10000, was " + noiseRateHz);
        check(problems, noiseOnFraction >= 0 && noiseOnFraction <= 1,
                "noiseOnFraction must be in 0..1, was " + noiseOnFraction);
        if (problems.length() > 0) {
            throw new IllegalArgumentException("invalid DVS emulator config: " + problems);
        }
    }

    private static void check(StringBuilder problems, boolean ok, String message) {
        if (!ok) {
            if (problems.length() > 0) {
                problems.append("; ");
            }
            problems.append(message);
        }
    }

    /** Parameters tuned against the real N-MNIST recordings (34 x 34 ATIS, three saccades of about 100 ms). */
    public static DvsEmulatorConfig nmnistLike() {
        return builder().build();
    }

    /** A builder starting from {@link #nmnistLike()} values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets parameters by name; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int sensorWidth = 34;
        private int sensorHeight = 34;
        private int stepUs = 200;
        private int recordingUs = 310_000;
        private double imageScale = 1.0;
        private double vertex0XPx = -2.5;
        private double vertex0YPx = -1.5;
        private double vertex1XPx = 0.0;
        private double vertex1YPx = 3.5;
        private double vertex2XPx = 2.5;
        private double vertex2YPx = -1.5;
        private int firstSaccadeStartUs = 0;
        private int saccadePeriodUs = 104_000;
        private int saccadeMoveUs = 90_000;
        private boolean darkInk = true;
        private double blackLevel = 0.1;
        private double blurSigmaPx = 0.5;
        private double photoreceptorTauUs = 2_000;
        private double thresholdOn = 0.272;
        private double thresholdOff = 0.268;
        private double thresholdMismatch = 0.1;
        private int refractoryUs = 1_000;
        private double jitterUs = 300;
        private double noiseRateHz = 0.45;
        private double noiseOnFraction = 0.85;
        private long sensorSeed = 0x5EED_D5L;

        private Builder() {
        }

        private Builder(DvsEmulatorConfig c) {
            sensorWidth = c.sensorWidth;
            sensorHeight = c.sensorHeight;
            stepUs = c.stepUs;
            recordingUs = c.recordingUs;
            imageScale = c.imageScale;
            vertex0XPx = c.vertex0XPx;
            vertex0YPx = c.vertex0YPx;
            vertex1XPx = c.vertex1XPx;
            vertex1YPx = c.vertex1YPx;
            vertex2XPx = c.vertex2XPx;
            vertex2YPx = c.vertex2YPx;
            firstSaccadeStartUs = c.firstSaccadeStartUs;
            saccadePeriodUs = c.saccadePeriodUs;
            saccadeMoveUs = c.saccadeMoveUs;
            darkInk = c.darkInk;
            blackLevel = c.blackLevel;
            blurSigmaPx = c.blurSigmaPx;
            photoreceptorTauUs = c.photoreceptorTauUs;
            thresholdOn = c.thresholdOn;
            thresholdOff = c.thresholdOff;
            thresholdMismatch = c.thresholdMismatch;
            refractoryUs = c.refractoryUs;
            jitterUs = c.jitterUs;
            noiseRateHz = c.noiseRateHz;
            noiseOnFraction = c.noiseOnFraction;
            sensorSeed = c.sensorSeed;
        }

        public Builder sensorSize(int width, int height) {
            this.sensorWidth = width;
            this.sensorHeight = height;
            return this;
        }

        public Builder stepUs(int v) {
            this.stepUs = v;
            return this;
        }

        public Builder recordingUs(int v) {
            this.recordingUs = v;
            return this;
        }

        public Builder imageScale(double v) {
            this.imageScale = v;
            return this;
        }

        /** Sets the three triangle vertices (offsets of the image centre from the sensor centre, pixels). */
        public Builder triangle(double x0, double y0, double x1, double y1, double x2, double y2) {
            vertex0XPx = x0;
            vertex0YPx = y0;
            vertex1XPx = x1;
            vertex1YPx = y1;
            vertex2XPx = x2;
            vertex2YPx = y2;
            return this;
        }

        /** No motion: all vertices at the sensor centre. */
        public Builder noMotion() {
            return triangle(0, 0, 0, 0, 0, 0);
        }

        public Builder saccadeTiming(int firstStartUs, int periodUs, int moveUs) {
            firstSaccadeStartUs = firstStartUs;
            saccadePeriodUs = periodUs;
            saccadeMoveUs = moveUs;
            return this;
        }

        public Builder darkInk(boolean v) {
            this.darkInk = v;
            return this;
        }

        public Builder blackLevel(double v) {
            this.blackLevel = v;
            return this;
        }

        public Builder blurSigmaPx(double v) {
            this.blurSigmaPx = v;
            return this;
        }

        public Builder photoreceptorTauUs(double v) {
            this.photoreceptorTauUs = v;
            return this;
        }

        /** Sets both ON and OFF contrast thresholds. */
        public Builder threshold(double v) {
            this.thresholdOn = v;
            this.thresholdOff = v;
            return this;
        }

        public Builder thresholdOn(double v) {
            this.thresholdOn = v;
            return this;
        }

        public Builder thresholdOff(double v) {
            this.thresholdOff = v;
            return this;
        }

        public Builder thresholdMismatch(double v) {
            this.thresholdMismatch = v;
            return this;
        }

        public Builder refractoryUs(int v) {
            this.refractoryUs = v;
            return this;
        }

        public Builder jitterUs(double v) {
            this.jitterUs = v;
            return this;
        }

        public Builder noiseRateHz(double v) {
            this.noiseRateHz = v;
            return this;
        }

        public Builder noiseOnFraction(double v) {
            this.noiseOnFraction = v;
            return this;
        }

        public Builder sensorSeed(long v) {
            this.sensorSeed = v;
            return this;
        }

        public DvsEmulatorConfig build() {
            return new DvsEmulatorConfig(sensorWidth, sensorHeight, stepUs, recordingUs, imageScale,
                    vertex0XPx, vertex0YPx, vertex1XPx, vertex1YPx, vertex2XPx, vertex2YPx,
                    firstSaccadeStartUs, saccadePeriodUs, saccadeMoveUs, darkInk, blackLevel, blurSigmaPx,
                    photoreceptorTauUs, thresholdOn, thresholdOff, thresholdMismatch, refractoryUs, jitterUs,
                    noiseRateHz, noiseOnFraction, sensorSeed);
        }
    }
}
