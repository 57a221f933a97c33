package io.snn4j.data.emulate;

/**
 * Parameters of {@link DvsEmulator}: the sensor, the saccade path of the image across it, and the pixel circuit.
 * Validated at construction; every problem found is listed in one {@link IllegalArgumentException}.
 *
 * <p>The defaults ({@link #nmnistLike()}) are tuned so that emulated MNIST digits match the real N-MNIST recordings
 * (ATIS, 34 x 34, Orchard et al. 2015) in events per sample, ON/OFF ratio, duration, active pixels and per-pixel
 * inter-event intervals to within 25 % (see {@code EventStatistics}, {@code EmulatorVersusRealDataTest}).
 *
 * <p>The default path is a table of waypoints every 5 ms ({@code NMNIST_PATH_XS}, {@code NMNIST_PATH_YS}) fitted to the
 * real recordings of the {@code nmnist-small} set by the test-source tool {@code SaccadePathFit}; the fit and its
 * figures are in {@code src/docs/notes/nmnist-motion.md}.
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
 *                               OFF events lead it, which is what a dark stroke on a brighter background gives
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
 * @param noiseOnFraction        fraction of noise events that are ON, 0..1
 * @param sensorSeed             seed of the fixed-pattern threshold mismatch (a property of the emulated sensor,
 *                               not of a recording)
 * @param pathStepUs             spacing of the tabulated path's waypoints in microseconds, &gt;= 1; used only when
 *                               the table is not empty
 * @param pathXsPx               tabulated path: x offset of the image centre from the sensor centre at times
 *                               0, pathStepUs, 2·pathStepUs, ..., pixels, linearly interpolated between waypoints and
 *                               held after the last one; empty (the default of a builder after {@link
 *                               Builder#triangle}, {@link Builder#noMotion} or {@link Builder#saccadeTiming}) to use
 *                               the triangle of vertex0..2 with the saccade timing instead. At least 2 waypoints,
 *                               finite, within +-1000. The accessor returns a copy
 * @param pathYsPx               tabulated path, y offsets (down is positive); same length as pathXsPx
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
        long sensorSeed,
        int pathStepUs,
        double[] pathXsPx,
        double[] pathYsPx) {

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
        check(problems, pathXsPx != null && pathYsPx != null && pathXsPx.length == pathYsPx.length,
                "pathXsPx and pathYsPx must be non-null and of equal length");
        if (pathXsPx != null && pathYsPx != null && pathXsPx.length > 0) {
            check(problems, pathXsPx.length >= 2, "a tabulated path needs at least 2 waypoints, has "
                    + pathXsPx.length);
            check(problems, pathStepUs >= 1, "pathStepUs must be >= 1, was " + pathStepUs);
            for (int i = 0; i < Math.min(pathXsPx.length, pathYsPx.length); i++) {
                if (!(Double.isFinite(pathXsPx[i]) && Math.abs(pathXsPx[i]) <= 1000
                        && Double.isFinite(pathYsPx[i]) && Math.abs(pathYsPx[i]) <= 1000)) {
                    check(problems, false, "path waypoint " + i + " must be finite and within +-1000, was ("
                            + pathXsPx[i] + ", " + pathYsPx[i] + ")");
                    break;
                }
            }
        }
        if (problems.length() > 0) {
            throw new IllegalArgumentException("invalid DVS emulator config: " + problems);
        }
        pathXsPx = pathXsPx.clone();
        pathYsPx = pathYsPx.clone();
    }

    /** Whether the path is the tabulated one (else the triangle of vertex0..2 with the saccade timing). */
    public boolean hasPathTable() {
        return pathXsPx.length > 0;
    }

    @Override
    public double[] pathXsPx() {
        return pathXsPx.clone();
    }

    @Override
    public double[] pathYsPx() {
        return pathYsPx.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DvsEmulatorConfig c && sensorWidth == c.sensorWidth && sensorHeight == c.sensorHeight
                && stepUs == c.stepUs && recordingUs == c.recordingUs && imageScale == c.imageScale
                && vertex0XPx == c.vertex0XPx && vertex0YPx == c.vertex0YPx && vertex1XPx == c.vertex1XPx
                && vertex1YPx == c.vertex1YPx && vertex2XPx == c.vertex2XPx && vertex2YPx == c.vertex2YPx
                && firstSaccadeStartUs == c.firstSaccadeStartUs && saccadePeriodUs == c.saccadePeriodUs
                && saccadeMoveUs == c.saccadeMoveUs && darkInk == c.darkInk && blackLevel == c.blackLevel
                && blurSigmaPx == c.blurSigmaPx && photoreceptorTauUs == c.photoreceptorTauUs
                && thresholdOn == c.thresholdOn && thresholdOff == c.thresholdOff
                && thresholdMismatch == c.thresholdMismatch && refractoryUs == c.refractoryUs
                && jitterUs == c.jitterUs && noiseRateHz == c.noiseRateHz && noiseOnFraction == c.noiseOnFraction
                && sensorSeed == c.sensorSeed && pathStepUs == c.pathStepUs
                && java.util.Arrays.equals(pathXsPx, c.pathXsPx) && java.util.Arrays.equals(pathYsPx, c.pathYsPx);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sensorWidth, sensorHeight, stepUs, recordingUs, imageScale, vertex0XPx,
                vertex0YPx, vertex1XPx, vertex1YPx, vertex2XPx, vertex2YPx, firstSaccadeStartUs, saccadePeriodUs,
                saccadeMoveUs, darkInk, blackLevel, blurSigmaPx, photoreceptorTauUs, thresholdOn, thresholdOff,
                thresholdMismatch, refractoryUs, jitterUs, noiseRateHz, noiseOnFraction, sensorSeed, pathStepUs,
                java.util.Arrays.hashCode(pathXsPx), java.util.Arrays.hashCode(pathYsPx));
    }

    @Override
    public String toString() {
        return "DvsEmulatorConfig[" + sensorWidth + " x " + sensorHeight + ", step " + stepUs + " us, "
                + recordingUs + " us, " + (hasPathTable() ? "path table of " + pathXsPx.length + " waypoints every "
                + pathStepUs + " us" : "triangle (" + vertex0XPx + ", " + vertex0YPx + ") (" + vertex1XPx + ", "
                + vertex1YPx + ") (" + vertex2XPx + ", " + vertex2YPx + "), start " + firstSaccadeStartUs
                + " us, period " + saccadePeriodUs + " us, move " + saccadeMoveUs + " us") + ", thresholds "
                + thresholdOn + "/" + thresholdOff + "]";
    }

    private static void check(StringBuilder problems, boolean ok, String message) {
        if (!ok) {
            if (problems.length() > 0) {
                problems.append("; ");
            }
            problems.append(message);
        }
    }

    /** Spacing of the waypoints of the default path, microseconds. */
    static final int NMNIST_PATH_STEP_US = 5_000;
    /** The default path, x; see the class documentation. */
    static final double[] NMNIST_PATH_XS = {
            -2.95, -2.92, -2.88, -2.84, -2.76, -2.63, -2.52, -2.50, -2.55, -2.57, -2.43, -2.15, -1.84, -1.55, -1.27,
            -1.11, -1.10, -1.11, -1.09, -1.04, -0.96, -0.86, -0.76, -0.69, -0.58, -0.36, 0.06, 0.54, 0.87, 1.10,
            1.29, 1.42, 1.57, 1.75, 1.97, 2.19, 2.31, 2.37, 2.45, 2.64, 2.94, 3.21, 3.35, 3.41, 3.38, 3.12, 2.56,
            1.92, 1.45, 1.07, 0.60, 0.05, -0.47, -0.95, -1.35, -1.62, -1.88, -2.20, -2.38, -2.37, -2.35, -2.36, -2.36};
    /** The default path, y. */
    static final double[] NMNIST_PATH_YS = {
            -1.75, -1.70, -1.62, -1.56, -1.40, -1.01, -0.49, 0.06, 0.68, 1.33, 1.95, 2.51, 3.01, 3.32, 3.40, 3.49,
            3.66, 3.79, 3.83, 3.81, 3.72, 3.58, 3.44, 3.39, 3.46, 3.44, 3.10, 2.61, 2.18, 1.63, 0.93, 0.33, -0.12,
            -0.51, -0.90, -1.22, -1.33, -1.28, -1.24, -1.28, -1.44, -1.65, -1.79, -1.85, -1.87, -1.84, -1.73, -1.61,
            -1.55, -1.55, -1.57, -1.59, -1.61, -1.66, -1.72, -1.77, -1.81, -1.79, -1.71, -1.62, -1.56, -1.54, -1.53};

    /**
     * Parameters tuned against the real N-MNIST recordings (34 x 34 ATIS, three saccades of about 100 ms), with the
     * fitted tabulated path.
     */
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
        private double thresholdOn = 0.317;
        private double thresholdOff = 0.313;
        private double thresholdMismatch = 0.1;
        private int refractoryUs = 1_000;
        private double jitterUs = 300;
        private double noiseRateHz = 0.45;
        private double noiseOnFraction = 0.85;
        private long sensorSeed = 0x5EED_D5L;
        private int pathStepUs = NMNIST_PATH_STEP_US;
        private double[] pathXsPx = NMNIST_PATH_XS.clone();
        private double[] pathYsPx = NMNIST_PATH_YS.clone();

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
            pathStepUs = c.pathStepUs;
            pathXsPx = c.pathXsPx.clone();
            pathYsPx = c.pathYsPx.clone();
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
            return clearPathTable();
        }

        /** Drops the tabulated path, so the triangle and the saccade timing apply. */
        public Builder clearPathTable() {
            pathXsPx = new double[0];
            pathYsPx = new double[0];
            return this;
        }

        /**
         * A tabulated path: waypoints at times 0, stepUs, 2·stepUs, ... (x and y offsets of the image centre,
         * pixels), linear in between, held after the last. The arrays are copied.
         */
        public Builder pathTable(int stepUs, double[] xs, double[] ys) {
            pathStepUs = stepUs;
            pathXsPx = xs.clone();
            pathYsPx = ys.clone();
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
            return clearPathTable();
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
                    noiseRateHz, noiseOnFraction, sensorSeed, pathStepUs, pathXsPx, pathYsPx);
        }
    }
}
