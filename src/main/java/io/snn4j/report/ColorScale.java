package io.snn4j.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * Colours for heat maps and weight pictures: diverging (blue for negative, white for 0, red for positive, symmetric
 * around 0) or sequential (white for the lower bound to dark blue for the upper). Values outside the bounds take the
 * end colours. Immutable.
 */
final class ColorScale implements PaintScale {
    private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
    private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};
    private static final int[] HIGH = {0x08, 0x30, 0x6b};
    private final double lower;
    private final double upper;
    private final boolean diverging;

    private ColorScale(double lower, double upper, boolean diverging) {
        this.lower = lower;
        this.upper = upper > lower ? upper : lower + 1;
        this.diverging = diverging;
    }

    /** Diverging in [-limit, limit]. */
    static ColorScale diverging(double limit) {
        double l = limit > 0 && Double.isFinite(limit) ? limit : 1;
        return new ColorScale(-l, l, true);
    }

    /** Sequential in [lower, upper]. */
    static ColorScale sequential(double lower, double upper) {
        return new ColorScale(lower, upper, false);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return new Color(rgb(value));
    }

    /** The colour of {@code value} as 0xRRGGBB. */
    int rgb(double value) {
        if (Double.isNaN(value)) {
            return 0xcccccc;
        }
        if (diverging) {
            double t = Math.max(-1, Math.min(1, value / upper));
            return t < 0 ? mix(NEGATIVE, -t) : mix(POSITIVE, t);
        }
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower)));
        return mix(HIGH, t);
    }

    /** White mixed with {@code c} by {@code t} in [0, 1]. */
    private static int mix(int[] c, double t) {
        int r = (int) Math.round(255 + (c[0] - 255) * t);
        int g = (int) Math.round(255 + (c[1] - 255) * t);
        int b = (int) Math.round(255 + (c[2] - 255) * t);
        return (r << 16) | (g << 8) | b;
    }
}
