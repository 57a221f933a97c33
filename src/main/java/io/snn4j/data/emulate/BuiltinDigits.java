package io.snn4j.data.emulate;

import java.util.SplittableRandom;

/**
 * Handwriting-like digits 0-9 that snn4j draws itself, so that examples and tests need no downloaded data. Each
 * digit is a few poly-lines and elliptic arcs written for this project on a 10 x 16 unit box; every sample gets a
 * random affine distortion (rotation, scale, aspect, shear, translation) and stroke width, is rasterised with
 * anti-aliasing into 28 x 28 and shifted so its centre of mass is at the image centre, as MNIST digits are: white
 * strokes (255) on black (0).
 *
 * <p>Sample {@code index} of a set with seed {@code seed} is the same on every run and platform; its label is
 * {@code index mod 10}. Immutable and thread-safe.
 */
public final class BuiltinDigits {
    /** Image side in pixels. */
    public static final int SIZE = 28;
    private static final double BOX_WIDTH = 10;
    private static final double BOX_HEIGHT = 16;
    /** Pixels per stroke unit before random scaling: the 16-unit height becomes 20 pixels (MNIST's box). */
    private static final double PIXELS_PER_UNIT = 20.0 / BOX_HEIGHT;
    private static final double MAX_EXTENT_PX = 20;

    /** Strokes per digit: each stroke is a flat array x0, y0, x1, y1, ... in box units (y down). */
    private static final double[][][] STROKES = {
        {arc(5, 8, 4.6, 7.6, -90, 270)},
        {polyline(3.6, 2.8, 6.2, 0.2, 6.2, 16)},
        {concat(arc(5, 4.6, 4.4, 4.4, 200, 385), polyline(8.9, 6.5, 0.4, 15.8, 10, 15.8))},
        {arc(5, 4.1, 4.2, 3.9, 205, 450), arc(5, 11.8, 4.7, 4.2, 270, 520)},
        {polyline(6.8, 0.2, 0.4, 10.8, 10, 10.8), polyline(7.6, 4, 7.6, 16)},
        {concat(polyline(9.6, 0.4, 1.6, 0.4, 1.1, 7.2), arc(4.9, 11.2, 4.6, 4.7, 217, 520))},
        {arc(10.4, 10, 9.4, 9.8, 250, 180), arc(5.1, 11.6, 4.1, 4.3, 0, 360)},
        {polyline(0.4, 0.6, 9.6, 0.6, 3.8, 16)},
        {arc(5, 3.9, 3.7, 3.8, 0, 360), arc(5, 11.9, 4.5, 4.1, 0, 360)},
        {arc(4.9, 4.6, 4.2, 4.5, 0, 360), polyline(9.1, 4.6, 8.2, 16)},
    };

    private final long seed;

    /** A set of digits whose samples are drawn with randomness derived from {@code seed}. */
    public BuiltinDigits(long seed) {
        this.seed = seed;
    }

    /** Label of sample {@code index}: {@code index mod 10}. */
    public int label(long index) {
        checkIndex(index);
        return (int) (index % 10);
    }

