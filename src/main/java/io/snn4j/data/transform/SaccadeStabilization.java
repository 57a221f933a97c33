package io.snn4j.data.transform;

import io.snn4j.data.EventStream;
import java.util.SplittableRandom;

/**
 * Removes the sensor's known ego-motion from N-MNIST recordings, in the spirit of Orchard's {@code stabilize}: each
 * event is moved back by the image displacement at its timestamp and rounded to the nearest pixel; events moved
 * outside the sensor are dropped. The output shows the digit where it was at {@code t = 0}.
 *
 * <h2>Motion model</h2>
 * During N-MNIST recording the ATIS performed three saccades along a triangle, each {@code saccadeUs} long. Within
 * saccade {@code k} (k = 0, 1, 2, starting at {@code k * saccadeUs}) the image moves linearly by {@code (dx_k, dy_k)}
 * pixels between {@code motionStartUs} and {@code motionEndUs} after the saccade's start and stands still otherwise:
 * <pre>
 *   f_k(t) = clamp((t - k * saccadeUs - motionStartUs) / (motionEndUs - motionStartUs), 0, 1)
 *   (px(t), py(t)) = sum over k of f_k(t) * (dx_k, dy_k)
 *   x' = floor(x - px(t) + 0.5),  y' = floor(y - py(t) + 0.5)
 * </pre>
 * The position is continuous and piecewise linear, constant before the first saccade's motion and after the third's.
 *
 * <h2>Constants of {@link #nmnist()}</h2>
 * Estimated from the real recordings of the {@code nmnist-small} set (x right, y down, pixels; the fit and what it
 * achieves are in {@code src/docs/notes/nmnist-motion.md}):
 * <pre>
 *   saccadeUs = 105,000   motionStartUs = 15,000   motionEndUs = 80,000
 *   saccade 1: (dx, dy) = (+2.39, +6.18)
 *   saccade 2: (dx, dy) = (+4.08, -6.63)
 *   saccade 3: (dx, dy) = (-5.92,  0.00)
 * </pre>
 *
 * <p>Immutable and thread-safe; draws no random numbers.
 */
public final class SaccadeStabilization implements Transform {
    private final long saccadeUs;
    private final long motionStartUs;
    private final long motionEndUs;
    private final double[] dxs;
    private final double[] dys;

    /**
     * @param saccadeUs     saccade period, &gt;= 1
     * @param motionStartUs start of motion within a saccade, in [0, motionEndUs)
     * @param motionEndUs   end of motion within a saccade, in (motionStartUs, saccadeUs]
     * @param dxs           read; image displacement in x per saccade (pixels), finite; length = number of saccades
     * @param dys           read; image displacement in y per saccade (pixels), finite; same length as dxs
     */
    public SaccadeStabilization(long saccadeUs, long motionStartUs, long motionEndUs, double[] dxs, double[] dys) {
        if (saccadeUs < 1) {
            throw new IllegalArgumentException("stabilization: saccadeUs must be >= 1, was " + saccadeUs);
        }
        if (motionStartUs < 0 || motionStartUs >= motionEndUs || motionEndUs > saccadeUs) {
            throw new IllegalArgumentException("stabilization: need 0 <= motionStartUs < motionEndUs <= saccadeUs,"
                    + " were " + motionStartUs + ", " + motionEndUs + ", " + saccadeUs);
        }
        if (dxs.length != dys.length) {
            throw new IllegalArgumentException("stabilization: dxs and dys must have equal length, were "
                    + dxs.length + " and " + dys.length);
        }
        for (int k = 0; k < dxs.length; k++) {
            if (!Double.isFinite(dxs[k]) || !Double.isFinite(dys[k])) {
                throw new IllegalArgumentException("stabilization: displacement of saccade " + k
                        + " must be finite, was (" + dxs[k] + ", " + dys[k] + ")");
            }
        }
        this.saccadeUs = saccadeUs;
        this.motionStartUs = motionStartUs;
        this.motionEndUs = motionEndUs;
        this.dxs = dxs.clone();
        this.dys = dys.clone();
    }

    /** The N-MNIST model with the constants documented above (the ones trained models record). */
    public static SaccadeStabilization nmnist() {
        return of(io.snn4j.pipeline.InputPipelines.nmnistSaccades());
    }

    /** The compensation a model's input pipeline records. */
    public static SaccadeStabilization of(io.snn4j.model.proto.SaccadeCompensationProto s) {
        return new SaccadeStabilization(s.getSaccadeUs(), s.getMotionStartUs(), s.getMotionEndUs(),
                s.getDxList().stream().mapToDouble(Double::doubleValue).toArray(),
                s.getDyList().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Image displacement in x (pixels) at {@code timestampUs}. */
    public double offsetX(long timestampUs) {
        return offset(timestampUs, dxs);
    }

    /** Image displacement in y (pixels) at {@code timestampUs}. */
    public double offsetY(long timestampUs) {
        return offset(timestampUs, dys);
    }

    private double offset(long t, double[] d) {
        double sum = 0;
        final double span = motionEndUs - motionStartUs;
        for (int k = 0; k < d.length; k++) {
            double f = (t - k * saccadeUs - motionStartUs) / span;
            sum += d[k] * (f <= 0 ? 0 : f >= 1 ? 1 : f);
        }
        return sum;
    }

    @Override
    public EventStream apply(EventStream events, SplittableRandom rng) {
        EventBuffer b = new EventBuffer(events);
        final double invSpan = 1.0 / (motionEndUs - motionStartUs);
        final int saccades = dxs.length;
        int m = 0;
        for (int i = 0; i < b.size; i++) {
            final long t = b.t[i];
            double px = 0;
            double py = 0;
            for (int k = 0; k < saccades; k++) {
                double f = (t - k * saccadeUs - motionStartUs) * invSpan;
                f = f <= 0 ? 0 : f >= 1 ? 1 : f;
                px += dxs[k] * f;
                py += dys[k] * f;
            }
            int x = (int) Math.floor(b.x[i] - px + 0.5);
            int y = (int) Math.floor(b.y[i] - py + 0.5);
            if (x >= 0 && x < b.width && y >= 0 && y < b.height) {
                b.move(i, m);
                b.x[m] = (short) x;
                b.y[m] = (short) y;
                m++;
            }
        }
        b.size = m;
        return b.toStream();
    }

    @Override
    public String toString() {
        return "SaccadeStabilization[saccadeUs=" + saccadeUs + ", motion " + motionStartUs + ".." + motionEndUs
                + " us, dx=" + java.util.Arrays.toString(dxs) + ", dy=" + java.util.Arrays.toString(dys) + "]";
    }
}
