package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Emulates the N-MNIST recording process (Orchard et al. 2015, "Converting static image datasets to spiking
 * neuromorphic datasets using saccades"): a still grayscale image is seen by a small event sensor that moves in three
 * saccades along a triangle, and each pixel emits an event whenever its log intensity has changed by a contrast
 * threshold since its last event.
 *
 * <p>Model, per simulation step of {@code stepUs} (step k covers time (k-1)·dt .. k·dt):
 * <ol>
 *   <li>Scene: the image (values 0..255, optionally blurred by a Gaussian of {@code blurSigmaPx}) is placed with its
 *       centre at the sensor centre plus the path offset p(t). Sensor pixel (sx, sy) sees image point
 *       ((sx - cx - p_x) / scale + ix, (sy - cy - p_y) / scale + iy), sampled bilinearly (0 outside the image).
 *       Luminance I = b + (1 - b)·v'/255 with the black level b and v' = 255 - v for dark ink on a bright screen
 *       ({@code darkInk}, as the real recordings show) or v' = v; log intensity L = ln I (tabulated).</li>
 *   <li>Path: by default a table of waypoints (every {@code pathStepUs}, fitted to the real recordings, see
 *       {@link DvsEmulatorConfig}), linear in between; or three saccades vertex 0 → 1 → 2 → 0, each lasting
 *       {@code saccadeMoveUs} with position p = a + (b - a)·(1 - cos(π s))/2, s = (t - start) / move, starting every
 *       {@code saccadePeriodUs}.</li>
 *   <li>Photoreceptor: first-order low-pass on L with time constant τ: L̂ += (1 - e^(-dt/τ))·(L - L̂).</li>
 *   <li>Change detector: pixel i keeps a reference r_i; while L̂ - r_i ≥ θ_on,i an ON event is due and
 *       r_i += θ_on,i (OFF symmetric with θ_off,i). Its time is the linear interpolation of L̂ between the step's ends
 *       at the crossed level. Per-pixel thresholds θ = θ_0·(1 + σ·N(0,1)) (clamped to ≥ 0.2·θ_0) are fixed by
 *       {@code sensorSeed}. At t = 0 each reference starts at a random phase within ±0.45·θ of L̂.</li>
 *   <li>Refractory period: a crossing within {@code refractoryUs} of the pixel's last event is lost (the reference
 *       still moves, as the pixel resets).</li>
 *   <li>Timestamp jitter N(0, jitterUs²), clamped to 0..recordingUs; background shot noise as a Poisson process of
 *       {@code noiseRateHz} per pixel, ON with probability {@code noiseOnFraction}; all events sorted by time
 *       (stable).</li>
 * </ol>
 * Only pixels whose bilinear sampling window touches non-zero image values somewhere along the path are simulated;
 * the others cannot change and give noise events only. The output depends only on the config, the image and the
 * state of the {@code SplittableRandom} passed in.
 *
 * <p>Thread-safe: the emulator holds only immutable precomputed tables; each call allocates its own buffers.
 */
public final class DvsEmulator {
    private static final int LOG_TABLE_PER_UNIT = 16;

    private final DvsEmulatorConfig config;
    private final int pixelCount;
    private final int stepCount;
    /** Path offset of the image centre at the end of each step 0..stepCount, sensor pixels. */
    private final float[] pathX;
    private final float[] pathY;
    private final float pathMinX;
    private final float pathMaxX;
    private final float pathMinY;
    private final float pathMaxY;
    private final float[] thresholdsOn;
    private final float[] thresholdsOff;
    /**
     * ln(b + (1 - b) v' / 255) at v = k / LOG_TABLE_PER_UNIT, k = 0..255·LOG_TABLE_PER_UNIT + 1, with v' = 255 - v
     * for dark ink and v' = v otherwise.
     */
    private final float[] logTable;
    private final float lowPassGain;

