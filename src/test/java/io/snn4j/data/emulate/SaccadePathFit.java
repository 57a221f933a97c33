package io.snn4j.data.emulate;

import io.snn4j.data.EventStream;
import io.snn4j.data.transform.SaccadeStabilization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fits the tabulated saccade path of {@link DvsEmulatorConfig#nmnistLike()} to the real N-MNIST recordings, and
 * measures how well a config's path matches them. Not a test: {@link #main} documents and reproduces the fit.
 *
 * <p>Residual: for each pair (real recording id k, emulated MNIST training image k - 1, seed
 * {@link StatisticsComparison#recordingSeed}) and each 5 ms window, the difference of the raw event centroids
 * (real minus emulated), averaged over the pairs with weight min(real count, emulated count) where both have at least
 * 15 events in the window. Fit: start from a path, then repeatedly add to each waypoint (times 0, 5, 10 ... ms) the
 * mean residual of the two windows beside it (a window without enough data, as between saccades, takes the residual
 * of the last window before it that has, so the image stands still there as before), and smooth the table by
 * (1, 2, 1) / 4.
 */
final class SaccadePathFit {
    static final int WINDOW_US = 5_000;
    static final int WINDOWS = 62;
    static final int MIN_EVENTS = 15;

    private final Path nmnist;
    private final byte[][] images;

    SaccadePathFit(Path datasets, int maxId) throws IOException {
        this.nmnist = datasets.resolve("nmnist-small");
        this.images = RealData.mnistTrainImages(datasets.resolve("mnist"), maxId);
    }

    /**
     * Per-window residual (dx, dy, weight) and mean events per recording (real, emulated) of a config over ids from..to
     * (inclusive).
     */
    double[][] residual(DvsEmulatorConfig config, int from, int to) throws IOException {
        DvsEmulator emulator = new DvsEmulator(config);
        double[][] r = new double[5][WINDOWS];
        for (int id = from; id <= to; id++) {
            EventStream real = RealData.readNmnist(nmnist.resolve(id + ".bs2"));
            EventStream emu = emulator.emulate(images[id - 1], 28, 28,
                    new SplittableRandom(StatisticsComparison.recordingSeed(id)));
            double[][] a = sums(real);
            double[][] b = sums(emu);
            for (int w = 0; w < WINDOWS; w++) {
                r[3][w] += a[2][w];
                r[4][w] += b[2][w];
                if (a[2][w] < MIN_EVENTS || b[2][w] < MIN_EVENTS) {
                    continue;
                }
                double weight = Math.min(a[2][w], b[2][w]);
                r[0][w] += weight * (a[0][w] / a[2][w] - b[0][w] / b[2][w]);
                r[1][w] += weight * (a[1][w] / a[2][w] - b[1][w] / b[2][w]);
                r[2][w] += weight;
            }
        }
        for (int w = 0; w < WINDOWS; w++) {
            if (r[2][w] > 0) {
                r[0][w] /= r[2][w];
                r[1][w] /= r[2][w];
            }
            r[3][w] /= to - from + 1;
            r[4][w] /= to - from + 1;
        }
        return r;
    }

    private static double[][] sums(EventStream e) {
        double[][] c = new double[3][WINDOWS];
        for (int i = 0; i < e.size(); i++) {
            int w = (int) (e.timestampUs(i) / WINDOW_US);
            if (w < WINDOWS) {
                c[0][w] += e.x(i);
                c[1][w] += e.y(i);
                c[2][w]++;
            }
        }
        return c;
    }

    /**
     * Mean Pearson correlation, per saccade (0-105, 105-210, 210-315 ms), of the stabilised count images (polarity x
     * 34 x 34) of real and emulated recordings of the same digit.
     */
    double[] correlations(DvsEmulatorConfig config, int from, int to) throws IOException {
        DvsEmulator emulator = new DvsEmulator(config);
        SaccadeStabilization st = SaccadeStabilization.nmnist();
        double[] sum = new double[3];
        for (int id = from; id <= to; id++) {
            EventStream real = st.apply(RealData.readNmnist(nmnist.resolve(id + ".bs2")), null);
            EventStream emu = st.apply(emulator.emulate(images[id - 1], 28, 28,
                    new SplittableRandom(StatisticsComparison.recordingSeed(id))), null);
            double[][] a = images(real);
            double[][] b = images(emu);
            for (int s = 0; s < 3; s++) {
                sum[s] += pearson(a[s], b[s]);
            }
        }
        for (int s = 0; s < 3; s++) {
            sum[s] /= to - from + 1;
        }
        return sum;
    }

    private static double[][] images(EventStream e) {
        double[][] img = new double[3][2 * 34 * 34];
        for (int i = 0; i < e.size(); i++) {
            int s = (int) Math.min(2, e.timestampUs(i) / 105_000);
            img[s][e.polarity(i) * 1156 + e.y(i) * 34 + e.x(i)]++;
        }
        return img;
    }

    private static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /**
     * Weighted RMS of the residual over windows first..last, and the largest |residual| there, over the windows of at
     * least minWeight.
     */
    static double[] summary(double[][] r, int first, int last, double minWeight) {
        double s = 0;
        double w = 0;
        double max = 0;
        for (int k = first; k <= last; k++) {
            if (r[2][k] >= minWeight) {
                double d2 = r[0][k] * r[0][k] + r[1][k] * r[1][k];
                s += r[2][k] * d2;
                w += r[2][k];
                max = Math.max(max, Math.sqrt(d2));
            }
        }
        return new double[] {Math.sqrt(s / w), max};
    }

    /** The path of a config sampled every WINDOW_US as a table of WINDOWS + 1 waypoints. */
    static double[][] table(DvsEmulatorConfig config) {
        DvsEmulator e = new DvsEmulator(config);
        double[][] t = new double[2][WINDOWS + 1];
        for (int k = 0; k <= WINDOWS; k++) {
            int step = Math.min(e.stepCount(), k * WINDOW_US / config.stepUs());
            t[0][k] = e.pathX(step);
            t[1][k] = e.pathY(step);
        }
        return t;
    }

    /** One fitting step: the table plus the residual moved onto the waypoints. */
    static double[][] corrected(double[][] table, double[][] r, double minWeight) {
        double[][] c = new double[2][WINDOWS];
        for (int d = 0; d < 2; d++) {
            int previous = -1;
            for (int w = 0; w < WINDOWS; w++) {
                if (r[2][w] < minWeight) {
                    continue;
                }
                c[d][w] = r[d][w];
                for (int v = previous + 1; v < w; v++) {
                    c[d][v] = r[d][previous < 0 ? w : previous];
                }
                previous = w;
            }
            for (int v = previous + 1; v < WINDOWS; v++) {
                c[d][v] = previous < 0 ? 0 : r[d][previous];
            }
        }
        double[][] moved = new double[2][WINDOWS + 1];
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k <= WINDOWS; k++) {
                double left = c[d][Math.max(0, k - 1)];
                double right = c[d][Math.min(WINDOWS - 1, k)];
                moved[d][k] = table[d][k] + 0.5 * (left + right);
            }
        }
        // a zig-zag of the waypoints leaves every window mean, and so the residual, unchanged: a (1, 2, 1) / 4
        // smoothing of the table damps it
        double[][] out = new double[2][WINDOWS + 1];
        for (int d = 0; d < 2; d++) {
            for (int k = 0; k <= WINDOWS; k++) {
                double left = moved[d][Math.max(0, k - 1)];
                double right = moved[d][Math.min(WINDOWS, k + 1)];
                out[d][k] = 0.25 * left + 0.5 * moved[d][k] + 0.25 * right;
            }
        }
        return out;
    }

    /**
     * One timing step: a time warp of the path so that the emulated cumulative event count (per recording, as a
     * fraction of the whole recording's) follows the real one. Waypoint k (time 5k ms) takes the old path's position
     * at the time tau where the emulated cumulative count reaches the real one at 5k ms, moved by {@code alpha} of
     * the way from 5k ms to tau.
     */
    static double[][] warped(double[][] table, double[][] r, double alpha) {
        double[] real = cumulative(r[3]);
        double[] emulated = cumulative(r[4]);
        double[][] out = new double[2][WINDOWS + 1];
        for (int k = 0; k <= WINDOWS; k++) {
            double target = real[k];
            int j = 0;
            while (j < WINDOWS && emulated[j + 1] < target) {
                j++;
            }
            double tau;
            if (j >= WINDOWS) {
                tau = WINDOWS;
            } else {
                double span = emulated[j + 1] - emulated[j];
                tau = j + (span > 0 ? Math.max(0, Math.min(1, (target - emulated[j]) / span)) : 0);
            }
            double u = k + alpha * (tau - k);
            int i = (int) Math.min(Math.floor(u), WINDOWS - 1);
            double f = u - i;
            for (int d = 0; d < 2; d++) {
                out[d][k] = table[d][i] + f * (table[d][i + 1] - table[d][i]);
            }
        }
        return out;
    }

    /** Cumulative fractions at the window edges 0..WINDOWS of per-window counts. */
    private static double[] cumulative(double[] counts) {
        double[] c = new double[WINDOWS + 1];
        for (int w = 0; w < WINDOWS; w++) {
            c[w + 1] = c[w] + counts[w];
        }
        for (int k = 0; k <= WINDOWS; k++) {
            c[k] /= c[WINDOWS];
        }
        return c;
    }

    static DvsEmulatorConfig withTable(double[][] t) {
        return DvsEmulatorConfig.builder().pathTable(WINDOW_US, t[0], t[1]).build();
    }

    static String print(double[][] r) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < WINDOWS; w++) {
            sb.append(String.format(Locale.ROOT, "  %3d ms  dx %+6.2f dy %+6.2f  (w %.0f)  events real %.1f emulated "
                    + "%.1f%n", w * 5, r[0][w], r[1][w], r[2][w], r[3][w], r[4][w]));
        }
        return sb.toString();
    }

    static void report(String name, SaccadePathFit fit, DvsEmulatorConfig config, int from, int to, boolean windows)
            throws IOException {
        double[][] r = fit.residual(config, from, to);
        double min = 20.0 * (to - from + 1);
        double[] all = summary(r, 0, WINDOWS - 1, min);
        double[] s1 = summary(r, 0, 20, min);
        double[] s2 = summary(r, 21, 41, min);
        double[] s3 = summary(r, 42, 61, min);
        double[] c = fit.correlations(config, from, to);
        System.out.printf(Locale.ROOT, "%s, ids %d..%d (windows with weight >= 20 per pair): residual RMS %.2f px "
                + "(max %.2f); per saccade RMS %.2f / %.2f / "
                + "%.2f (max %.2f / %.2f / %.2f); stabilised image correlation %.3f / %.3f / %.3f%n", name, from, to,
                all[0], all[1], s1[0], s2[0], s3[0], s1[1], s2[1], s3[1], c[0], c[1], c[2]);
        if (windows) {
            System.out.print(print(r));
        }
    }

    /**
     * Args: datasets root, fit ids 1..N, iterations, held-out ids from..to. Iterations alternate a timing step and a
     * centroid step, the last two are centroid steps. Prints the table as Java source. With 0 iterations, compares
     * the triangle and the default config on the held-out ids.
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int fitCount = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        int heldFrom = Integer.parseInt(args[3]);
        int heldTo = Integer.parseInt(args[4]);
        SaccadePathFit fit = new SaccadePathFit(root, Math.max(fitCount, heldTo));
        DvsEmulatorConfig start = DvsEmulatorConfig.builder().clearPathTable().build();
        report("triangle (before)", fit, start, heldFrom, heldTo, iterations > 0);
        if (iterations == 0) {
            report("default (nmnistLike)", fit, DvsEmulatorConfig.nmnistLike(), heldFrom, heldTo, true);
            return;
        }
        double[][] t = table(start);
        for (int it = 0; it < iterations; it++) {
            double[][] r = fit.residual(withTable(t), 1, fitCount);
            double[] all = summary(r, 0, WINDOWS - 1, 20.0 * fitCount);
            System.out.printf(Locale.ROOT, "iteration %d: fit-set residual RMS %.3f px (max %.3f)%n", it, all[0],
                    all[1]);
            t = it % 2 == 0 && it < iterations - 2 ? warped(t, r, 0.7) : corrected(t, r, 20.0 * fitCount);
        }
        DvsEmulatorConfig fitted = withTable(t);
        report("fitted (after)", fit, fitted, heldFrom, heldTo, true);
        for (int d = 0; d < 2; d++) {
            StringBuilder sb = new StringBuilder(d == 0 ? "xs = {" : "ys = {");
            for (int k = 0; k <= WINDOWS; k++) {
                sb.append(String.format(Locale.ROOT, "%s%.2f", k == 0 ? "" : ", ", t[d][k]));
            }
            System.out.println(sb.append("};"));
        }
    }
}