    /**
     * Draws sample {@code index}.
     *
     * @return a new 28 x 28 row-major array of gray values 0..255
     */
    public float[] image(long index) {
        checkIndex(index);
        long mixed = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L)).nextLong();
        return draw(label(index), new SplittableRandom(mixed));
    }

    private static void checkIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, was " + index);
        }
    }

    /**
     * Draws one randomly distorted digit.
     *
     * @param digit  0..9
     * @param random source of the distortion; advanced
     * @return a new 28 x 28 row-major array of gray values 0..255
     */
    public static float[] draw(int digit, SplittableRandom random) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("digit must be in 0..9, was " + digit);
        }
        double angle = Math.toRadians(uniform(random, -12, 12));
        double scale = PIXELS_PER_UNIT * uniform(random, 0.82, 1.08);
        double aspect = uniform(random, 0.8, 1.15);
        double shear = uniform(random, -0.3, 0.25);
        double halfWidth = 0.5 * uniform(random, 2.2, 3.8);
        double ink = uniform(random, 0.85, 1.0);
        double shiftX = uniform(random, -0.8, 0.8);
        double shiftY = uniform(random, -0.8, 0.8);
        // x' = R (S (x - c)), S = [[scale * aspect, shear * scale], [0, scale]]
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double a = scale * aspect;
        double b = shear * scale;
        double d = scale;
        double m00 = cos * a;
        double m01 = cos * b - sin * d;
        double m10 = sin * a;
        double m11 = sin * b + cos * d;
        double[][] source = STROKES[digit];
        double[][] strokes = new double[source.length][];
        double centre = (SIZE - 1) / 2.0;
        for (int s = 0; s < source.length; s++) {
            double[] in = source[s];
            double[] out = new double[in.length];
            for (int k = 0; k < in.length; k += 2) {
                double x = in[k] - BOX_WIDTH / 2;
                double y = in[k + 1] - BOX_HEIGHT / 2;
                out[k] = centre + m00 * x + m01 * y;
                out[k + 1] = centre + m10 * x + m11 * y;
            }
            strokes[s] = out;
        }
        fitInBox(strokes, halfWidth, centre);
        float[] image = new float[SIZE * SIZE];
        rasterise(strokes, halfWidth, ink, image);
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < image.length; i++) {
            mass += image[i];
            mx += image[i] * (i % SIZE);
            my += image[i] * Math.floorDiv(i, SIZE); // the pixel's row
        }
        double dx = centre + shiftX - mx / mass;
        double dy = centre + shiftY - my / mass;
        for (double[] stroke : strokes) {
            for (int k = 0; k < stroke.length; k += 2) {
                stroke[k] += dx;
                stroke[k + 1] += dy;
            }
        }
        rasterise(strokes, halfWidth, ink, image);
        return image;
    }

    /** Shrinks the strokes about the centre so that ink, stroke width included, spans at most MNIST's 20 pixels. */
    private static void fitInBox(double[][] strokes, double halfWidth, double centre) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] s : strokes) {
            for (int k = 0; k < s.length; k += 2) {
                minX = Math.min(minX, s[k]);
                maxX = Math.max(maxX, s[k]);
                minY = Math.min(minY, s[k + 1]);
                maxY = Math.max(maxY, s[k + 1]);
            }
        }
        double extent = Math.max(maxX - minX, maxY - minY) + 2 * halfWidth;
        if (extent > MAX_EXTENT_PX) {
            double f = MAX_EXTENT_PX / extent;
            for (double[] s : strokes) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = centre + (s[k] - centre) * f;
                }
            }
        }
    }

    /** Anti-aliased thick poly-lines: coverage = clamp(halfWidth + 0.5 - distance, 0, 1) at each pixel centre. */
    private static void rasterise(double[][] strokes, double halfWidth, double ink, float[] image) {
        for (int py = 0; py < SIZE; py++) {
            for (int px = 0; px < SIZE; px++) {
                double best = Double.MAX_VALUE;
                for (double[] s : strokes) {
                    for (int k = 0; k + 3 < s.length; k += 2) {
                        double dist = segmentDistanceSquared(px, py, s[k], s[k + 1], s[k + 2], s[k + 3]);
                        if (dist < best) {
                            best = dist;
                        }
                    }
                }
                double coverage = Math.min(1, Math.max(0, halfWidth + 0.5 - Math.sqrt(best)));
                image[py * SIZE + px] = (float) (255 * ink * coverage);
            }
        }
    }

    private static double segmentDistanceSquared(double px, double py, double x0, double y0, double x1, double y1) {
        double vx = x1 - x0;
        double vy = y1 - y0;
        double len2 = vx * vx + vy * vy;
        double t = len2 == 0 ? 0 : ((px - x0) * vx + (py - y0) * vy) / len2;
        t = Math.max(0, Math.min(1, t));
        double ex = x0 + t * vx - px;
        double ey = y0 + t * vy - py;
        return ex * ex + ey * ey;
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    private static double[] polyline(double... xy) {
        return xy;
    }

    /**
     * Points of an elliptic arc, centre (cx, cy), radii (rx, ry), from angle a0 to a1 in degrees (y down, so angles
     * grow clockwise on screen; 270 is the top), one point per 10 degrees or fewer.
     */
    private static double[] arc(double cx, double cy, double rx, double ry, double a0, double a1) {
        int segments = Math.max(1, (int) Math.ceil(Math.abs(a1 - a0) / 10));
        double[] xy = new double[2 * (segments + 1)];
        for (int k = 0; k <= segments; k++) {
            double a = Math.toRadians(a0 + (a1 - a0) * k / segments);
            xy[2 * k] = cx + rx * Math.cos(a);
            xy[2 * k + 1] = cy + ry * Math.sin(a);
        }
        return xy;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