    /** Precomputes the saccade path, the per-pixel thresholds and the log table. */
    public DvsEmulator(DvsEmulatorConfig config) {
        this.config = config;
        this.pixelCount = config.sensorWidth() * config.sensorHeight();
        this.stepCount = config.recordingUs() / config.stepUs();
        this.pathX = new float[stepCount + 1];
        this.pathY = new float[stepCount + 1];
        double[] vx = {config.vertex0XPx(), config.vertex1XPx(), config.vertex2XPx()};
        double[] vy = {config.vertex0YPx(), config.vertex1YPx(), config.vertex2YPx()};
        double[] tableXs = config.pathXsPx();
        double[] tableYs = config.pathYsPx();
        for (int k = 0; k <= stepCount; k++) {
            long t = (long) k * config.stepUs();
            if (tableXs.length > 0) {
                double u = (double) t / config.pathStepUs();
                int i = (int) Math.min(Math.floor(u), tableXs.length - 1);
                double f = i == tableXs.length - 1 ? 0 : u - i;
                int j = Math.min(i + 1, tableXs.length - 1);
                pathX[k] = (float) (tableXs[i] + f * (tableXs[j] - tableXs[i]));
                pathY[k] = (float) (tableYs[i] + f * (tableYs[j] - tableYs[i]));
                continue;
            }
            int from = 0;
            double progress = 0;
            for (int s = 0; s < 3; s++) {
                long start = config.firstSaccadeStartUs() + (long) s * config.saccadePeriodUs();
                if (t >= start + config.saccadeMoveUs()) {
                    from = (s + 1) % 3;
                    progress = 0;
                } else if (t > start) {
                    from = s;
                    progress = 0.5 * (1 - Math.cos(Math.PI * (t - start) / config.saccadeMoveUs()));
                }
            }
            int to = (from + 1) % 3;
            pathX[k] = (float) (vx[from] + (vx[to] - vx[from]) * progress);
            pathY[k] = (float) (vy[from] + (vy[to] - vy[from]) * progress);
        }
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int k = 0; k <= stepCount; k++) {
            minX = Math.min(minX, pathX[k]);
            maxX = Math.max(maxX, pathX[k]);
            minY = Math.min(minY, pathY[k]);
            maxY = Math.max(maxY, pathY[k]);
        }
        pathMinX = minX;
        pathMaxX = maxX;
        pathMinY = minY;
        pathMaxY = maxY;
        SplittableRandom sensor = new SplittableRandom(config.sensorSeed());
        thresholdsOn = new float[pixelCount];
        thresholdsOff = new float[pixelCount];
        for (int i = 0; i < pixelCount; i++) {
            thresholdsOn[i] = mismatched(config.thresholdOn(), config.thresholdMismatch(), sensor);
            thresholdsOff[i] = mismatched(config.thresholdOff(), config.thresholdMismatch(), sensor);
        }
        logTable = new float[255 * LOG_TABLE_PER_UNIT + 2];
        double b = config.blackLevel();
        for (int k = 0; k < logTable.length; k++) {
            double v = Math.min(255.0, (double) k / LOG_TABLE_PER_UNIT);
            double brightness = config.darkInk() ? 255.0 - v : v;
            logTable[k] = (float) Math.log(b + (1 - b) * brightness / 255.0);
        }
        lowPassGain = config.photoreceptorTauUs() == 0 ? 1f
                : (float) (1 - Math.exp(-config.stepUs() / config.photoreceptorTauUs()));
    }

    private static float mismatched(double theta, double sigma, SplittableRandom random) {
        double v = theta * (1 + sigma * gaussian(random));
        return (float) Math.max(0.2 * theta, v);
    }

    public DvsEmulatorConfig config() {
        return config;
    }

    /**
     * Emulates one recording of a grayscale image.
     *
     * @param image  read; row-major gray values 0..255 (0 = black background, 255 = white ink); length
     *               width·height
     * @param width  image columns, &gt;= 1
     * @param height image rows, &gt;= 1
     * @param random source of all per-recording randomness (reference phases, jitter, noise); advanced
     * @return the events, time-ordered, on a sensorWidth x sensorHeight sensor
     * @throws IllegalArgumentException if the sizes do not match or a value is outside 0..255 or not finite
     */
    public EventStream emulate(float[] image, int width, int height, SplittableRandom random) {
        checkImage(image.length, width, height);
        for (int i = 0; i < image.length; i++) {
            if (!(image[i] >= 0 && image[i] <= 255)) {
                throw new IllegalArgumentException("image pixel " + i + " (x " + (i % width) + ", y " + (i / width)
                        + ") must be in 0..255, was " + image[i]);
            }
        }
        return simulate(new ImageScene(image, width, height), random);
    }

    /** As {@link #emulate(float[], int, int, SplittableRandom)} for unsigned bytes (IDX / MNIST pixels). */
    public EventStream emulate(byte[] image, int width, int height, SplittableRandom random) {
        checkImage(image.length, width, height);
        float[] values = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            values[i] = image[i] & 0xFF;
        }
        return simulate(new ImageScene(values, width, height), random);
    }

    private static void checkImage(int length, int width, int height) {
        if (width < 1 || height < 1 || (long) width * height != length) {
            throw new IllegalArgumentException("image of " + width + " x " + height + " needs " + (long) width * height
                    + " pixels, array has " + length);
        }
    }

    /** Fills the log intensity seen by the active sensor pixels at the end of a step. */
    interface Scene {
        /**
         * @param step         0..stepCount
         * @param logIntensity written; entry a is the log intensity of pixel {@code activePixels()[a]} (of pixel a
         *                     when {@link #activePixels()} is {@code null}); length = number of active pixels
         */
        void render(int step, float[] logIntensity);

        /**
         * Row-major indices of the pixels whose intensity may change during the recording, ascending; the others
         * can emit no signal events and are not simulated. {@code null} means all pixels.
         */
        default int[] activePixels() {
            return null;
        }
    }

    int stepCount() {
        return stepCount;
    }

    /** Path offset of the image centre in x at the end of step {@code step} (0..stepCount), sensor pixels. */
    float pathX(int step) {
        return pathX[step];
    }

    /** Path offset in y at the end of step {@code step}. */
    float pathY(int step) {
        return pathY[step];
    }

    /**
     * The change-detection core over any scene. State is kept dense over the active pixels; each step is one
     * branch-free low-pass pass and one threshold scan that handles the rare crossings.
     */
    EventStream simulate(Scene scene, SplittableRandom random) {
        final int width = config.sensorWidth();
        final float gain = lowPassGain;
        final float dt = config.stepUs();
        final float refractory = config.refractoryUs();
        int[] listed = scene.activePixels();
        if (listed == null) {
            listed = new int[pixelCount];
            for (int i = 0; i < pixelCount; i++) {
                listed[i] = i;
            }
        }
        final int[] pixels = listed;
        final int n = pixels.length;
        final float[] thOn = new float[n];
        final float[] thOff = new float[n];
        for (int a = 0; a < n; a++) {
            thOn[a] = thresholdsOn[pixels[a]];
            thOff[a] = thresholdsOff[pixels[a]];
        }
        final float[] frame = new float[n];
        final float[] filtered = new float[n];
        final float[] previous = new float[n];
        final float[] reference = new float[n];
        final float[] lastEventUs = new float[n];
        scene.render(0, frame);
        for (int a = 0; a < n; a++) {
            filtered[a] = frame[a];
            float span = Math.min(thOn[a], thOff[a]);
            reference[a] = frame[a] + (float) ((random.nextDouble() - 0.5) * 0.9 * span);
            lastEventUs[a] = -Float.MAX_VALUE;
        }
        EventBuffer events = new EventBuffer(4096);
        for (int k = 1; k <= stepCount; k++) {
            scene.render(k, frame);
            for (int a = 0; a < n; a++) {
                float before = filtered[a];
                previous[a] = before;
                filtered[a] = before + gain * (frame[a] - before);
            }
            final float t0 = (k - 1) * dt;
            for (int a = 0; a < n; a++) {
                float after = filtered[a];
                float ref = reference[a];
                if (after - ref >= thOn[a]) {
                    float before = previous[a];
                    float delta = after - before;
                    float th = thOn[a];
                    float level = ref + th;
                    while (level <= after) {
                        float t = t0 + dt * (level - before) / delta;
                        if (t - lastEventUs[a] >= refractory) {
                            events.add(t, pixels[a] % width, pixels[a] / width, 1);
                            lastEventUs[a] = t;
                        }
                        ref = level;
                        level += th;
                    }
                    reference[a] = ref;
                } else if (ref - after >= thOff[a]) {
                    float before = previous[a];
                    float delta = after - before;
                    float th = thOff[a];
                    float level = ref - th;
                    while (level >= after) {
                        float t = t0 + dt * (level - before) / delta;
                        if (t - lastEventUs[a] >= refractory) {
                            events.add(t, pixels[a] % width, pixels[a] / width, 0);
                            lastEventUs[a] = t;
                        }
                        ref = level;
                        level -= th;
                    }
                    reference[a] = ref;
                }
            }
        }
        return finish(events, random);
    }

    private EventStream finish(EventBuffer events, SplittableRandom random) {
        final double jitter = config.jitterUs();
        final long maxUs = config.recordingUs();
        int signalCount = events.size;
        long[] times = new long[signalCount];
        for (int e = 0; e < signalCount; e++) {
            double t = events.timesUs[e];
            if (jitter > 0) {
                t += jitter * gaussian(random);
            }
            times[e] = Math.max(0, Math.min(maxUs, Math.round(t)));
        }
        long[] noiseTimes = new long[16];
        int noiseCount = 0;
        double totalRatePerUs = config.noiseRateHz() * pixelCount * 1e-6;
        if (totalRatePerUs > 0) {
            double t = -Math.log(1 - random.nextDouble()) / totalRatePerUs;
            while (t < maxUs) {
                if (noiseCount == noiseTimes.length) {
                    noiseTimes = Arrays.copyOf(noiseTimes, 2 * noiseCount);
                }
                noiseTimes[noiseCount++] = (long) t;
                int pixel = random.nextInt(pixelCount);
                int polarity = random.nextDouble() < config.noiseOnFraction() ? 1 : 0;
                events.add(0f, pixel % config.sensorWidth(), pixel / config.sensorWidth(), polarity);
                t += -Math.log(1 - random.nextDouble()) / totalRatePerUs;
            }
        }
        int total = events.size;
        long[] keys = new long[total];
        for (int e = 0; e < total; e++) {
            long t = e < signalCount ? times[e] : noiseTimes[e - signalCount];
            keys[e] = (t << 32) | e;
        }
        Arrays.sort(keys);
        long[] ts = new long[total];
        short[] xs = new short[total];
        short[] ys = new short[total];
        byte[] ps = new byte[total];
        for (int j = 0; j < total; j++) {
            int e = (int) keys[j];
            ts[j] = keys[j] >>> 32;
            xs[j] = events.xs[e];
            ys[j] = events.ys[e];
            ps[j] = events.polarities[e];
        }
        return EventStream.of(config.sensorWidth(), config.sensorHeight(), ts, xs, ys, ps);
    }

    /** Standard normal draw (Marsaglia polar method). */
    static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Growable struct-of-arrays of raw events. */
    private static final class EventBuffer {
        float[] timesUs;
        short[] xs;
        short[] ys;
        byte[] polarities;
        int size;

        EventBuffer(int capacity) {
            timesUs = new float[capacity];
            xs = new short[capacity];
            ys = new short[capacity];
            polarities = new byte[capacity];
        }

        void add(float timeUs, int x, int y, int polarity) {
            if (size == timesUs.length) {
                int c = 2 * size;
                timesUs = Arrays.copyOf(timesUs, c);
                xs = Arrays.copyOf(xs, c);
                ys = Arrays.copyOf(ys, c);
                polarities = Arrays.copyOf(polarities, c);
            }
            timesUs[size] = timeUs;
            xs[size] = (short) x;
            ys[size] = (short) y;
            polarities[size] = (byte) polarity;
            size++;
        }
    }

    /**
     * The moving image: blurred once, padded, sampled bilinearly at the path offset of each step. Only sensor pixels
     * whose sampling window along the whole path touches a non-zero image value are active.
     */
    private final class ImageScene implements Scene {
        private final float[] padded;
        private final int paddedWidth;
        private final int paddedHeight;
        /** Image coordinate (padded) seen by sensor pixel (0, 0) with zero path offset. */
        private final float originU;
        private final float originV;
        private final float invScale;
        private final int[] active;
        private final int[] activeXs;
        private final int[] activeYs;
        private final int[] columnIndex;
        private final float[] columnFraction;
        private final int[] rowIndex;
        private final float[] rowFraction;

        ImageScene(float[] image, int width, int height) {
            double sigma = config.blurSigmaPx();
            int radius = sigma == 0 ? 0 : (int) Math.ceil(3 * sigma);
            int pad = radius + 1;
            paddedWidth = width + 2 * pad;
            paddedHeight = height + 2 * pad;
            padded = new float[paddedWidth * paddedHeight];
            for (int y = 0; y < height; y++) {
                System.arraycopy(image, y * width, padded, (y + pad) * paddedWidth + pad, width);
            }
            if (radius > 0) {
                blur(sigma, radius);
            }
            invScale = (float) (1 / config.imageScale());
            double sensorCx = (config.sensorWidth() - 1) / 2.0;
            double sensorCy = (config.sensorHeight() - 1) / 2.0;
            originU = (float) (pad + (width - 1) / 2.0 - sensorCx / config.imageScale());
            originV = (float) (pad + (height - 1) / 2.0 - sensorCy / config.imageScale());
            columnIndex = new int[config.sensorWidth()];
            columnFraction = new float[config.sensorWidth()];
            rowIndex = new int[config.sensorHeight()];
            rowFraction = new float[config.sensorHeight()];
            active = findActive();
            activeXs = new int[active.length];
            activeYs = new int[active.length];
            for (int a = 0; a < active.length; a++) {
                activeYs[a] = active[a] / config.sensorWidth();
                activeXs[a] = active[a] % config.sensorWidth();
            }
        }

        private int[] findActive() {
            final int pw = paddedWidth;
            final int ph = paddedHeight;
            int[] inkBefore = new int[(pw + 1) * (ph + 1)];
            for (int y = 0; y < ph; y++) {
                int rowSum = 0;
                for (int x = 0; x < pw; x++) {
                    rowSum += padded[y * pw + x] > 0 ? 1 : 0;
                    inkBefore[(y + 1) * (pw + 1) + x + 1] = inkBefore[y * (pw + 1) + x + 1] + rowSum;
                }
            }
            int sw = config.sensorWidth();
            int sh = config.sensorHeight();
            int[] list = new int[sw * sh];
            int count = 0;
            for (int sy = 0; sy < sh; sy++) {
                int v0 = Math.max(0, (int) Math.floor(originV + (sy - pathMaxY) * invScale));
                int v1 = Math.min(ph - 1, (int) Math.floor(originV + (sy - pathMinY) * invScale) + 1);
                for (int sx = 0; sx < sw; sx++) {
                    int u0 = Math.max(0, (int) Math.floor(originU + (sx - pathMaxX) * invScale));
                    int u1 = Math.min(pw - 1, (int) Math.floor(originU + (sx - pathMinX) * invScale) + 1);
                    if (u0 > u1 || v0 > v1) {
                        continue;
                    }
                    int ink = inkBefore[(v1 + 1) * (pw + 1) + u1 + 1] - inkBefore[v0 * (pw + 1) + u1 + 1]
                            - inkBefore[(v1 + 1) * (pw + 1) + u0] + inkBefore[v0 * (pw + 1) + u0];
                    if (ink > 0) {
                        list[count++] = sy * sw + sx;
                    }
                }
            }
            return Arrays.copyOf(list, count);
        }

        @Override
        public int[] activePixels() {
            return active;
        }

        private void blur(double sigma, int radius) {
            float[] kernel = new float[2 * radius + 1];
            double sum = 0;
            for (int d = -radius; d <= radius; d++) {
                double w = Math.exp(-0.5 * d * d / (sigma * sigma));
                kernel[d + radius] = (float) w;
                sum += w;
            }
            for (int d = 0; d < kernel.length; d++) {
                kernel[d] /= (float) sum;
            }
            float[] tmp = new float[padded.length];
            for (int y = 0; y < paddedHeight; y++) {
                for (int x = 0; x < paddedWidth; x++) {
                    float acc = 0;
                    for (int d = -radius; d <= radius; d++) {
                        int xx = x + d;
                        if (xx >= 0 && xx < paddedWidth) {
                            acc += kernel[d + radius] * padded[y * paddedWidth + xx];
                        }
                    }
                    tmp[y * paddedWidth + x] = acc;
                }
            }
            for (int y = 0; y < paddedHeight; y++) {
                for (int x = 0; x < paddedWidth; x++) {
                    float acc = 0;
                    for (int d = -radius; d <= radius; d++) {
                        int yy = y + d;
                        if (yy >= 0 && yy < paddedHeight) {
                            acc += kernel[d + radius] * tmp[yy * paddedWidth + x];
                        }
                    }
                    padded[y * paddedWidth + x] = Math.min(255f, Math.max(0f, acc));
                }
            }
        }

        @Override
        public void render(int step, float[] logIntensity) {
            final int sw = config.sensorWidth();
            final int sh = config.sensorHeight();
            final int pw = paddedWidth;
            final float[] img = padded;
            final float[] table = logTable;
            final float inv = invScale;
            final float background = table[0];
            final int[] ix = columnIndex;
            final float[] fx = columnFraction;
            final int[] iy = rowIndex;
            final float[] fy = rowFraction;
            sampleGrid(originU - pathX[step] * inv, inv, sw, pw, ix, fx);
            sampleGrid(originV - pathY[step] * inv, inv, sh, paddedHeight, iy, fy);
            final int[] xs = activeXs;
            final int[] ys = activeYs;
            final int n = xs.length;
            for (int a = 0; a < n; a++) {
                final int sx = xs[a];
                final int sy = ys[a];
                final int col = ix[sx];
                final int row = iy[sy];
                if (col < 0 || row < 0) {
                    logIntensity[a] = background;
                    continue;
                }
                final float f = fx[sx];
                final int o = row * pw + col;
                float top = img[o] + f * (img[o + 1] - img[o]);
                float bottom = img[o + pw] + f * (img[o + pw + 1] - img[o + pw]);
                float value = (top + fy[sy] * (bottom - top)) * LOG_TABLE_PER_UNIT;
                int k = (int) value;
                float g = value - k;
                logIntensity[a] = table[k] + g * (table[k + 1] - table[k]);
            }
        }

        /** Integer part (or -1 outside the padded image) and fraction of start + s·step for s = 0..count-1. */
        private void sampleGrid(float start, float step, int count, int limit, int[] index, float[] fraction) {
            for (int s = 0; s < count; s++) {
                float u = start + s * step;
                int i = (int) Math.floor(u);
                if (i < 0 || i + 1 >= limit) {
                    index[s] = -1;
                } else {
                    index[s] = i;
                    fraction[s] = u - i;
                }
            }
        }
    }
}
